import Foundation
import SafeTensors

/// The zoo's catalogue, decoded from `Registry.json`: every model id with its target, type,
/// family, description, default configuration and shipped checkpoints.
///
/// ```swift
/// let registry = try Registry(data: Data(contentsOf: url), source: "Registry.json")
/// registry.model("dancer")?.checkpoints.map(\.name)   // ["emb", "bw", …]
/// ```
public struct Registry: Codable, Equatable, Sendable {
    /// The newest registry format this code reads.
    public static let supportedFormatVersion = 1

    public var formatVersion: Int
    /// The benchmark protocol the registered metrics were measured with.
    public var protocolVersion: String
    public var models: [Entry]

    /// One model of the zoo.
    public struct Entry: Codable, Equatable, Sendable {
        /// The zoo id (lowercase, digits and dashes), e.g. `dancer-channel`.
        public var id: String
        /// The SwiftPM target (module) that implements it.
        public var target: String
        /// The type that builds it (a `NeuralModel` or a `ClassicalModel`).
        public var type: String
        public var family: ModelFamily
        public var summary: String
        public var reference: String
        /// The default configuration (JSON object decoded by the model's `Configuration`).
        public var config: JSONValue?
        public var checkpoints: [CheckpointEntry]
    }

    /// A shipped checkpoint of a model.
    public struct CheckpointEntry: Codable, Equatable, Sendable {
        /// Its tag, usually the noise type it was trained on (`emb`, `bw`, `ma`, `em`).
        public var name: String
        /// The archive, relative to the repository root (`Models/<id>/<id>-<name>.zip`).
        public var file: String
        /// The archive's SHA-256 (hex); loading refuses anything else.
        public var sha256: String
        /// The archive's size in bytes.
        public var size: Int
        /// What it achieved on the benchmark (free-form numbers, e.g. `snr_out_0dB`).
        public var metrics: [String: Double]?

        public init(name: String, file: String, sha256: String, size: Int, metrics: [String: Double]? = nil) {
            self.name = name
            self.file = file
            self.sha256 = sha256
            self.size = size
            self.metrics = metrics
        }
    }

    /// Decodes and validates a registry; `source` names the file in errors. A key repeated
    /// in one object is refused (JSON readers disagree on which of the two counts).
    public init(data: Data, source: String) throws {
        if let key = StrictJSON.duplicateKeyPath(in: data) {
            throw ZooError.invalidRegistry(file: source, reason: "key '\(key)' appears more than once")
        }
        do {
            self = try JSONDecoder().decode(Registry.self, from: data)
        } catch let error as DecodingError {
            throw ZooError.invalidRegistry(file: source, reason: Self.describe(error, in: data))
        }
        try validate(source: source)
    }

    public init(formatVersion: Int = supportedFormatVersion, protocolVersion: String, models: [Entry]) {
        self.formatVersion = formatVersion
        self.protocolVersion = protocolVersion
        self.models = models
    }

    /// The entry for `id`, if registered.
    public func model(_ id: String) -> Entry? { models.first { $0.id == id } }

    /// Checks ids, versions and checkpoint fields, naming the offending entry.
    public func validate(source: String) throws {
        guard formatVersion <= Self.supportedFormatVersion else {
            throw ZooError.invalidRegistry(file: source, reason: "format version \(formatVersion) is newer than this code reads (\(Self.supportedFormatVersion)); update DANCER Zoo")
        }
        var seen: Set<String> = []
        for entry in models {
            guard Self.isValidID(entry.id) else {
                throw ZooError.invalidRegistry(file: source, reason: "model id '\(entry.id)' must be lowercase letters, digits and dashes")
            }
            guard seen.insert(entry.id).inserted else {
                throw ZooError.invalidRegistry(file: source, reason: "model id '\(entry.id)' is registered twice")
            }
            var names: Set<String> = []
            for checkpoint in entry.checkpoints {
                guard names.insert(checkpoint.name).inserted else {
                    throw ZooError.invalidRegistry(file: source, reason: "\(entry.id): checkpoint '\(checkpoint.name)' is listed twice")
                }
                if let problem = Self.checkpointProblem(checkpoint) {
                    throw ZooError.invalidRegistry(file: source, reason: "\(entry.id)/\(checkpoint.name): \(problem)")
                }
            }
            for checkpoint in entry.checkpoints {
                let (base, run) = CheckpointRuns.parse(checkpoint.name)
                if run > 1, !names.contains(base) {
                    throw ZooError.invalidRegistry(file: source, reason: "\(entry.id)/\(checkpoint.name) is run \(run) of '\(base)', which is not registered (run 1 keeps the plain name)")
                }
            }
        }
    }

    /// A lowercase letter, then lowercase letters, digits and dashes (checked byte by byte: a
    /// regex `$` would also accept a trailing newline).
    private static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, isLowercaseLetter(first) else { return false }
        return id.utf8.allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// What is wrong with a checkpoint's sha256, size or file, or nil.
    private static func checkpointProblem(_ checkpoint: CheckpointEntry) -> String? {
        let hex = checkpoint.sha256.utf8
        guard hex.count == 64, hex.allSatisfy({ isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) else {
            return "sha256 must be 64 lowercase hex digits"
        }
        guard checkpoint.size > 0 else { return "size \(checkpoint.size) must be positive" }
        return fileProblem(checkpoint.file).map {
            "file \(checkpoint.file.debugDescription) \($0); it must be a relative .zip path inside the repository"
        }
    }

    /// Why `file` could point outside the repository or at something other than an archive, or nil.
    private static func fileProblem(_ file: String) -> String? {
        if file.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "contains a control character" }
        if file.contains("\\") { return "contains a backslash" }
        if file.hasPrefix("/") || file.hasPrefix("~") || file.split(separator: "/").first?.contains(":") == true {
            return "is absolute"
        }
        if file.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." }) {
            return "escapes the repository or is not normalised ('..' or '.')"
        }
        if !file.hasSuffix(".zip") { return "does not end in .zip" }
        return nil
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// A one-line explanation of a decoding error of `data` with the JSON path where it
    /// happened (also used for checkpoint manifests).
    static func describe(_ error: DecodingError, in data: Data) -> String {
        // Foundation reports a number that does not fit its field (1.5 or 1e30 for an Int, -1
        // for a UInt64) as "not valid JSON" with no path; tell that apart from real syntax errors.
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
           (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
            return "a number does not fit its field (a fraction, or out of range, where an integer is expected)"
        }
        return describe(error)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        return parts.isEmpty ? "top level" : parts.joined(separator: ".")
    }
}
