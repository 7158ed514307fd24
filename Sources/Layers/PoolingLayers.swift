import Tensors

/// Max pooling along the length (PyTorch `nn.MaxPool1d`).
public final class MaxPool1d: Layer {
    public let kernelSize: Int, stride: Int, padding: Int
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        (self.kernelSize, self.stride, self.padding) = (kernelSize, stride ?? kernelSize, padding)
    }
    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.maxPool1d(kernelSize: kernelSize, stride: stride, padding: padding)
    }
}

/// Average pooling along the length (PyTorch `nn.AvgPool1d`).
public final class AvgPool1d: Layer {
    public let kernelSize: Int, stride: Int, padding: Int
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        (self.kernelSize, self.stride, self.padding) = (kernelSize, stride ?? kernelSize, padding)
    }
    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.avgPool1d(kernelSize: kernelSize, stride: stride, padding: padding)
    }
}

/// Adaptive average pooling to a fixed number of bins (PyTorch `nn.AdaptiveAvgPool1d`).
public final class AdaptiveAvgPool1d: Layer {
    public let outputSize: Int
    public init(outputSize: Int) { self.outputSize = outputSize }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.adaptiveAvgPool1d(outputSize: outputSize) }
}

/// Upsampling by an integer factor (PyTorch `nn.Upsample(scale_factor:, mode:)`).
public final class Upsample: Layer {
    public let factor: Int
    public let mode: Tensor.UpsamplingMode
    public init(factor: Int, mode: Tensor.UpsamplingMode = .nearest) { (self.factor, self.mode) = (factor, mode) }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.upsampled(by: factor, mode: mode) }
}
