import Foundation
import Tensors
import TensorTestSupport
import Testing

/// `Parallel.forEachItem`: the lanes whole-record denoising runs its batches on.
@Suite struct ParallelTests {
    struct Failure: Error, Equatable { let item: Int }

    /// Thread-safe record of the items run.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Int] = []
        func add(_ item: Int) { lock.lock(); items.append(item); lock.unlock() }
        var sorted: [Int] { lock.lock(); defer { lock.unlock() }; return items.sorted() }
    }

    @Test(arguments: [0, 1, 2, 7, 100])
    func runsEveryItemOnce(count: Int) throws {
        let seen = Seen()
        try Parallel.forEachItem(count) { seen.add($0) }
        #expect(seen.sorted == Array(0..<count))
    }

    @Test func firstErrorIsRethrownAndStopsFurtherItems() {
        let seen = Seen()
        #expect(throws: Failure(item: 3)) {
            try Parallel.forEachItem(1_000) { item in
                seen.add(item)
                if item == 3 { throw Failure(item: 3) }
                Thread.sleep(forTimeInterval: 0.001)
            }
        }
        // Lanes stop taking items after the failure: far fewer than all of them ran.
        #expect(seen.sorted.count < 100)
    }

    @Test(arguments: [false, true])
    func mapItemsKeepsOrderAndRethrows(concurrently: Bool) throws {
        #expect(try Parallel.mapItems(50, concurrently: concurrently) { $0 * $0 } == (0..<50).map { $0 * $0 })
        #expect(throws: Failure(item: 7)) {
            try Parallel.mapItems(50, concurrently: concurrently) { item -> Int in
                if item == 7 { throw Failure(item: 7) }
                return item
            }
        }
    }

    /// Engine ops inside lanes (run serially there) give the same result as outside.
    @Test func opsInsideLanesMatchOpsOutside() throws {
        let x = randomTensor([16, 16, 128], seed: 41), w = randomTensor([32, 16, 3], seed: 42)
        let outside = withoutGradients { Tensor.conv1d(x, weight: w, padding: 1).relu().scalars }
        let results = Seen()
        var inside = [[Float]](repeating: [], count: 4)
        try inside.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            try Parallel.forEachItem(4) { item in
                slots[item] = withoutGradients { Tensor.conv1d(x, weight: w, padding: 1).relu().scalars }
                results.add(item)
            }
        }
        #expect(results.sorted == [0, 1, 2, 3])
        for result in inside { #expect(result == outside) }
    }
}
