/// Matrix products on OpenBLAS.
extension Tensor {
    /// The matrix product of `[m, k]` and `[k, n]`.
    ///
    /// ```swift
    /// let c = a.matmul(b)   // [m, k] × [k, n] → [m, n]
    /// ```
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                     "matmul needs [m, k] × [k, n], got \(shape) × \(other.shape)")
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        let result = Tensor.uninitialized([m, n])
        BLAS.gemm(m: m, n: n, k: k, a: storage.base, lda: k, b: other.storage.base, ldb: n,
                  c: result.storage.base, ldc: n)
        let a = self
        return Tensor.record(result, inputs: [self, other]) { g, needed in
            var gradA: Tensor?, gradB: Tensor?
            if needed[0] {
                let grad = Tensor.uninitialized([m, k])
                BLAS.gemm(transposeB: true, m: m, n: k, k: n, a: g.storage.base, lda: n,
                          b: other.storage.base, ldb: n, c: grad.storage.base, ldc: k)
                gradA = grad
            }
            if needed[1] {
                let grad = Tensor.uninitialized([k, n])
                BLAS.gemm(transposeA: true, m: k, n: n, k: m, a: a.storage.base, lda: k,
                          b: g.storage.base, ldb: n, c: grad.storage.base, ldc: n)
                gradB = grad
            }
            return [gradA, gradB]
        }
    }

    /// `x · Wᵀ + b` for `x: [N, in]`, `weight: [out, in]` (PyTorch layout), `bias: [out]`.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        precondition(x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[1],
                     "linear needs input [N, in] and weight [out, in], got \(x.shape) and \(weight.shape)")
        // One GEMM against the weight as stored (no transposed copy of it per call).
        let (rows, inFeatures, outFeatures) = (x.shape[0], x.shape[1], weight.shape[0])
        let product = Tensor.uninitialized([rows, outFeatures])
        BLAS.gemm(transposeB: true, m: rows, n: outFeatures, k: inFeatures, a: x.storage.base, lda: inFeatures,
                  b: weight.storage.base, ldb: inFeatures, c: product.storage.base, ldc: outFeatures)
        let recorded = Tensor.record(product, inputs: [x, weight]) { g, needed in
            var gradX: Tensor?, gradW: Tensor?
            if needed[0] {
                let grad = Tensor.uninitialized([rows, inFeatures])
                BLAS.gemm(m: rows, n: inFeatures, k: outFeatures, a: g.storage.base, lda: outFeatures,
                          b: weight.storage.base, ldb: inFeatures, c: grad.storage.base, ldc: inFeatures)
                gradX = grad
            }
            if needed[1] {
                let grad = Tensor.uninitialized([outFeatures, inFeatures])
                BLAS.gemm(transposeA: true, m: outFeatures, n: inFeatures, k: rows, a: g.storage.base, lda: outFeatures,
                          b: x.storage.base, ldb: inFeatures, c: grad.storage.base, ldc: inFeatures)
                gradW = grad
            }
            return [gradX, gradW]
        }
        guard let bias else { return recorded }
        precondition(bias.shape == [outFeatures],
                     "linear bias must have shape [\(outFeatures)], got \(bias.shape)")
        return recorded + bias
    }
}
