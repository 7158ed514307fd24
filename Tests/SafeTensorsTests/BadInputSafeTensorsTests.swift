import Foundation
import Testing
@testable import SafeTensors

/// One hostile safetensors file: its bytes, the error it must give (for a file name, or nil
/// for bytes in memory) and a phrase of the message that states the problem.
struct BadSafeTensors: Sendable, CustomTestStringConvertible {
    let label: String
    let bytes: Data
    /// The exact error; nil means `.invalidHeader` whose reason contains `problem`.
    let expected: (@Sendable (String?) -> SafeTensorsError)?
    let problem: String

    var testDescription: String { label }

    init(_ label: String, _ bytes: Data, problem: String, expected: (@Sendable (String?) -> SafeTensorsError)? = nil) {
        self.label = label
        self.bytes = bytes
        self.problem = problem
        self.expected = expected
    }

    /// A file from a header written by hand (no padding) and a data buffer.
    init(_ label: String, header: String, data: [UInt8] = [], problem: String,
         expected: (@Sendable (String?) -> SafeTensorsError)? = nil) {
        self.init(label, TestSupport.rawFile(header: header, data: data), problem: problem, expected: expected)
    }

    /// A file whose 8-byte length prefix is `length`, followed by `rest`.
    init(_ label: String, length: UInt64, rest: [UInt8], problem: String,
         expected: (@Sendable (String?) -> SafeTensorsError)? = nil) {
        var bytes = Data()
        withUnsafeBytes(of: length.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: rest)
        self.init(label, bytes, problem: problem, expected: expected)
    }
}

/// A tensor entry of a header: `"name":{"dtype":…,"shape":…,"data_offsets":…}`.
private func entry(_ name: String, _ dtype: String = "F32", shape: String = "[1]", offsets: String) -> String {
    "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
}

/// A valid file: `w` F32 [2] then `b` F32 [1] (12 data bytes).
private let validFile = TestSupport.rawFile(
    header: "{\(entry("w", shape: "[2]", offsets: "[0,8]")),\(entry("b", offsets: "[8,12]"))}",
    data: Array(0..<12))

private let maxHeader = SafeTensorsFile.maxHeaderLength

