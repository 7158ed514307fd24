/// Test helpers shared by the numeric test targets: random tensors, finite-difference
/// gradient checks, closeness expectations.
import Random
import Testing
import Tensors

/// Random tensors for tests, optionally kept away from kinks (|x| ≥ `margin`).
public func randomTensor(_ shape: [Int], seed: UInt64, range: ClosedRange<Float> = -1...1, margin: Float = 0) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    let values = (0..<shape.elementCount).map { _ -> Float in
        var v = rng.uniform(range.lowerBound, range.upperBound)
        while Swift.abs(v) < margin { v = rng.uniform(range.lowerBound, range.upperBound) }
        return v
    }
    return Tensor(shape: shape, scalars: values)
}

/// Compares the autodiff gradients of `Σ w ⊙ f(inputs)` (w fixed and random, so every
/// output element matters differently) with central finite differences, for every input.
///
/// Float32 central differences with step `h` have error ≈ ε·|f|/h + h²·|f'''|; the default
/// tolerances are an order of magnitude above that and far below any real gradient bug
/// (a wrong sign, factor or index shows up as an O(1) relative error).
public func expectGradientsMatchFiniteDifferences(
    _ inputs: [Tensor], step h: Float = 1e-2, tolerance: Float = 1e-2,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: ([Tensor]) -> Tensor
) {
    let parameters = inputs.map { Parameter($0) }
    let probe = function(inputs)
    let weights = randomTensor(probe.shape, seed: 99, range: 0.5...1.5)
    func objective(_ values: [Tensor]) -> Double {
        let output = withoutGradients { function(values) }
        return zip(output.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    (function(parameters.map(\.tensor)) * weights).sum().backward()

    for (index, parameter) in parameters.enumerated() {
        let analytic = parameter.gradient?.scalars ?? [Float](repeating: 0, count: inputs[index].count)
        var worst: Float = 0
        for element in 0..<inputs[index].count {
            var plus = inputs, minus = inputs
            plus[index].withMutableScalars { $0[element] += h }
            minus[index].withMutableScalars { $0[element] -= h }
            let numeric = Float((objective(plus) - objective(minus)) / Double(2 * h))
            let error = Swift.abs(numeric - analytic[element]) / Swift.max(1, Swift.abs(numeric))
            worst = Swift.max(worst, error)
        }
        #expect(worst <= tolerance, "input \(index) \(inputs[index].shape): worst gradient error \(worst)",
                sourceLocation: sourceLocation)
    }
}

/// Elementwise closeness with an absolute tolerance.
public func expectClose(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, "counts differ: \(a.count) vs \(b.count)", sourceLocation: sourceLocation)
    let worst = zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
    #expect(worst <= tolerance, "max abs difference \(worst) > \(tolerance)", sourceLocation: sourceLocation)
}
