import Foundation
import TensorTestSupport
import Testing
@testable import Tensors

/// Shape errors stop the program with a message that names the shapes involved.
@Suite("Shape errors produce clear messages")
struct ShapeErrorTests {
    @Test func broadcastMismatchNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("shapes [2, 3] and [4] cannot be broadcast together"))
    }

    @Test func convolutionChannelMismatchIsExplained() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.conv1d(Tensor.zeros([1, 3, 8]), weight: Tensor.zeros([4, 2, 3]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("input has 3 channels"))
    }

    @Test func matmulInnerDimensionMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).matmul(Tensor.zeros([4, 5]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("matmul needs [m, k] × [k, n], got [2, 3] × [4, 5]"))
    }

    @Test func badReshapeNamesElementCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).reshaped([4, 2])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("cannot reshape [2, 3] (6 elements) to [4, 2]"))
    }

    /// `checkPrecondition` passes a true condition through and stops on a false one with its
    /// message. (The release binary needs it: there the standard library's `precondition` drops
    /// its message. `make test` keeps the debug assert configuration, where both print it.)
    @Test func checkPreconditionStopsWithItsMessage() async {
        checkPrecondition(true, "never shown")
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let sum = [1, 1].reduce(0, +)
            checkPrecondition(sum == 3, "the sum is \(sum), not 3")
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("the sum is 2, not 3"))
    }
}
