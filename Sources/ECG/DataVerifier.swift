import Foundation

/// One problem found while verifying a data directory.
public struct DataProblem: Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Equatable, Sendable {
        /// Listed in the checksum file but absent.
        case missing
        /// Present but with another SHA-256.
        case corrupt(expected: String, actual: String)
        /// Present but inconsistent with its header (size), or a header that does not parse.
        case inconsistent(String)
    }
    /// Path relative to the data directory, e.g. "mitdb/100.dat".
    public var path: String
    /// The problem.
    public var kind: Kind

    public var description: String {
        switch kind {
        case .missing: return "\(path): missing"
        case .corrupt(let expected, let actual): return "\(path): corrupt (SHA-256 \(actual), expected \(expected))"
        case .inconsistent(let reason): return "\(path): \(reason)"
        }
    }
}

/// The outcome of `DataVerifier.verify`.
public struct DataVerificationReport: Sendable {
    /// Files listed in the checksum file.
    public var checkedFiles: Int
    /// Everything found wrong (empty when the data is intact).
    public var problems: [DataProblem]
    /// True when no problem was found.
    public var isValid: Bool { problems.isEmpty }

    /// Throws `ECGError.verificationFailed` listing each problem, if any.
    ///
    /// ```swift
    /// try DataVerifier.verify(dataDirectory: dir).requireValid()
    /// ```
    public func requireValid() throws {
        if !problems.isEmpty { throw ECGError.verificationFailed(problems: problems.map(\.description)) }
    }
}

/// Checks a data directory against a `SHA256SUMS` list (`<hex>  <relative path>` per line) and
/// every WFDB header against the size of its data files.
///
/// ```swift
/// let report = try DataVerifier.verify(dataDirectory: URL(fileURLWithPath: "../shared/data"))
/// for problem in report.problems { print(problem) }
/// ```
public enum DataVerifier {
    /// Verifies every listed file; throws only if the checksum list itself is missing or malformed.
    ///
    /// ```swift
    /// let report = try DataVerifier.verify(dataDirectory: dir)
    /// ```
    public static func verify(dataDirectory: URL, checksumsFile: String = "SHA256SUMS",
                              progress: ((String) -> Void)? = nil) throws -> DataVerificationReport {
        let listURL = dataDirectory.appendingPathComponent(checksumsFile)
        let data = try readFile(listURL)
        let entries = try parseChecksums(String(decoding: data, as: UTF8.self), file: listURL.path)
        var problems: [DataProblem] = []
        let fm = FileManager.default
        for (path, expected) in entries {
            progress?(path)
            let url = dataDirectory.appendingPathComponent(path)
            guard fm.fileExists(atPath: url.path) else { problems.append(DataProblem(path: path, kind: .missing)); continue }
            let actual = try SHA256.hash(fileAt: url)
            if actual != expected { problems.append(DataProblem(path: path, kind: .corrupt(expected: expected, actual: actual))) }
            if path.hasSuffix(".hea") { problems += headerProblems(headerPath: path, in: dataDirectory) }
        }
        var seen = Set<String>()
        problems = problems.filter { seen.insert($0.description).inserted }
        return DataVerificationReport(checkedFiles: entries.count, problems: problems)
    }

    /// Parses a SHA256SUMS list: `<64 hex>  <path>` (one or two spaces, optional `*`), `#` comments allowed.
    ///
    /// ```swift
    /// let entries = try DataVerifier.parseChecksums(text, file: "SHA256SUMS")
    /// ```
    public static func parseChecksums(_ text: String, file: String) throws -> [(path: String, sha256: String)] {
        var result: [(String, String)] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let hex = String(line.prefix { !$0.isWhitespace }).lowercased()
            var path = line.dropFirst(hex.count).drop { $0.isWhitespace }
            if path.hasPrefix("*") { path = path.dropFirst() }
            guard hex.count == 64, hex.allSatisfy(\.isHexDigit), !path.isEmpty,
                  !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                throw ECGError.malformedChecksumList(file: file, line: i + 1, reason: "expected '<64 hex digits>  <relative path>', found '\(line.prefix(100))'")
            }
            result.append((String(path), hex))
        }
        return result
    }

    /// Size problems of the data files of the header at `headerPath` (relative to `directory`).
    static func headerProblems(headerPath: String, in directory: URL) -> [DataProblem] {
        let url = directory.appendingPathComponent(headerPath)
        let header: WFDBHeader
        do { header = try WFDBHeader(contentsOf: url) } catch {
            return [DataProblem(path: headerPath, kind: .inconsistent("header does not parse: \(error)"))]
        }
        let folder = (headerPath as NSString).deletingLastPathComponent
        var problems: [DataProblem] = []
        for (name, expected) in WFDBRecord.expectedFileSizes(header).sorted(by: { $0.key < $1.key }) {
            let relative = folder.isEmpty ? name : folder + "/" + name
            let dataURL = directory.appendingPathComponent(relative)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: dataURL.path),
                  let size = (attributes[.size] as? NSNumber)?.intValue else {
                problems.append(DataProblem(path: relative, kind: .missing))
                continue
            }
            if let expected, expected != size {
                problems.append(DataProblem(path: relative, kind: .inconsistent("header \(headerPath) implies \(expected) bytes, file has \(size)")))
            }
        }
        return problems
    }
}
