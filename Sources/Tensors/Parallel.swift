import Dispatch
import Foundation

/// Splits loops over the available cores with Dispatch.
public enum Parallel {
    /// The number of workers loops are split into (the active processor count).
    public static let workerCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `body` over contiguous chunks of `0..<count`, in parallel when the total work
    /// (`count · costPerItem`, roughly in element operations) makes threads worth it.
    @inline(__always)
    public static func forEachChunk(
        _ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void
    ) {
        let chunks = Swift.min(workerCount, count)
        if chunks <= 1 || count * costPerItem < 32_768 {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks, end = count * (chunk + 1) / chunks
            body(start..<end)
        }
    }
}
