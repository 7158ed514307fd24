import Random
import Tensors

/// 1-D convolution (PyTorch `nn.Conv1d`): weight `[out, in/groups, K]`, bias `[out]`.
///
/// ```swift
/// let conv = Conv1d(16, 32, kernelSize: 3, padding: 1, bias: false, generator: &g)
/// ```
public final class Conv1d: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int, padding: Int, dilation: Int, groups: Int

    /// Creates the layer with PyTorch's default initialisation.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        dilation: Int = 1, groups: Int = 1, bias: Bool = true, generator: inout SeededGenerator
    ) {
        checkPrecondition(inChannels % groups == 0 && outChannels % groups == 0,
                          "Conv1d: channels \(inChannels)→\(outChannels) must be divisible by groups \(groups)")
        let fanIn = inChannels / groups * kernelSize
        weight = Parameter(Initialization.uniform([outChannels, inChannels / groups, kernelSize],
                                                  fanIn: fanIn, generator: &generator))
        self.bias = bias ? Parameter(Initialization.uniform([outChannels], fanIn: fanIn, generator: &generator)) : nil
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.conv1d(x, weight: weight.tensor, bias: bias?.tensor,
                      stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}

/// 1-D transposed convolution (PyTorch `nn.ConvTranspose1d`): weight `[in, out/groups, K]`.
/// Output length `(L − 1)·S − 2P + D(K − 1) + outputPadding + 1`.
public final class ConvTranspose1d: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int, padding: Int, outputPadding: Int, dilation: Int, groups: Int

    /// Creates the layer; like PyTorch, fan-in is computed from weight dim 1 (`out/groups · K`).
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        outputPadding: Int = 0, dilation: Int = 1, groups: Int = 1, bias: Bool = true,
        generator: inout SeededGenerator
    ) {
        checkPrecondition(inChannels % groups == 0 && outChannels % groups == 0,
                          "ConvTranspose1d: channels \(inChannels)→\(outChannels) must be divisible by groups \(groups)")
        let fanIn = outChannels / groups * kernelSize
        weight = Parameter(Initialization.uniform([inChannels, outChannels / groups, kernelSize],
                                                  fanIn: fanIn, generator: &generator))
        self.bias = bias ? Parameter(Initialization.uniform([outChannels], fanIn: fanIn, generator: &generator)) : nil
        (self.stride, self.padding, self.outputPadding) = (stride, padding, outputPadding)
        (self.dilation, self.groups) = (dilation, groups)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.convTranspose1d(x, weight: weight.tensor, bias: bias?.tensor, stride: stride, padding: padding,
                               outputPadding: outputPadding, dilation: dilation, groups: groups)
    }
}
