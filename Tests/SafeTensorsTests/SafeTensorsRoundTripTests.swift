import Foundation
import Testing
@testable import SafeTensors

@Suite struct SafeTensorsRoundTripTests {
    static let sample = SafeTensorsFile(
        tensors: [
            "enc1.conv1.weight": SafeTensor(floats: [0.5, -1.25, 3, .infinity, -0.0, 1e-30], shape: [2, 1, 3]),
            "bn.num_batches_tracked": SafeTensor(int64s: [123_456_789_012], shape: []),
            "scalar": SafeTensor(floats: [42], shape: []),
            "empty": SafeTensor(floats: [], shape: [0, 4]),
            "half": SafeTensor(dtype: .f16, shape: [3], data: Data([0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00])),
            "brain": SafeTensor(dtype: .bf16, shape: [2], data: Data([0x80, 0x3F, 0xC0, 0xC0])),
            "double": SafeTensor(dtype: .f64, shape: [1], data: SafeTensor.littleEndianBytes([(2.5).bitPattern])),
            "mask": SafeTensor(dtype: .bool, shape: [3], data: Data([1, 0, 1])),
            "bytes": SafeTensor(dtype: .u8, shape: [2], data: Data([0, 255])),
            "small": SafeTensor(dtype: .i8, shape: [2], data: Data([0xFF, 0x7F])),
            "ünïcode \"name\"\n": SafeTensor(floats: [1], shape: [1]),
        ],
        metadata: ["format": "pt", "model": "dancer", "quote\"": "line\nbreak"])

    @Test func roundTripsThroughBytes() throws {
        let bytes = try Self.sample.serialized()
        let decoded = try SafeTensorsFile(data: bytes)
        #expect(decoded == Self.sample)
        #expect(decoded.tensors.values.allSatisfy { $0.data.startIndex == 0 })
    }

    @Test func roundTripsThroughAFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("weights.safetensors")
        try Self.sample.write(to: url)
        #expect(try SafeTensorsFile(contentsOf: url) == Self.sample)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["weights.safetensors"])
    }

    @Test func serializationIsDeterministicAndPadded() throws {
        let bytes = try Self.sample.serialized()
        var copy = SafeTensorsFile()
        for (name, tensor) in Self.sample.tensors.sorted(by: { $0.key > $1.key }) { copy.tensors[name] = tensor }
        copy.metadata = Self.sample.metadata
        #expect(try copy.serialized() == bytes)
        let headerLength = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        #expect(headerLength % 8 == 0)
    }

    @Test func packsTensorsInNameOrder() throws {
        let file = SafeTensorsFile(tensors: [
            "b": SafeTensor(floats: [2], shape: [1]), "a": SafeTensor(floats: [1], shape: [1]),
        ])
        let bytes = try file.serialized()
        let header = String(decoding: bytes[8..<(bytes.count - 8)], as: UTF8.self)
        #expect(header.trimmingCharacters(in: .whitespaces) == """
            {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}
            """)
        #expect(Array(bytes.suffix(8)) == [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40])
    }

    @Test func emptyFileRoundTrips() throws {
        let bytes = try SafeTensorsFile().serialized()
        #expect(bytes.count == 16)
        #expect(try SafeTensorsFile(data: bytes) == SafeTensorsFile())
    }

    @Test func convertsElementTypes() throws {
        let tensors = Self.sample.tensors
        #expect(try tensors["half"]?.floats() == [1, -2, 0x1p-24])
        #expect(try tensors["brain"]?.floats() == [1, -6])
        #expect(try tensors["double"]?.floats() == [2.5])
        #expect(try tensors["mask"]?.int64s() == [1, 0, 1])
        #expect(try tensors["small"]?.int64s() == [-1, 127])
        #expect(try tensors["bytes"]?.floats() == [0, 255])
        #expect(try tensors["bn.num_batches_tracked"]?.int64s() == [123_456_789_012])
        #expect(try tensors["scalar"]?.floats() == [42])
        #expect(try tensors["empty"]?.floats() == [])
        #expect(tensors["empty"]?.elementCount == 0)
        #expect(tensors["scalar"]?.elementCount == 1)
    }

    @Test func halfConversionCoversSpecialValues() {
        #expect(SafeTensor.floatFromHalf(0x7BFF) == 65504)
        #expect(SafeTensor.floatFromHalf(0x7C00) == .infinity)
        #expect(SafeTensor.floatFromHalf(0xFC00) == -.infinity)
        #expect(SafeTensor.floatFromHalf(0x7E00).isNaN)
        #expect(SafeTensor.floatFromHalf(0x8000).sign == .minus)
        #expect(SafeTensor.floatFromHalf(0x0400) == 0x1p-14)
    }
}
