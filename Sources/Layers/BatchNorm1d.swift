import Tensors

/// Batch normalisation for `[B, C]` or `[B, C, L]` (PyTorch `nn.BatchNorm1d`, affine,
/// tracking running statistics). Training mode normalises with batch statistics and
/// updates the running mean and *unbiased* variance with `momentum`; evaluation mode uses
/// the running statistics.
public final class BatchNorm1d: ModeDependentLayer {
    public let weight: Parameter
    public let bias: Parameter
    @StateKey("running_mean") public var runningMean = Buffer(Tensor.zeros([0]))
    @StateKey("running_var") public var runningVariance = Buffer(Tensor.zeros([0]))
    @StateKey("num_batches_tracked") public var batchesTracked = Buffer(Tensor.zeros([]), storageType: .int64)
    public let epsilon: Float, momentum: Float
    public var isTraining = true

    /// Creates the layer: weight 1, bias 0, running mean 0, running variance 1.
    public init(_ channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
        weight = Parameter(Tensor.ones([channels]))
        bias = Parameter(Tensor.zeros([channels]))
        runningMean = Buffer(Tensor.zeros([channels]))
        runningVariance = Buffer(Tensor.ones([channels]))
        (self.epsilon, self.momentum) = (epsilon, momentum)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard isTraining else {
            return Tensor.batchNormInference(x, mean: runningMean.value, variance: runningVariance.value,
                                             weight: weight.tensor, bias: bias.tensor, epsilon: epsilon)
        }
        return normalizedWithBatchStatistics(x, relu: false)
    }
}

extension BatchNorm1d {
    /// `ReLU(bn(x))` (or `bn(x)`) as one fused op: in training mode one pass for the
    /// statistics and one for the output, with a hand-written backward through both.
    public func callAsFunction(_ x: Tensor, relu: Bool) -> Tensor {
        guard isTraining else {
            let y = self(x)
            return relu ? y.relu() : y
        }
        return normalizedWithBatchStatistics(x, relu: relu)
    }

    /// Training mode: normalises with the batch's statistics (then ReLU when `relu`) and moves
    /// the running mean and unbiased variance towards them by `momentum`.
    private func normalizedWithBatchStatistics(_ x: Tensor, relu: Bool) -> Tensor {
        let (output, mean, variance) = Tensor.batchNormTraining(
            x, weight: weight.tensor, bias: bias.tensor, epsilon: epsilon, relu: relu)
        let m = momentum
        runningMean.value.withMutableScalars { running in
            for c in running.indices { running[c] = (1 - m) * running[c] + m * mean[c] }
        }
        runningVariance.value.withMutableScalars { running in
            for c in running.indices { running[c] = (1 - m) * running[c] + m * variance[c] }
        }
        batchesTracked.value = Tensor(batchesTracked.value.item + 1)
        return output
    }

    /// The evaluation-mode affine map `y = scale · x + shift` per channel.
    public var inferenceScaleAndShift: (scale: [Float], shift: [Float]) {
        let mean = runningMean.value.scalars, variance = runningVariance.value.scalars
        let gamma = weight.value.scalars, beta = bias.value.scalars
        let scale = (0..<gamma.count).map { gamma[$0] / (variance[$0] + epsilon).squareRoot() }
        return (scale, (0..<gamma.count).map { beta[$0] - mean[$0] * scale[$0] })
    }
}

extension Conv1d {
    /// `ReLU(bn(conv(x)))` (or `bn(conv(x))`), fused: in evaluation mode without gradient
    /// recording the batch norm is folded into the convolution (one GEMM, the shift and ReLU
    /// applied while writing the output); in training mode batch norm and ReLU are one op.
    public func callAsFunction(_ x: Tensor, normalizedBy bn: BatchNorm1d, relu: Bool) -> Tensor {
        if !bn.isTraining && !GradientMode.isEnabled {
            let (scale, shift) = bn.inferenceScaleAndShift
            return Tensor.conv1dInference(x, weight: weight.value, bias: bias?.value, scale: scale, shift: shift,
                                          relu: relu, stride: stride, padding: padding, dilation: dilation, groups: groups)
        }
        return bn(self(x), relu: relu)
    }
}
