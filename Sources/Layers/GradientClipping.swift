import Tensors

/// Scales all gradients so that their global L2 norm is at most `maxNorm` (PyTorch's
/// `clip_grad_norm_`, factor `maxNorm / (norm + 1e-6)` when the norm exceeds it).
/// Returns the norm before clipping.
///
/// ```swift
/// let norm = clipGradientNorm(model.parameters, maxNorm: 1)
/// ```
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var squares: Double = 0
    for parameter in parameters {
        guard let gradient = parameter.gradient else { continue }
        gradient.withScalars { g in for value in g { squares += Double(value) * Double(value) } }
    }
    let norm = Float(squares.squareRoot())
    let factor = maxNorm / (norm + 1e-6)
    guard factor < 1 else { return norm }
    for parameter in parameters {
        parameter.gradient?.withMutableScalars { g in for i in g.indices { g[i] *= factor } }
    }
    return norm
}
