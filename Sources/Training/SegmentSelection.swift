import ECG
import Tensors

/// A subset of a ``SegmentSet`` — all of it, or `limit` evenly spaced segments — visited in
/// batches without holding the whole set in memory.
///
/// ```swift
/// let sums = try SegmentSelection(set: testSet, limit: 0).mapBatches(size: 256, concurrently: false) { batch in … }
/// ```
struct SegmentSelection {
    let set: SegmentSet
    /// The chosen segment indices, ascending.
    let indices: [Int]

    /// All segments when `limit` is 0 or covers the set, else `limit` evenly spaced ones.
    init(set: SegmentSet, limit: Int) {
        self.set = set
        indices = limit > 0 && limit < set.count ? (0..<limit).map { $0 * set.count / limit } : Array(0..<set.count)
    }

    /// `transform` of every batch of at most `size` chosen segments, in order (only the
    /// results are kept, not the batches). With `concurrently`, batches are generated and
    /// transformed on one lane per core (``Parallel/mapItems(_:concurrently:_:)``);
    /// `transform` must then be safe to call from several threads at once.
    func mapBatches<T>(size: Int, concurrently: Bool, _ transform: (SegmentBatch) throws -> T) throws -> [T] {
        let size = max(1, size)
        let starts = Array(stride(from: 0, to: indices.count, by: size))
        return try Parallel.mapItems(starts.count, concurrently: concurrently) { b in
            try transform(try batch(of: Array(indices[starts[b]..<min(starts[b] + size, indices.count)])))
        }
    }

    /// One batch of the given segments (a contiguous run is generated in one call).
    private func batch(of chunk: [Int]) throws -> SegmentBatch {
        guard let first = chunk.first, let last = chunk.last else { throw TrainingError.invalidOption(name: "segments", reason: "empty batch") }
        if last - first + 1 == chunk.count { return try set.batch(first..<(last + 1)) }
        var batch = try set.batch(first..<(first + 1))
        for index in chunk.dropFirst() {
            let single = try set.batch(index..<(index + 1))
            batch.clean += single.clean
            batch.noisy += single.noisy
            batch.scales += single.scales
            batch.snrs += single.snrs
            batch.origins += single.origins
            batch.count += 1
        }
        return batch
    }
}
