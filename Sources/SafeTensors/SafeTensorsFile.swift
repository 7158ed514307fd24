import AtomicFiles
import Foundation

/// A safetensors file in memory: named tensors plus optional string metadata.
///
/// Reading validates the whole layout (header length, JSON, dtypes, shapes, offsets);
/// writing is deterministic (tensors sorted by name) and atomic.
///
/// ```swift
/// let file = try SafeTensorsFile(contentsOf: URL(fileURLWithPath: "dancer.safetensors"))
/// let weight = try file.tensor(named: "enc1.conv1.weight").floats()
/// ```
public struct SafeTensorsFile: Equatable, Sendable {
    /// The tensors by name.
    public var tensors: [String: SafeTensor]
    /// The `__metadata__` string map (empty when absent).
    public var metadata: [String: String]

    /// The largest header accepted when reading (100 MB), as a guard against garbage lengths.
    public static let maxHeaderLength = 100_000_000

    /// Creates a file from tensors and metadata.
    ///
    /// ```swift
    /// let file = SafeTensorsFile(tensors: ["w": SafeTensor(floats: [1], shape: [1])], metadata: ["format": "pt"])
    /// ```
    public init(tensors: [String: SafeTensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Reads and validates the safetensors file at `url`.
    ///
    /// ```swift
    /// let file = try SafeTensorsFile(contentsOf: url)
    /// ```
    public init(contentsOf url: URL) throws {
        let path = url.path
        let bytes: Data
        do {
            // One open descriptor; a FIFO or device (/dev/zero), which would be read without end, is refused first.
            bytes = try RegularFile.contents(of: url)
        } catch {
            switch error {
            case .notFound: throw SafeTensorsError.ioFailure(file: path, reason: "no such file")
            case .directory, .notRegular: throw SafeTensorsError.ioFailure(file: path, reason: "not a regular file")
            case .tooLarge(let size, let limit): throw SafeTensorsError.ioFailure(file: path, reason: "\(size) bytes, over the \(limit)-byte limit")
            case .unreadable(let reason): throw SafeTensorsError.ioFailure(file: path, reason: "cannot read: \(reason)")
            }
        }
        self = try bytes.withUnsafeBytes { try SafeTensorsDecoder(bytes: $0, file: path).decode() }
    }

    /// Parses and validates safetensors bytes already in memory.
    ///
    /// ```swift
    /// let file = try SafeTensorsFile(data: try original.serialized())
    /// ```
    public init(data: Data) throws {
        self = try data.withUnsafeBytes { try SafeTensorsDecoder(bytes: $0, file: nil).decode() }
    }

    /// The tensor called `name`, or `SafeTensorsError.missingTensor` listing what is present.
    ///
    /// ```swift
    /// let bias = try file.tensor(named: "enc1.conv1.bias")
    /// ```
    public func tensor(named name: String) throws -> SafeTensor {
        guard let tensor = tensors[name] else {
            let names = tensors.keys.sorted()
            let shown = names.count > 20 ? Array(names.prefix(20)) + ["… (\(names.count) in all)"] : names
            throw SafeTensorsError.missingTensor(file: nil, tensor: name, available: shown)
        }
        return tensor
    }

    /// Serializes and writes atomically: a temp file in the same directory, then a rename over `url`.
    ///
    /// On failure the temp file is removed and any existing file at `url` is left untouched.
    ///
    /// ```swift
    /// try file.write(to: URL(fileURLWithPath: "weights.safetensors"))
    /// ```
    public func write(to url: URL) throws {
        let bytes = try serialized()
        do {
            try AtomicFile.write(bytes, to: url)
        } catch let failure as AtomicFile.Failure {
            throw SafeTensorsError.ioFailure(file: failure.path, reason: failure.reason)
        }
    }
}
