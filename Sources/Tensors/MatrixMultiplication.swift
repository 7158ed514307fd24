/// Matrix products on OpenBLAS.
extension Tensor {
    /// The matrix product of `[m, k]` and `[k, n]`.
    ///
    /// ```swift
    /// let c = a.matmul(b)   // [m, k] × [k, n] → [m, n]
    /// ```
    public func matmul(_ other: Tensor) -> Tensor {
        checkPrecondition(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                          "matmul needs [m, k] × [k, n], got \(shape) × \(other.shape)")
        let a = self
        return Tensor.record(Tensor.product(a, other), inputs: [a, other]) { g, needed in
            [needed[0] ? Tensor.product(g, other, transposingB: true) : nil,
             needed[1] ? Tensor.product(a, g, transposingA: true) : nil]
        }
    }

    /// `x · Wᵀ + b` for `x: [N, in]`, `weight: [out, in]` (PyTorch layout), `bias: [out]`.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        checkPrecondition(x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[1],
                          "linear needs input [N, in] and weight [out, in], got \(x.shape) and \(weight.shape)")
        // One GEMM against the weight as stored (no transposed copy of it per call).
        let recorded = record(product(x, weight, transposingB: true), inputs: [x, weight]) { g, needed in
            [needed[0] ? product(g, weight) : nil,
             needed[1] ? product(g, x, transposingA: true) : nil]
        }
        guard let bias else { return recorded }
        checkPrecondition(bias.shape == [weight.shape[0]],
                          "linear bias must have shape [\(weight.shape[0])], got \(bias.shape)")
        return recorded + bias
    }

    /// `op(a) · op(b)` of two matrices as a new tensor, `op` transposing when asked.
    static func product(_ a: Tensor, _ b: Tensor, transposingA: Bool = false, transposingB: Bool = false) -> Tensor {
        let (m, k) = transposingA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let n = transposingB ? b.shape[0] : b.shape[1]
        let result = Tensor.uninitialized([m, n])
        BLAS.gemm(transposeA: transposingA, transposeB: transposingB, m: m, n: n, k: k,
                  a: a.storage.base, lda: a.shape[1], b: b.storage.base, ldb: b.shape[1],
                  c: result.storage.base, ldc: n)
        return result
    }
}
