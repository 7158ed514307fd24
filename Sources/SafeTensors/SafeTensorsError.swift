import Foundation

/// Everything that can go wrong while reading, converting or writing safetensors.
///
/// Each message names the file (when known), the tensor, what was expected and what was found.
///
/// ```swift
/// do { _ = try SafeTensorsFile(contentsOf: url) } catch let error as SafeTensorsError { print(error) }
/// ```
public enum SafeTensorsError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file is shorter than the 8-byte header length prefix.
    case fileTooShort(file: String?, size: Int)
    /// The declared header length exceeds the bytes present after the prefix.
    case headerLengthExceedsFile(file: String?, declared: UInt64, available: Int)
    /// The declared header length is larger than any sane header (`limit` bytes).
    case headerLengthAbsurd(file: String?, declared: UInt64, limit: Int)
    /// The header is not valid UTF-8 JSON of the expected shape.
    case invalidHeader(file: String?, reason: String)
    /// The `__metadata__` entry is not a string-to-string object.
    case invalidMetadata(file: String?, reason: String)
    /// A tensor entry lacks a field or has a field of the wrong type.
    case invalidTensorEntry(file: String?, tensor: String, reason: String)
    /// A tensor's dtype is not one of `DType`.
    case unknownDType(file: String?, tensor: String, found: String)
    /// A tensor's shape holds a negative or non-integer dimension.
    case invalidShape(file: String?, tensor: String, found: String)
    /// A tensor's shape × element size overflows `Int` (no buffer could hold it).
    case shapeTooLarge(file: String?, tensor: String, dtype: DType, shape: [Int])
    /// A tensor's `data_offsets` are reversed or point outside the data buffer.
    case offsetsOutOfRange(file: String?, tensor: String, begin: Int, end: Int, bufferSize: Int)
    /// Two tensors share bytes of the data buffer.
    case overlappingTensors(file: String?, tensor: String, other: String)
    /// The data buffer has bytes that belong to no tensor: `tensor` starts at `foundOffset` instead of
    /// `expectedOffset`, or (nil tensor) the tensors end at `expectedOffset` but the buffer has `foundOffset` bytes.
    case holeInData(file: String?, tensor: String?, expectedOffset: Int, foundOffset: Int)
    /// A tensor's byte count differs from shape × element size.
    case byteCountMismatch(file: String?, tensor: String, dtype: DType, shape: [Int], expected: Int, found: Int)
    /// The same tensor name occurs twice in a header.
    case duplicateTensor(file: String?, tensor: String)
    /// A tensor name is empty or reserved (`__metadata__`).
    case invalidTensorName(file: String?, tensor: String)
    /// A lookup by name found nothing; `available` lists a few present names.
    case missingTensor(file: String?, tensor: String, available: [String])
    /// `floats()` / `int64s()` cannot represent this dtype.
    case unsupportedConversion(from: DType, to: String)
    /// An element does not fit in the requested type (e.g. a U64 above `Int64.max`).
    case valueOutOfRange(dtype: DType, index: Int, to: String)
    /// The operating system refused to read or write the file.
    case ioFailure(file: String, reason: String)

    /// A one-line message naming the file, the item, and what was expected and found.
    ///
    /// ```swift
    /// catch let error as SafeTensorsError { print(error.description) }
    /// ```
    public var description: String {
        switch self {
        case let .fileTooShort(file, size):
            return "\(Self.label(file)): file is \(size) bytes, expected at least 8 (the header length prefix)"
        case let .headerLengthExceedsFile(file, declared, available):
            return "\(Self.label(file)): header length is \(declared) bytes but only \(available) bytes follow the prefix"
        case let .headerLengthAbsurd(file, declared, limit):
            return "\(Self.label(file)): header length \(declared) bytes exceeds the \(limit)-byte limit; not a safetensors file?"
        case let .invalidHeader(file, reason):
            return "\(Self.label(file)): invalid JSON header: \(reason)"
        case let .invalidMetadata(file, reason):
            return "\(Self.label(file)): invalid __metadata__: \(reason)"
        case let .invalidTensorEntry(file, tensor, reason):
            return "\(Self.label(file)): tensor '\(tensor)': \(reason)"
        case let .unknownDType(file, tensor, found):
            let known = DType.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(Self.label(file)): tensor '\(tensor)': unknown dtype '\(found)', expected one of \(known)"
        case let .invalidShape(file, tensor, found):
            return "\(Self.label(file)): tensor '\(tensor)': shape must be non-negative integers, found \(found)"
        case let .shapeTooLarge(file, tensor, dtype, shape):
            return "\(Self.label(file)): tensor '\(tensor)': \(dtype.rawValue) \(shape) is too large (its byte count overflows)"
        case let .offsetsOutOfRange(file, tensor, begin, end, bufferSize):
            return "\(Self.label(file)): tensor '\(tensor)': data_offsets [\(begin), \(end)] outside the \(bufferSize)-byte data buffer"
        case let .overlappingTensors(file, tensor, other):
            return "\(Self.label(file)): tensor '\(tensor)' overlaps tensor '\(other)' in the data buffer"
        case let .holeInData(file, tensor, expected, found):
            guard let tensor else {
                return "\(Self.label(file)): tensors end at byte \(expected) but the data buffer has \(found) bytes (unused bytes)"
            }
            return "\(Self.label(file)): tensor '\(tensor)' starts at byte \(found), expected \(expected) (unused bytes before it)"
        case let .byteCountMismatch(file, tensor, dtype, shape, expected, found):
            return "\(Self.label(file)): tensor '\(tensor)': \(dtype.rawValue) \(shape) needs \(expected) bytes, found \(found)"
        case let .duplicateTensor(file, tensor):
            return "\(Self.label(file)): tensor '\(tensor)' appears more than once in the header"
        case let .invalidTensorName(file, tensor):
            return "\(Self.label(file)): invalid tensor name '\(tensor)' (empty or reserved)"
        case let .missingTensor(file, tensor, available):
            return "\(Self.label(file)): no tensor '\(tensor)'; available: \(available.joined(separator: ", "))"
        case let .unsupportedConversion(from, to):
            return "cannot convert \(from.rawValue) elements to \(to)"
        case let .valueOutOfRange(dtype, index, to):
            return "\(dtype.rawValue) element \(index) does not fit in \(to)"
        case let .ioFailure(file, reason):
            return "\(file): \(reason)"
        }
    }

    /// The same message as `description`, for `localizedDescription`.
    ///
    /// ```swift
    /// catch { print(error.localizedDescription) }
    /// ```
    public var errorDescription: String? { description }

    private static func label(_ file: String?) -> String { file ?? "<safetensors data>" }
}
