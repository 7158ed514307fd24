import Foundation
import Tensors

/// GFLOP/s of OpenBLAS sgemm and of conv1d forward/backward for the convolution shapes of
/// DANCER (MODEL-SPEC.md §2), so kernel choices are measured, not guessed.
public struct KernelBenchmark {
    /// One convolution layer shape: `Cin → Cout`, kernel `K`, length `L` (stride 1, same padding).
    public struct ConvolutionShape: Codable, Sendable {
        public let name: String
        public let inChannels: Int, outChannels: Int, kernel: Int, length: Int
        /// Multiply-accumulates for one sample, forward.
        public var macsPerSample: Int { outChannels * length * inChannels * kernel }
    }

    /// A measured convolution.
    public struct ConvolutionResult: Codable, Sendable {
        public let shape: ConvolutionShape
        public let batch: Int
        public let forwardSeconds: Double, forwardBackwardSeconds: Double
        public let forwardGFLOPS: Double, forwardBackwardGFLOPS: Double
    }

    /// A measured sgemm.
    public struct GEMMResult: Codable, Sendable {
        public let m: Int, n: Int, k: Int, threads: Int
        public let seconds: Double, gflops: Double
    }

    /// The distinct conv1d shapes of DANCER's encoder and decoder (K = 3), heaviest last.
    public static let dancerShapes: [ConvolutionShape] = [
        .init(name: "enc1.conv2", inChannels: 16, outChannels: 16, kernel: 3, length: 512),
        .init(name: "enc2.conv2", inChannels: 32, outChannels: 32, kernel: 3, length: 256),
        .init(name: "enc3.conv2", inChannels: 64, outChannels: 64, kernel: 3, length: 128),
        .init(name: "up1.conv.conv1", inChannels: 32, outChannels: 16, kernel: 3, length: 512),
        .init(name: "enc4.conv2", inChannels: 128, outChannels: 128, kernel: 3, length: 64),
        .init(name: "up3.conv.conv1", inChannels: 128, outChannels: 64, kernel: 3, length: 128),
        .init(name: "bott.conv2", inChannels: 256, outChannels: 256, kernel: 3, length: 32),
        .init(name: "up4.conv.conv1", inChannels: 256, outChannels: 128, kernel: 3, length: 64),
    ]

    public let batch: Int
    public let repetitions: Int

    public init(batch: Int = 64, repetitions: Int = 7) {
        (self.batch, self.repetitions) = (batch, repetitions)
    }

    /// sgemm `[m,k] × [k,n]` with `threads` OpenBLAS threads.
    public func gemm(m: Int, n: Int, k: Int, threads: Int) -> GEMMResult {
        let previous = BLAS.threadCount
        BLAS.threadCount = threads
        defer { BLAS.threadCount = previous }
        let a = Tensor(shape: [m, k], repeating: 0.5), b = Tensor(shape: [k, n], repeating: 0.25)
        let seconds = Stopwatch.median(repetitions: repetitions) { _ = a.matmul(b) }
        return GEMMResult(m: m, n: n, k: k, threads: threads, seconds: seconds,
                          gflops: 2 * Double(m) * Double(n) * Double(k) / seconds / 1e9)
    }

    /// conv1d forward, and forward + backward (input and weight gradients), for one shape.
    public func convolution(_ shape: ConvolutionShape) -> ConvolutionResult {
        let x = Tensor(shape: [batch, shape.inChannels, shape.length], repeating: 0.1)
        let weight = Parameter(Tensor(shape: [shape.outChannels, shape.inChannels, shape.kernel], repeating: 0.01))
        let input = Parameter(x)
        let padding = shape.kernel / 2
        let forward = Stopwatch.median(repetitions: repetitions) {
            withoutGradients { _ = Tensor.conv1d(x, weight: weight.value, padding: padding) }
        }
        let both = Stopwatch.median(repetitions: repetitions) {
            let y = Tensor.conv1d(input.tensor, weight: weight.tensor, padding: padding)
            y.sum().backward()
            weight.zeroGradient()
            input.zeroGradient()
        }
        let flops = 2 * Double(shape.macsPerSample) * Double(batch)
        return ConvolutionResult(
            shape: shape, batch: batch, forwardSeconds: forward, forwardBackwardSeconds: both,
            forwardGFLOPS: flops / forward / 1e9, forwardBackwardGFLOPS: 3 * flops / both / 1e9)
    }
}
