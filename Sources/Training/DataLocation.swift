import DenoiserKit
import Foundation
import Zoo

/// Where the MIT-BIH (`mitdb/`) and NSTDB (`nstdb/`) records are: `--data-dir`, else
/// `$DANCER_DATA_DIR`, else `../shared/data` when it exists (PROTOCOL.md: never downloaded
/// at run time).
///
/// ```swift
/// let data = try DataLocation.resolve(flag: dataDir)
/// let corpus = try CleanCorpus(dataDirectory: data.mitdb, records: ["100"])
/// ```
public struct DataLocation: Equatable, Sendable {
    /// The folder holding `mitdb/` and `nstdb/`.
    public let root: URL

    /// The MIT-BIH Arrhythmia Database records.
    public var mitdb: URL { root.appendingPathComponent("mitdb") }
    /// The noise records and the real stress-test records.
    public var nstdb: URL { root.appendingPathComponent("nstdb") }

    /// Uses `root` as is after checking it holds `mitdb/` and `nstdb/`.
    ///
    /// ```swift
    /// let data = try DataLocation(root: URL(fileURLWithPath: "/data/ecg"))
    /// ```
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        for folder in [mitdb, nstdb] where !FileManager.default.fileExists(atPath: folder.path) {
            throw TrainingError.dataFileMissing(path: folder.path)
        }
    }

    /// The data directory from the flag, the environment, or `../shared/data` next to the
    /// working directory or the repository (the first that exists).
    ///
    /// ```swift
    /// let data = try DataLocation.resolve(flag: nil)   // $DANCER_DATA_DIR or ../shared/data
    /// ```
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               currentDirectory: String = FileManager.default.currentDirectoryPath,
                               repositoryRoot: URL? = try? ModelZoo.shared.resolveRepositoryRoot()) throws -> DataLocation {
        if let flag, !flag.isEmpty { return try DataLocation(root: URL(fileURLWithPath: flag)) }
        if let variable = environment["DANCER_DATA_DIR"], !variable.isEmpty {
            return try DataLocation(root: URL(fileURLWithPath: variable))
        }
        let candidates = ([URL(fileURLWithPath: currentDirectory)] + (repositoryRoot.map { [$0] } ?? []))
            .map { $0.appendingPathComponent("../shared/data").standardizedFileURL }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("mitdb").path) }) else {
            throw TrainingError.dataDirectoryNotFound(tried: ["--data-dir (not given)", "$DANCER_DATA_DIR (not set)"] + candidates.map(\.path))
        }
        return try DataLocation(root: found)
    }
}
