import CBLAS

/// Row-major single-precision GEMM and thread control, on OpenBLAS.
public enum BLAS {
    /// `C = alpha · op(A) · op(B) + beta · C`, all row-major; `op` transposes when asked.
    /// `A` is `m×k` after `op`, `B` is `k×n` after `op`, `C` is `m×n`.
    @inline(__always)
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if beta == 0 { for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) } }
            return
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// The number of threads OpenBLAS uses for one call.
    /// (Reading or setting it applies the engine's thread policy first — see ``Parallel`` —
    /// so a later first allocation cannot silently override an explicit setting.)
    public static var threadCount: Int {
        get { _ = Parallel.policyApplied; return Int(openblas_get_num_threads()) }
        set { _ = Parallel.policyApplied; openblas_set_num_threads(Int32(Swift.max(1, newValue))) }
    }
}
