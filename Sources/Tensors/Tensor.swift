/// A dense, contiguous, row-major `Float` tensor with reverse-mode autodiff.
///
/// Tensors are values: an op never changes its inputs, and mutation through
/// ``withMutableScalars(_:)`` copies shared storage first. A tensor that depends on a
/// ``Parameter`` (while gradients are being recorded) carries a node of the autodiff
/// graph, so that ``backward()`` can push gradients back to the parameters.
///
/// ```swift
/// let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// let y = (x * 2).sum()          // Tensor(shape: [], 42)
/// ```
public struct Tensor: @unchecked Sendable {
    /// The extent of each axis; `[]` is a scalar.
    public let shape: [Int]
    /// The elements, `shape.product` of them.
    public private(set) var storage: TensorStorage
    /// The autodiff node when this tensor was produced by recorded ops.
    var node: GradientNode?

    /// Wraps existing storage (no copy). `storage.count` must equal the shape's product.
    public init(shape: [Int], storage: TensorStorage) {
        checkPrecondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        checkPrecondition(
            shape.elementCount == storage.count,
            "shape \(shape) needs \(shape.elementCount) elements, storage has \(storage.count)")
        self.shape = shape
        self.storage = storage
        self.node = nil
    }

    /// A tensor holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        checkPrecondition(
            shape.elementCount == scalars.count,
            "shape \(shape) needs \(shape.elementCount) scalars, got \(scalars.count)")
        let storage = TensorStorage(uninitializedCount: scalars.count)
        scalars.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { storage.base.initialize(from: base, count: scalars.count) }
        }
        self.init(shape: shape, storage: storage)
    }

    /// A tensor with every element equal to `value`.
    public init(shape: [Int], repeating value: Float) {
        self.init(shape: shape, storage: TensorStorage(count: shape.elementCount, repeating: value))
    }

    /// A scalar (rank-0) tensor.
    public init(_ value: Float) {
        self.init(shape: [], repeating: value)
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

    /// A tensor whose storage is allocated but not initialised; the caller fills every element.
    static func uninitialized(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(uninitializedCount: shape.elementCount))
    }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { storage.count }

    /// The elements as an array (a copy), row-major.
    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: storage.base, count: count))
    }

    /// The single element of a one-element tensor.
    public var item: Float {
        checkPrecondition(count == 1, "item needs exactly one element, shape is \(shape)")
        return storage.base[0]
    }

    /// Read-only access to the elements.
    @inlinable
    public func withScalars<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Write access to the elements; copies shared storage first (copy-on-write).
    /// The result is detached from the autodiff graph.
    public mutating func withMutableScalars<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        node = nil
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: storage.count))
    }

    /// The same values without any autodiff history.
    public var detached: Tensor { Tensor(shape: shape, storage: storage) }

    /// Whether gradients flow back through this tensor.
    public var requiresGradient: Bool { node != nil }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }
}

extension Collection where Element == Int {
    /// The product of the dimensions: the element count of a tensor of this shape.
    public var elementCount: Int { reduce(1, *) }
}
