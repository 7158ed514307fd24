import ArgumentParser
import DenoiserKit
import Foundation
import Zoo

/// `--data-dir`: the MIT-BIH/NSTDB directory (holding `mitdb/` and `nstdb/`).
struct DataDirectoryOptions: ParsableArguments {
    @Option(help: "Data directory with mitdb/ and nstdb/ (default: $DANCER_DATA_DIR, else ../shared/data next to the working directory or the repository, if present).")
    var dataDir: String?

    /// The directory to use, or an error saying how to give one.
    func resolved() throws -> URL {
        if let dataDir { return URL(fileURLWithPath: dataDir) }
        if let environment = ProcessInfo.processInfo.environment["DANCER_DATA_DIR"], !environment.isEmpty {
            return URL(fileURLWithPath: environment)
        }
        var candidates = [URL(fileURLWithPath: "../shared/data").standardizedFileURL]
        if let root = try? ModelZoo.shared.resolveRepositoryRoot() {
            candidates.append(root.appendingPathComponent("../shared/data").standardizedFileURL)
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw CommandError("no data directory (looked in \(candidates.map(\.path).joined(separator: ", "))): pass --data-dir DIR or set DANCER_DATA_DIR; it should hold mitdb/ and nstdb/")
        }
        return found
    }
}
