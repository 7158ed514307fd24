import Foundation

/// One tensor as stored in a safetensors file: dtype, shape and raw little-endian bytes.
///
/// ```swift
/// let weight = SafeTensor(floats: [1, 2, 3, 4, 5, 6], shape: [2, 3])
/// ```
public struct SafeTensor: Equatable, Sendable {
    /// The element type.
    public var dtype: DType
    /// The dimensions, outermost first; `[]` is a scalar.
    public var shape: [Int]
    /// The elements in row-major order, little-endian, `elementCount × dtype.elementSize` bytes.
    public var data: Data

    /// Creates a tensor from raw little-endian bytes (validated when the tensor is serialized).
    ///
    /// ```swift
    /// let flags = SafeTensor(dtype: .bool, shape: [2], data: Data([1, 0]))
    /// ```
    public init(dtype: DType, shape: [Int], data: Data) {
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    /// Creates an F32 tensor; `floats.count` should equal the product of `shape`.
    ///
    /// ```swift
    /// let bias = SafeTensor(floats: [0.1, 0.2], shape: [2])
    /// ```
    public init(floats: [Float], shape: [Int]) {
        self.init(dtype: .f32, shape: shape, data: Self.littleEndianBytes(floats.map(\.bitPattern)))
    }

    /// Creates an I64 tensor; `int64s.count` should equal the product of `shape`.
    ///
    /// ```swift
    /// let steps = SafeTensor(int64s: [42], shape: [])
    /// ```
    public init(int64s: [Int64], shape: [Int]) {
        self.init(dtype: .i64, shape: shape, data: Self.littleEndianBytes(int64s))
    }

    /// The number of elements: the product of `shape` (1 for a scalar, 0 if any dimension is 0).
    ///
    /// ```swift
    /// let n = SafeTensor(floats: [], shape: [0, 4]).elementCount   // 0
    /// ```
    public var elementCount: Int { shape.reduce(1, *) }

    /// The byte count that `shape` and `dtype` call for, or nil if a dimension is negative or it overflows.
    var expectedByteCount: Int? {
        var count = dtype.elementSize
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            count = product
        }
        return count
    }

    static func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> Data {
        var data = Data(count: values.count * MemoryLayout<T>.size)
        data.withUnsafeMutableBytes { raw in
            for (i, value) in values.enumerated() {
                raw.storeBytes(of: value.littleEndian, toByteOffset: i * MemoryLayout<T>.size, as: T.self)
            }
        }
        return data
    }
}
