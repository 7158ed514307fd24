import Foundation

extension SafeTensor {
    /// The elements as `Float`: F32 exactly, F16/BF16 exactly, F64 rounded, integers and BOOL converted.
    ///
    /// Throws `SafeTensorsError.byteCountMismatch` if `data` does not match `shape`.
    ///
    /// ```swift
    /// let weights = try file.tensors["enc1.conv1.weight"]?.floats()
    /// ```
    public func floats() throws -> [Float] {
        try checkByteCount()
        switch dtype {
        case .f32: return elements(UInt32.self) { Float(bitPattern: $0) }
        case .f64: return elements(UInt64.self) { Float(Double(bitPattern: $0)) }
        case .f16: return elements(UInt16.self) { Self.floatFromHalf($0) }
        case .bf16: return elements(UInt16.self) { Float(bitPattern: UInt32($0) << 16) }
        case .i64: return elements(UInt64.self) { Float(Int64(bitPattern: $0)) }
        case .i32: return elements(UInt32.self) { Float(Int32(bitPattern: $0)) }
        case .i16: return elements(UInt16.self) { Float(Int16(bitPattern: $0)) }
        case .i8: return elements(UInt8.self) { Float(Int8(bitPattern: $0)) }
        case .u64: return elements(UInt64.self) { Float($0) }
        case .u32: return elements(UInt32.self) { Float($0) }
        case .u16: return elements(UInt16.self) { Float($0) }
        case .u8: return elements(UInt8.self) { Float($0) }
        case .bool: return elements(UInt8.self) { $0 == 0 ? 0 : 1 }
        }
    }

    /// The elements as `Int64`, for integer and BOOL tensors (floating-point tensors throw).
    ///
    /// ```swift
    /// let tracked = try file.tensors["bn1.num_batches_tracked"]?.int64s()   // [n]
    /// ```
    public func int64s() throws -> [Int64] {
        try checkByteCount()
        switch dtype {
        case .i64: return elements(UInt64.self) { Int64(bitPattern: $0) }
        case .i32: return elements(UInt32.self) { Int64(Int32(bitPattern: $0)) }
        case .i16: return elements(UInt16.self) { Int64(Int16(bitPattern: $0)) }
        case .i8: return elements(UInt8.self) { Int64(Int8(bitPattern: $0)) }
        case .u32: return elements(UInt32.self) { Int64($0) }
        case .u16: return elements(UInt16.self) { Int64($0) }
        case .u8: return elements(UInt8.self) { Int64($0) }
        case .bool: return elements(UInt8.self) { $0 == 0 ? 0 : 1 }
        case .u64:
            let raw = elements(UInt64.self) { $0 }
            if let bad = raw.firstIndex(where: { $0 > UInt64(Int64.max) }) {
                throw SafeTensorsError.valueOutOfRange(dtype: dtype, index: bad, to: "Int64")
            }
            return raw.map { Int64($0) }
        case .f64, .f32, .f16, .bf16:
            throw SafeTensorsError.unsupportedConversion(from: dtype, to: "Int64")
        }
    }

    /// Throws unless `data.count` equals shape × element size.
    func checkByteCount(file: String? = nil, name: String = "<unnamed>") throws {
        guard let expected = expectedByteCount else {
            throw SafeTensorsError.invalidShape(file: file, tensor: name, found: "\(shape)")
        }
        guard expected == data.count else {
            throw SafeTensorsError.byteCountMismatch(
                file: file, tensor: name, dtype: dtype, shape: shape, expected: expected, found: data.count)
        }
    }

    /// Decodes every little-endian element of width `Raw` and maps it.
    private func elements<Raw: FixedWidthInteger, T>(_: Raw.Type, _ transform: (Raw) -> T) -> [T] {
        let width = MemoryLayout<Raw>.size
        let count = data.count / width
        return data.withUnsafeBytes { raw in
            (0..<count).map { transform(Raw(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * width, as: Raw.self))) }
        }
    }

    /// Converts IEEE 754 half-precision bits to `Float` exactly (subnormals, infinities and NaN included).
    static func floatFromHalf(_ bits: UInt16) -> Float {
        let sign = UInt32(bits >> 15) << 31
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            let magnitude = Float(mantissa) * 0x1p-24   // subnormal or zero
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
        }
    }
}
