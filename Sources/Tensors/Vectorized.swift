/// Explicit SIMD loops for the reductions and elementwise passes the compiler will not
/// vectorise by itself (floating-point reductions need a fixed association order).
enum Vectorized {
    typealias V = SIMD16<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// `Σ p[0..<n]` in 16 lanes (each lane sums ≤ n/16 values).
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = V(repeating: 0), i = 0
        while i + 16 <= n { acc += load(p + i); i += 16 }
        var total = acc.sum()
        while i < n { total += p[i]; i += 1 }
        return total
    }

    /// `Σ (p[i] − m)²`.
    @inline(__always)
    static func sumOfSquaredDeviations(_ p: UnsafePointer<Float>, _ n: Int, mean m: Float) -> Float {
        var acc = V(repeating: 0), i = 0
        let mv = V(repeating: m)
        while i + 16 <= n { let d = load(p + i) - mv; acc += d * d; i += 16 }
        var total = acc.sum()
        while i < n { let d = p[i] - m; total += d * d; i += 1 }
        return total
    }

    /// `Σ |p[i]|`.
    @inline(__always)
    static func sumOfMagnitudes(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = V(repeating: 0), i = 0
        while i + 16 <= n {
            let v = load(p + i)
            acc += v.replacing(with: -v, where: v .< 0)
            i += 16
        }
        var total = acc.sum()
        while i < n { total += Swift.abs(p[i]); i += 1 }
        return total
    }
}
