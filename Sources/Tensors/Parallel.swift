import CBLAS
import Dispatch
import Foundation

/// Splits loops over the available cores with Dispatch.
///
/// Thread policy (set once, at the first tensor allocation): OpenBLAS runs single-threaded
/// and the engine parallelises itself — convolutions over batch chunks, memory-bound loops
/// over channels — so the two thread pools never oversubscribe the cores (measured in
/// docs/performance.md). `DANCER_BLAS_THREADS=n` overrides the BLAS thread count.
public enum Parallel {
    /// The number of workers loops are split into (the active processor count).
    public static let workerCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Applies the thread policy once; called from every storage allocation.
    static let policyApplied: Bool = {
        let requested = ProcessInfo.processInfo.environment["DANCER_BLAS_THREADS"].flatMap(Int.init) ?? 1
        openblas_set_num_threads(Int32(Swift.max(1, requested)))
        return true
    }()

    /// Runs `body` over contiguous chunks of `0..<count`, in parallel when the total work
    /// (`count · costPerItem`, roughly in element operations) makes threads worth it.
    @inline(__always)
    public static func forEachChunk(
        _ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void
    ) {
        let chunks = Swift.min(workerCount, count)
        if chunks <= 1 || count * costPerItem < 32_768 || runsSerially {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks, end = count * (chunk + 1) / chunks
            body(start..<end)
        }
    }

    /// Batch chunks per worker for convolutions: more than one, so that Dispatch can balance
    /// the load when a core is busy with another process (`DANCER_CHUNKS_PER_WORKER`).
    static let chunksPerWorker = Swift.max(1, ProcessInfo.processInfo.environment["DANCER_CHUNKS_PER_WORKER"].flatMap(Int.init) ?? 8)

    /// The chunks `forEach` splits `0..<count` into: one per worker when the
    /// work (`count · costPerItem`) is large enough, else one.
    static func chunks(_ count: Int, costPerItem: Int) -> [Range<Int>] {
        let n = (count * costPerItem < 65_536) ? 1 : Swift.min(chunksPerWorker * workerCount, count)
        return (0..<Swift.max(n, 1)).map { count * $0 / Swift.max(n, 1) ..< count * ($0 + 1) / Swift.max(n, 1) }
    }

    /// Runs `body(index, range)` for every chunk, in parallel when there is more than one.
    @inline(__always)
    static func forEach(_ chunks: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
        if chunks.count == 1 || runsSerially {
            for (index, chunk) in chunks.enumerated() { body(index, chunk) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks.count) { body($0, chunks[$0]) }
    }

    /// True on the threads of ``forEachItem(_:_:)``: the engine's loops then run serially,
    /// because every core already runs a lane of its own.
    @TaskLocal static var runsSerially = false

    /// Runs `body(i)` for every `i` in `0..<count`, where the items are independent and coarse
    /// (inference batches), on one lane per core; each lane takes the next item when it
    /// finishes one and runs the engine's own loops serially.
    ///
    /// Whole items in parallel keep every core busy, where splitting each op over the cores
    /// leaves them waiting at every op's end and through the serial stretches between ops
    /// (measured in docs/performance.md). A single item, or a single core, runs `body` on the
    /// calling thread with the per-op split instead. The first error stops the lanes from
    /// taking further items and is rethrown once they have stopped.
    ///
    /// ```swift
    /// try Parallel.forEachItem(batches.count) { b in outputs[b] = try denoise(batches[b]) }
    /// ```
    public static func forEachItem(_ count: Int, _ body: (Int) throws -> Void) throws {
        let lanes = Swift.min(workerCount, count)
        if lanes <= 1 || runsSerially {
            for item in 0..<count { try body(item) }
            return
        }
        let queue = ItemQueue(count: count)
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in
            $runsSerially.withValue(true) {
                while let item = queue.next() {
                    do { try body(item) } catch { queue.fail(error) }
                }
            }
        }
        if let error = queue.error { throw error }
    }
}

extension Parallel {
    /// `transform(i)` for every `i` in `0..<count`, in order: on ``forEachItem(_:_:)``'s
    /// lanes when `concurrently` (so `transform` must be safe to call from several threads),
    /// else one after another on the calling thread.
    ///
    /// ```swift
    /// let outputs = try Parallel.mapItems(batches.count, concurrently: true) { try denoise(batches[$0]) }
    /// ```
    public static func mapItems<T>(_ count: Int, concurrently: Bool, _ transform: (Int) throws -> T) throws -> [T] {
        guard concurrently else { return try (0..<count).map(transform) }
        var results = [T?](repeating: nil, count: count)
        try results.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            try forEachItem(count) { slots[$0] = try transform($0) }
        }
        return results.map { $0! }
    }
}

/// The shared item counter of ``Parallel/forEachItem(_:_:)``'s lanes and the first error.
private final class ItemQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var nextItem = 0
    private(set) var error: Error?

    init(count: Int) { self.count = count }

    /// The next item to run, or nil when all are taken or one has failed.
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, nextItem < count else { return nil }
        defer { nextItem += 1 }
        return nextItem
    }

    /// Records `error` (the first one wins) and stops further items.
    func fail(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }
}

/// Reusable scratch buffers for the per-chunk work of convolutions (column blocks, GEMM
/// products): taken and given back around each use, so steady-state inference and training
/// allocate no fresh pages for them (no page faults, no zeroing by the kernel).
final class ScratchPool: @unchecked Sendable {
    static let shared = ScratchPool()
    private var free: [(pointer: UnsafeMutablePointer<Float>, capacity: Int)] = []
    private let lock = NSLock()
    /// Buffers kept beyond this many floats in total are released instead (256 MiB).
    private let retainLimit = 64 << 20
    private var retained = 0

    /// A buffer of at least `count` floats (the smallest free one that fits, else a new one).
    func take(_ count: Int) -> (pointer: UnsafeMutablePointer<Float>, capacity: Int) {
        lock.lock()
        defer { lock.unlock() }
        var best: Int?
        for (i, entry) in free.enumerated() where entry.capacity >= count {
            if best == nil || entry.capacity < free[best!].capacity { best = i }
        }
        if let best {
            let entry = free.remove(at: best)
            retained -= entry.capacity
            return entry
        }
        let capacity = Swift.max(count, 1)
        return (UnsafeMutablePointer<Float>.allocate(capacity: capacity), capacity)
    }

    /// Returns a buffer from ``take(_:)``.
    func give(_ buffer: (pointer: UnsafeMutablePointer<Float>, capacity: Int)) {
        lock.lock()
        defer { lock.unlock() }
        if retained + buffer.capacity > retainLimit {
            // Drop the smallest buffers first to make room, else release this one.
            free.sort { $0.capacity < $1.capacity }
            while retained + buffer.capacity > retainLimit, !free.isEmpty {
                let dropped = free.removeFirst()
                retained -= dropped.capacity
                dropped.pointer.deallocate()
            }
            if retained + buffer.capacity > retainLimit { buffer.pointer.deallocate(); return }
        }
        free.append(buffer)
        retained += buffer.capacity
    }

    /// Runs `body` with a scratch buffer of `count` floats.
    @inline(__always)
    func with<R>(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> R) -> R {
        let buffer = take(count)
        defer { give(buffer) }
        return body(buffer.pointer)
    }
}