private let badFiles: [BadSafeTensors] = [
    // Length prefix and truncation.
    BadSafeTensors("empty file", Data(), problem: "file is 0 bytes") { .fileTooShort(file: $0, size: 0) },
    BadSafeTensors("7 bytes", Data(repeating: 0, count: 7), problem: "expected at least 8") { .fileTooShort(file: $0, size: 7) },
    BadSafeTensors("header cut", validFile.prefix(40), problem: "only 32 bytes follow the prefix") {
        .headerLengthExceedsFile(file: $0, declared: UInt64(validFile.count - 20), available: 32)
    },
    BadSafeTensors("data cut", validFile.dropLast(2), problem: "outside the 10-byte data buffer") {
        .offsetsOutOfRange(file: $0, tensor: "b", begin: 8, end: 12, bufferSize: 10)
    },
    BadSafeTensors("header length past the end", length: 1000, rest: Array("{}".utf8), problem: "header length is 1000 bytes") {
        .headerLengthExceedsFile(file: $0, declared: 1000, available: 2)
    },
    BadSafeTensors("header length 2^63", length: 1 << 63, rest: Array("{}".utf8), problem: "exceeds the") {
        .headerLengthAbsurd(file: $0, declared: 1 << 63, limit: maxHeader)
    },
    BadSafeTensors("header length just over the limit", length: UInt64(maxHeader) + 1, rest: [], problem: "not a safetensors file?") {
        .headerLengthAbsurd(file: $0, declared: UInt64(maxHeader) + 1, limit: maxHeader)
    },
    BadSafeTensors("header length 0", length: 0, rest: [], problem: "unexpected end of input"),
    BadSafeTensors("header length 1", length: 1, rest: Array("{".utf8), problem: "expected '\"'"),
    // Not JSON, not an object, not UTF-8.
    BadSafeTensors("header not JSON", header: "hello", problem: "expected a digit"),
    BadSafeTensors("header null", header: "null", problem: "top level is null, expected an object"),
    BadSafeTensors("header array", header: "[]", problem: "top level is [], expected an object"),
    BadSafeTensors("header string", header: "\"w\"", problem: "top level is \"w\", expected an object"),
    BadSafeTensors("header number", header: "8", problem: "top level is 8, expected an object"),
    BadSafeTensors("raw 0xFF bytes", length: 4, rest: [0xFF, 0xFE, 0xFD, 0xFC], problem: "expected a digit"),
    BadSafeTensors("overlong UTF-8 in a name", length: 8, rest: [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D],
                   problem: "invalid UTF-8 in string"),
    BadSafeTensors("lone surrogate escape", header: #"{"\ud800":1}"#, problem: "expected '\\'"),
    BadSafeTensors("nesting 100 deep", header: "{\"a\":" + String(repeating: "[", count: 100), problem: "nesting deeper than 64"),
    BadSafeTensors("NUL padding", header: "{}\0\0\0\0\0\0", problem: "unexpected trailing characters"),
    // Duplicates: the parser keeps every member, the decoder refuses the second.
    BadSafeTensors("duplicate tensor", header: "{\(entry("w", offsets: "[0,4]")),\(entry("w", offsets: "[4,8]"))}",
                   data: Array(repeating: 0, count: 8), problem: "appears more than once") { .duplicateTensor(file: $0, tensor: "w") },
    BadSafeTensors("duplicate tensor via \\u escape",
                   header: "{\(entry("w", offsets: "[0,4]")),\(entry("\\u0077", offsets: "[4,8]"))}",
                   data: Array(repeating: 0, count: 8), problem: "'w' appears more than once") { .duplicateTensor(file: $0, tensor: "w") },
    BadSafeTensors("duplicate __metadata__", header: #"{"__metadata__":{},"__metadata__":{"a":"b"}}"#,
                   problem: "appears more than once") { .duplicateTensor(file: $0, tensor: "__metadata__") },
    BadSafeTensors("duplicate field", header: #"{"w":{"dtype":"F32","dtype":"I8","shape":[1],"data_offsets":[0,4]}}"#,
                   data: [0, 0, 0, 0], problem: "duplicate field 'dtype'") {
        .invalidTensorEntry(file: $0, tensor: "w", reason: "duplicate field 'dtype'")
    },
    BadSafeTensors("duplicate metadata key", header: #"{"__metadata__":{"k":"a","k":"b"}}"#, problem: "appears more than once") {
        .invalidMetadata(file: $0, reason: "key 'k' appears more than once")
    },
    // Entries of the wrong shape.
    BadSafeTensors("entry not an object", header: #"{"w":3}"#, problem: "expected an object, found 3") {
        .invalidTensorEntry(file: $0, tensor: "w", reason: "expected an object, found 3")
    },
    BadSafeTensors("dtype not a string", header: #"{"w":{"dtype":4,"shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0],
                   problem: "'dtype' must be a string") {
        .invalidTensorEntry(file: $0, tensor: "w", reason: "'dtype' must be a string")
    },
    BadSafeTensors("unknown dtype F8_E4M3", header: "{\(entry("w", "F8_E4M3", offsets: "[0,1]"))}", data: [0],
                   problem: "unknown dtype 'F8_E4M3'") { .unknownDType(file: $0, tensor: "w", found: "F8_E4M3") },
    BadSafeTensors("lowercase dtype", header: "{\(entry("w", "f32", offsets: "[0,4]"))}", data: [0, 0, 0, 0],
                   problem: "unknown dtype 'f32'") { .unknownDType(file: $0, tensor: "w", found: "f32") },
    // Shapes.
    BadSafeTensors("negative dim", header: "{\(entry("w", shape: "[2,-3]", offsets: "[0,0]"))}",
                   problem: "shape must be non-negative integers") { .invalidShape(file: $0, tensor: "w", found: "[2, -3]") },
    BadSafeTensors("Int.min dim", header: "{\(entry("w", shape: "[\(Int.min)]", offsets: "[0,0]"))}",
                   problem: "shape must be non-negative") { .invalidShape(file: $0, tensor: "w", found: "[\(Int.min)]") },
    BadSafeTensors("dim beyond Int64", header: "{\(entry("w", shape: "[18446744073709551616]", offsets: "[0,0]"))}",
                   problem: "shape must be non-negative integers") {
        .invalidShape(file: $0, tensor: "w", found: "[1.8446744073709552e+19]")
    },
    BadSafeTensors("dims whose product overflows", header: "{\(entry("w", shape: "[4611686018427387904,4]", offsets: "[0,4]"))}",
                   data: [0, 0, 0, 0], problem: "is too large (its byte count overflows)") {
        .shapeTooLarge(file: $0, tensor: "w", dtype: .f32, shape: [4_611_686_018_427_387_904, 4])
    },
    BadSafeTensors("Int.max × Int.max", header: "{\(entry("w", "U8", shape: "[\(Int.max),\(Int.max)]", offsets: "[0,1]"))}",
                   data: [0], problem: "overflows") { .shapeTooLarge(file: $0, tensor: "w", dtype: .u8, shape: [.max, .max]) },
    BadSafeTensors("huge dim, tiny data", header: "{\(entry("w", shape: "[1099511627776]", offsets: "[0,4]"))}",
                   data: [0, 0, 0, 0], problem: "needs 4398046511104 bytes, found 4") {
        .byteCountMismatch(file: $0, tensor: "w", dtype: .f32, shape: [1 << 40], expected: 4 << 40, found: 4)
    },
    // Offsets.
    BadSafeTensors("offsets reversed", header: "{\(entry("w", offsets: "[8,4]"))}", data: Array(repeating: 0, count: 8),
                   problem: "data_offsets [8, 4] outside") {
        .offsetsOutOfRange(file: $0, tensor: "w", begin: 8, end: 4, bufferSize: 8)
    },
    BadSafeTensors("end offset Int.max", header: "{\(entry("w", offsets: "[0,\(Int.max)]"))}", data: [0, 0, 0, 0],
                   problem: "outside the 4-byte data buffer") {
        .offsetsOutOfRange(file: $0, tensor: "w", begin: 0, end: .max, bufferSize: 4)
    },
    BadSafeTensors("offset beyond Int64", header: "{\(entry("w", offsets: "[0,99999999999999999999]"))}", data: [0, 0, 0, 0],
                   problem: "'data_offsets' must be two integers") {
        .invalidTensorEntry(file: $0, tensor: "w", reason: "'data_offsets' must be two integers, found [0, 1e+20]")
    },
    BadSafeTensors("offsets as floats", header: "{\(entry("w", offsets: "[0.0,4.0]"))}", data: [0, 0, 0, 0],
                   problem: "'data_offsets' must be two integers") {
        .invalidTensorEntry(file: $0, tensor: "w", reason: "'data_offsets' must be two integers, found [0.0, 4.0]")
    },
    BadSafeTensors("partial overlap", header: "{\(entry("a", shape: "[2]", offsets: "[0,8]")),\(entry("b", shape: "[2]", offsets: "[4,12]"))}",
                   data: Array(repeating: 0, count: 12), problem: "overlaps tensor 'a'") {
        .overlappingTensors(file: $0, tensor: "b", other: "a")
    },
    BadSafeTensors("empty tensor inside another", header: "{\(entry("a", shape: "[2]", offsets: "[0,8]")),\(entry("e", shape: "[0]", offsets: "[4,4]"))}",
                   data: Array(repeating: 0, count: 8), problem: "overlaps tensor 'a'") {
        .overlappingTensors(file: $0, tensor: "e", other: "a")
    },
    BadSafeTensors("gap before the first tensor", header: "{\(entry("w", offsets: "[4,8]"))}", data: Array(repeating: 0, count: 8),
                   problem: "starts at byte 4, expected 0") {
        .holeInData(file: $0, tensor: "w", expectedOffset: 0, foundOffset: 4)
    },
    BadSafeTensors("trailing bytes", header: "{\(entry("w", offsets: "[0,4]"))}", data: Array(repeating: 0, count: 5),
                   problem: "tensors end at byte 4 but the data buffer has 5 bytes") {
        .holeInData(file: $0, tensor: nil, expectedOffset: 4, foundOffset: 5)
    },
    BadSafeTensors("data but no tensors", header: "{}", data: [1, 2, 3], problem: "unused bytes") {
        .holeInData(file: $0, tensor: nil, expectedOffset: 0, foundOffset: 3)
    },
    BadSafeTensors("F64 size for an F32 shape", header: "{\(entry("w", "F64", shape: "[1]", offsets: "[0,4]"))}",
                   data: [0, 0, 0, 0], problem: "F64 [1] needs 8 bytes, found 4") {
        .byteCountMismatch(file: $0, tensor: "w", dtype: .f64, shape: [1], expected: 8, found: 4)
    },
]

@Suite struct BadInputSafeTensorsTests {
    /// From memory: the exact error, with the `<safetensors data>` label.
    @Test(arguments: badFiles)
    func refusedInMemory(_ bad: BadSafeTensors) {
        check(bad, error: Result { try SafeTensorsFile(data: bad.bytes) }, file: nil)
    }

    /// From disk: the same error, and the message starts with the file's path.
    @Test(arguments: badFiles)
    func refusedFromDiskNamingTheFile(_ bad: BadSafeTensors) throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("hostile.safetensors")
        try bad.bytes.write(to: url)
        check(bad, error: Result { try SafeTensorsFile(contentsOf: url) }, file: url.path)
    }

    private func check(_ bad: BadSafeTensors, error result: Result<SafeTensorsFile, any Error>, file: String?) {
        guard case let .failure(failure) = result else { Issue.record("\(bad.label): accepted"); return }
        guard let error = failure as? SafeTensorsError else { Issue.record("\(bad.label): untyped \(failure)"); return }
        if let expected = bad.expected {
            #expect(error == expected(file), "\(bad.label)")
        } else {
            guard case let .invalidHeader(errorFile, reason) = error else { Issue.record("\(bad.label): got \(error)"); return }
            #expect(errorFile == file && reason.contains(bad.problem), "\(bad.label): \(reason)")
        }
        #expect(error.description.hasPrefix("\(file ?? "<safetensors data>"): "), "\(bad.label): \(error)")
        #expect(error.description.contains(bad.problem), "\(bad.label): \(error)")
    }

    /// Every strict prefix of a valid file is refused with a typed error: nothing is read past the end.
    @Test func everyTruncationIsRefused() throws {
        #expect(try SafeTensorsFile(data: validFile).tensors.count == 2)
        for length in 0..<validFile.count {
            #expect(throws: SafeTensorsError.self, "prefix of \(length) bytes") { try SafeTensorsFile(data: validFile.prefix(length)) }
        }
    }

    /// Every single-byte change to the header either still decodes or gives a typed error.
    @Test func everyHeaderByteFlipGivesATypedResult() {
        let headerEnd = 8 + Int(validFile[0])
        for index in 0..<headerEnd {
            for value: UInt8 in [0x00, 0x22, 0x2C, 0x2D, 0x5B, 0x7D, 0x39, 0xFF] {
                var bytes = validFile
                bytes[index] = value
                do {
                    _ = try SafeTensorsFile(data: bytes)
                } catch {
                    #expect(error is SafeTensorsError, "byte \(index) = \(value): \(error)")
                }
            }
        }
    }

    /// Directories, FIFOs and devices are refused before reading (`/dev/zero` would never end).
    @Test func nonRegularFilesAreRefused() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths = [directory.path]
        if FileManager.default.fileExists(atPath: "/dev/zero") { paths.append("/dev/zero") }
        for path in paths {
            #expect(throws: SafeTensorsError.ioFailure(file: path, reason: "not a regular file")) {
                try SafeTensorsFile(contentsOf: URL(fileURLWithPath: path))
            }
        }
        let target = directory.appendingPathComponent("real.safetensors"), link = directory.appendingPathComponent("link.safetensors")
        try validFile.write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try SafeTensorsFile(contentsOf: link) == SafeTensorsFile(data: validFile))
    }

    /// A `Data` slice (non-zero start index) is decoded relative to its own start.
    @Test func decodesASliceOfALargerBuffer() throws {
        let padded = Data([9, 9, 9]) + validFile + Data([7])
        let slice = padded[3..<(3 + validFile.count)]
        #expect(try SafeTensorsFile(data: slice) == SafeTensorsFile(data: validFile))
    }

    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "a"),
        (#"{"a": 1, "\u0061": 2}"#, "a"),
        (#"{"models": [{"id": "x"}, {"id": "y", "checkpoints": [{"sha256": "1", "file": "f", "sha256": "2"}]}]}"#,
         "models[1].checkpoints[0].sha256"),
        (#"{"outer": {"inner": {"k": 1, "k": 1}}}"#, "outer.inner.k"),
    ])
    func strictJSONFindsRepeatedKeys(json: String, path: String) {
        #expect(StrictJSON.duplicateKeyPath(in: Data(json.utf8)) == path)
    }

    @Test(arguments: [#"{"a": 1, "b": {"a": 2}}"#, #"[{"a": 1}, {"a": 2}]"#, "not json", "", #"{"a": 1,}"#])
    func strictJSONAcceptsDistinctKeysAndLeavesSyntaxToTheCaller(json: String) {
        #expect(StrictJSON.duplicateKeyPath(in: Data(json.utf8)) == nil)
    }

    /// NaN and infinities are valid safetensors data: the format keeps them bit for bit; loading
    /// them into a model is refused by DenoiserKit (`DenoiserError.nonFiniteTensor`).
    @Test func nonFiniteValuesSurviveTheFormat() throws {
        let values: [Float] = [.nan, .infinity, -.infinity, 1]
        let file = SafeTensorsFile(tensors: ["w": SafeTensor(floats: values, shape: [4])])
        let read = try SafeTensorsFile(data: file.serialized()).tensor(named: "w").floats()
        #expect(read.map(\.bitPattern) == values.map(\.bitPattern))
    }
}
