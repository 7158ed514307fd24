import CAllocator

/// The heap buffer behind a ``Tensor``: `count` contiguous `Float` values, 64-byte aligned.
///
/// Ownership model: a storage is written only while exactly one tensor refers to it
/// (right after an op allocates it, or after ``Tensor/withMutableScalars(_:)`` made it
/// unique — copy-on-write). Once shared, it is immutable, so tensors behave as values.
public final class TensorStorage: @unchecked Sendable {
    /// The first element.
    public let base: UnsafeMutablePointer<Float>
    /// The number of elements.
    public let count: Int

    /// Allocates uninitialised storage for `count` floats.
    public init(uninitializedCount count: Int) {
        _ = MemoryPolicy.configured
        _ = Parallel.policyApplied
        checkPrecondition(count >= 0, "a tensor cannot have a negative element count")
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// Allocates storage with every element set to `value`.
    public convenience init(count: Int, repeating value: Float) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: value, count: count)
    }

    /// A full copy of this storage.
    public func copy() -> TensorStorage {
        let other = TensorStorage(uninitializedCount: count)
        other.base.update(from: base, count: count)
        return other
    }

    deinit { base.deallocate() }
}

/// Keeps freed tensor memory in the process instead of returning it to the kernel.
///
/// glibc serves allocations above 128 KiB with fresh `mmap` pages by default; every op's
/// output is such an allocation, so each training step would page-fault in (and zero)
/// hundreds of megabytes. Raising the mmap and trim thresholds lets malloc reuse freed
/// blocks instead (measured in docs/performance.md).
enum MemoryPolicy {
    static let configured: Bool = dancer_retain_freed_memory(1 << 30) == 1
}
