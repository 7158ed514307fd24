import Foundation
import Testing
@testable import SafeTensors

@Suite struct SafeTensorsValidationTests {
    private func decodeError(_ bytes: Data) -> SafeTensorsError? {
        do {
            _ = try SafeTensorsFile(data: bytes)
            return nil
        } catch {
            return error as? SafeTensorsError
        }
    }

    private func decodeError(header: String, data: [UInt8] = []) -> SafeTensorsError? {
        decodeError(TestSupport.rawFile(header: header, data: data))
    }

    private func entry(_ name: String, _ dtype: String = "F32", shape: String = "[1]", offsets: String) -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
    }

    @Test func rejectsFileShorterThanPrefix() {
        #expect(decodeError(Data([1, 2, 3])) == .fileTooShort(file: nil, size: 3))
    }

    @Test func rejectsHeaderLongerThanFile() {
        var bytes = TestSupport.rawFile(header: "{}")
        bytes[0] = 100
        #expect(decodeError(bytes) == .headerLengthExceedsFile(file: nil, declared: 100, available: 2))
    }

    @Test func rejectsAbsurdHeaderLength() {
        var bytes = Data()
        withUnsafeBytes(of: UInt64(200_000_000).littleEndian) { bytes.append(contentsOf: $0) }
        #expect(decodeError(bytes) == .headerLengthAbsurd(file: nil, declared: 200_000_000, limit: 100_000_000))
        bytes = Data(repeating: 0xFF, count: 8)
        #expect(decodeError(bytes) == .headerLengthAbsurd(file: nil, declared: .max, limit: 100_000_000))
    }

    @Test(arguments: ["{not json", "", "{\"a\":1,}", "[1]", "{\"a\":\"\u{01}\"}", "{} x", "{\"a\": 01}"])
    func rejectsInvalidJSON(header: String) {
        guard case .invalidHeader = decodeError(header: header) else {
            Issue.record("expected invalidHeader for \(header)")
            return
        }
    }

    @Test func rejectsInvalidUTF8InHeader() {
        var bytes = TestSupport.rawFile(header: "{\"ab\":{}}")
        bytes[10] = 0xFF
        guard case .invalidHeader = decodeError(bytes) else { Issue.record("expected invalidHeader"); return }
    }

    @Test func rejectsUnknownDType() {
        let error = decodeError(header: "{\(entry("w", "F8X", offsets: "[0,1]"))}", data: [0])
        #expect(error == .unknownDType(file: nil, tensor: "w", found: "F8X"))
        #expect(error?.description.contains("expected one of F64, F32") == true)
    }

    @Test(arguments: ["[-1]", "[2.5]", "[2.0]", "[\"2\"]", "3", "[[2]]"])
    func rejectsBadShape(shape: String) {
        let error = decodeError(header: "{\(entry("w", shape: shape, offsets: "[0,0]"))}")
        guard case .invalidShape(nil, "w", _) = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test func rejectsOffsetsOutOfRange() {
        #expect(decodeError(header: "{\(entry("w", offsets: "[0,8]"))}", data: [0, 0, 0, 0])
            == .offsetsOutOfRange(file: nil, tensor: "w", begin: 0, end: 8, bufferSize: 4))
        #expect(decodeError(header: "{\(entry("w", offsets: "[4,0]"))}", data: [0, 0, 0, 0])
            == .offsetsOutOfRange(file: nil, tensor: "w", begin: 4, end: 0, bufferSize: 4))
        #expect(decodeError(header: "{\(entry("w", offsets: "[-4,0]"))}", data: [0, 0, 0, 0])
            == .offsetsOutOfRange(file: nil, tensor: "w", begin: -4, end: 0, bufferSize: 4))
    }

    @Test func rejectsMalformedOffsets() {
        let error = decodeError(header: "{\(entry("w", offsets: "[0,4,8]"))}", data: [0, 0, 0, 0])
        guard case .invalidTensorEntry(nil, "w", _) = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test func rejectsOverlappingTensors() {
        let header = "{\(entry("a", offsets: "[0,4]")),\(entry("b", offsets: "[0,4]"))}"
        #expect(decodeError(header: header, data: [0, 0, 0, 0]) == .overlappingTensors(file: nil, tensor: "b", other: "a"))
    }

    @Test func rejectsHoles() {
        let header = "{\(entry("a", offsets: "[0,4]")),\(entry("b", offsets: "[8,12]"))}"
        #expect(decodeError(header: header, data: Array(repeating: 0, count: 12))
            == .holeInData(file: nil, tensor: "b", expectedOffset: 4, foundOffset: 8))
        let trailing = decodeError(header: "{\(entry("a", offsets: "[0,4]"))}", data: Array(repeating: 0, count: 8))
        #expect(trailing == .holeInData(file: nil, tensor: nil, expectedOffset: 4, foundOffset: 8))
    }

    @Test func rejectsByteCountMismatch() {
        let error = decodeError(header: "{\(entry("w", shape: "[2]", offsets: "[0,4]"))}", data: [0, 0, 0, 0])
        #expect(error == .byteCountMismatch(file: nil, tensor: "w", dtype: .f32, shape: [2], expected: 8, found: 4))
        #expect(error?.description.contains("F32 [2] needs 8 bytes, found 4") == true)
    }

    @Test func rejectsDuplicateNames() {
        let header = "{\(entry("w", offsets: "[0,4]")),\(entry("w", offsets: "[4,8]"))}"
        #expect(decodeError(header: header, data: Array(repeating: 0, count: 8)) == .duplicateTensor(file: nil, tensor: "w"))
    }

    @Test func rejectsBadMetadataAndMissingFields() {
        guard case .invalidMetadata = decodeError(header: "{\"__metadata__\":{\"epochs\":3}}") else {
            Issue.record("expected invalidMetadata"); return
        }
        let error = decodeError(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[]}}")
        #expect(error == .invalidTensorEntry(file: nil, tensor: "w", reason: "missing field 'data_offsets'"))
    }

    @Test func errorsFromDiskNameTheFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("broken.safetensors")
        try TestSupport.rawFile(header: "{\(entry("w", shape: "[2]", offsets: "[0,4]"))}", data: [0, 0, 0, 0]).write(to: url)
        #expect(throws: SafeTensorsError.byteCountMismatch(
            file: url.path, tensor: "w", dtype: .f32, shape: [2], expected: 8, found: 4)) {
            try SafeTensorsFile(contentsOf: url)
        }
        let missing = directory.appendingPathComponent("missing.safetensors")
        #expect(throws: SafeTensorsError.ioFailure(file: missing.path, reason: "no such file")) {
            try SafeTensorsFile(contentsOf: missing)
        }
    }

    @Test func serializationValidatesTensors() {
        let wrongSize = SafeTensorsFile(tensors: ["w": SafeTensor(floats: [1, 2, 3], shape: [2])])
        #expect(throws: SafeTensorsError.byteCountMismatch(
            file: nil, tensor: "w", dtype: .f32, shape: [2], expected: 8, found: 12)) { try wrongSize.serialized() }
        let reserved = SafeTensorsFile(tensors: ["__metadata__": SafeTensor(floats: [1], shape: [1])])
        #expect(throws: SafeTensorsError.invalidTensorName(file: nil, tensor: "__metadata__")) { try reserved.serialized() }
        let negative = SafeTensorsFile(tensors: ["w": SafeTensor(floats: [], shape: [-1, 0])])
        #expect(throws: SafeTensorsError.invalidShape(file: nil, tensor: "w", found: "[-1, 0]")) { try negative.serialized() }
    }

    @Test func conversionsReportUnsupportedTypes() {
        #expect(throws: SafeTensorsError.unsupportedConversion(from: .f32, to: "Int64")) {
            try SafeTensor(floats: [1], shape: [1]).int64s()
        }
        let huge = SafeTensor(dtype: .u64, shape: [2], data: SafeTensor.littleEndianBytes([UInt64(1), .max]))
        #expect(throws: SafeTensorsError.valueOutOfRange(dtype: .u64, index: 1, to: "Int64")) { try huge.int64s() }
    }

    @Test func missingTensorListsAvailableNames() {
        let file = SafeTensorsFile(tensors: ["a": SafeTensor(floats: [1], shape: [1])])
        #expect(throws: SafeTensorsError.missingTensor(file: nil, tensor: "b", available: ["a"])) {
            try file.tensor(named: "b")
        }
    }

    @Test func failedWriteLeavesExistingFileAndNoTemp() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("w.safetensors")
        try Data("original".utf8).write(to: url)
        let invalid = SafeTensorsFile(tensors: ["w": SafeTensor(floats: [1], shape: [3])])
        #expect(throws: SafeTensorsError.self) { try invalid.write(to: url) }
        #expect(try Data(contentsOf: url) == Data("original".utf8))
        let nowhere = directory.appendingPathComponent("no/such/dir/w.safetensors")
        #expect(throws: SafeTensorsError.self) { try SafeTensorsFile().write(to: nowhere) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["w.safetensors"])
    }
}
