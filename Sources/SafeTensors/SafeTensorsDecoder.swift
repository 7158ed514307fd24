import Foundation

/// Validates raw safetensors bytes and builds a `SafeTensorsFile`.
struct SafeTensorsDecoder {
    let bytes: UnsafeRawBufferPointer
    let file: String?

    /// One tensor entry of the header, before its bytes are copied.
    private struct Entry {
        var name: String
        var dtype: DType
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    func decode() throws -> SafeTensorsFile {
        let (header, dataStart) = try readHeader()
        guard case let .object(members) = header else {
            throw SafeTensorsError.invalidHeader(file: file, reason: "top level is \(header.summary), expected an object")
        }
        let bufferSize = bytes.count - dataStart
        var seen = Set<String>()
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        for (name, value) in members {
            guard seen.insert(name).inserted else { throw SafeTensorsError.duplicateTensor(file: file, tensor: name) }
            if name == "__metadata__" {
                metadata = try decodeMetadata(value)
            } else {
                entries.append(try decodeEntry(name: name, value: value, bufferSize: bufferSize))
            }
        }
        try checkCoverage(entries, bufferSize: bufferSize)
        var tensors: [String: SafeTensor] = [:]
        for entry in entries {
            let start = dataStart + entry.begin
            let data = Data(UnsafeRawBufferPointer(rebasing: bytes[start..<(dataStart + entry.end)]))
            tensors[entry.name] = SafeTensor(dtype: entry.dtype, shape: entry.shape, data: data)
        }
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }

    /// Reads the length prefix and parses the JSON header; returns it with the data buffer's start.
    private func readHeader() throws -> (JSONValue, Int) {
        guard bytes.count >= 8 else { throw SafeTensorsError.fileTooShort(file: file, size: bytes.count) }
        let declared = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        guard declared <= UInt64(SafeTensorsFile.maxHeaderLength) else {
            throw SafeTensorsError.headerLengthAbsurd(
                file: file, declared: declared, limit: SafeTensorsFile.maxHeaderLength)
        }
        let length = Int(declared)
        guard length <= bytes.count - 8 else {
            throw SafeTensorsError.headerLengthExceedsFile(file: file, declared: declared, available: bytes.count - 8)
        }
        do {
            return (try JSONParser.parse(Array(bytes[8..<(8 + length)])), 8 + length)
        } catch let failure as JSONParser.Failure {
            throw SafeTensorsError.invalidHeader(file: file, reason: failure.message)
        }
    }

    private func decodeMetadata(_ value: JSONValue) throws -> [String: String] {
        guard case let .object(members) = value else {
            throw SafeTensorsError.invalidMetadata(file: file, reason: "expected an object, found \(value.summary)")
        }
        var metadata: [String: String] = [:]
        for (key, item) in members {
            guard case let .string(text) = item else {
                throw SafeTensorsError.invalidMetadata(
                    file: file, reason: "value of '\(key)' must be a string, found \(item.summary)")
            }
            guard metadata.updateValue(text, forKey: key) == nil else {
                throw SafeTensorsError.invalidMetadata(file: file, reason: "key '\(key)' appears more than once")
            }
        }
        return metadata
    }

    private func decodeEntry(name: String, value: JSONValue, bufferSize: Int) throws -> Entry {
        guard case let .object(members) = value else {
            throw SafeTensorsError.invalidTensorEntry(file: file, tensor: name, reason: "expected an object, found \(value.summary)")
        }
        func field(_ key: String) throws -> JSONValue {
            let matches = members.filter { $0.key == key }
            guard matches.count == 1 else {
                let problem = matches.isEmpty ? "missing field" : "duplicate field"
                throw SafeTensorsError.invalidTensorEntry(file: file, tensor: name, reason: "\(problem) '\(key)'")
            }
            return matches[0].value
        }
        guard case let .string(dtypeName) = try field("dtype") else {
            throw SafeTensorsError.invalidTensorEntry(file: file, tensor: name, reason: "'dtype' must be a string")
        }
        guard let dtype = DType(rawValue: dtypeName) else {
            throw SafeTensorsError.unknownDType(file: file, tensor: name, found: dtypeName)
        }
        let shapeValue = try field("shape")
        guard let shape = Self.integers(shapeValue), shape.allSatisfy({ $0 >= 0 }) else {
            throw SafeTensorsError.invalidShape(file: file, tensor: name, found: shapeValue.summary)
        }
        let offsetsValue = try field("data_offsets")
        guard let offsets = Self.integers(offsetsValue), offsets.count == 2 else {
            throw SafeTensorsError.invalidTensorEntry(
                file: file, tensor: name, reason: "'data_offsets' must be two integers, found \(offsetsValue.summary)")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin >= 0, begin <= end, end <= bufferSize else {
            throw SafeTensorsError.offsetsOutOfRange(file: file, tensor: name, begin: begin, end: end, bufferSize: bufferSize)
        }
        guard let expected = SafeTensor(dtype: dtype, shape: shape, data: Data()).expectedByteCount else {
            throw SafeTensorsError.shapeTooLarge(file: file, tensor: name, dtype: dtype, shape: shape)
        }
        guard expected == end - begin else {
            throw SafeTensorsError.byteCountMismatch(
                file: file, tensor: name, dtype: dtype, shape: shape, expected: expected, found: end - begin)
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }

    /// Requires the tensors to tile the data buffer exactly: no overlaps, no unused bytes.
    private func checkCoverage(_ entries: [Entry], bufferSize: Int) throws {
        let ordered = entries.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expected = 0
        var previous: String?
        for entry in ordered {
            if entry.begin < expected, let previous {
                throw SafeTensorsError.overlappingTensors(file: file, tensor: entry.name, other: previous)
            }
            guard entry.begin == expected else {
                throw SafeTensorsError.holeInData(file: file, tensor: entry.name, expectedOffset: expected, foundOffset: entry.begin)
            }
            expected = entry.end
            previous = entry.name
        }
        guard expected == bufferSize else {
            throw SafeTensorsError.holeInData(file: file, tensor: nil, expectedOffset: expected, foundOffset: bufferSize)
        }
    }

    private static func integers(_ value: JSONValue) -> [Int]? {
        guard case let .array(items) = value else { return nil }
        var result: [Int] = []
        for item in items {
            guard case let .integer(number) = item else { return nil }
            result.append(number)
        }
        return result
    }
}
