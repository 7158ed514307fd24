extension WaveletTransform {
    /// One analysis level: `x` (n samples) into `a` and `d` (each
    /// ``BoundaryMode/coefficientCount(forLength:filterLength:)`` long).
    func analyze(_ x: UnsafeBufferPointer<Double>, approximation a: UnsafeMutableBufferPointer<Double>,
                 detail d: UnsafeMutableBufferPointer<Double>) {
        let taps = filterBank.length, offset = taps - 1
        // Extended input: ext[u] stands for x[u − offset]; indices 2i+1−j never leave it.
        let extended = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * a.count + 2 * taps)
        defer { extended.deallocate() }
        for u in 0..<extended.count { extended[u] = boundary.value(at: u - offset, in: x) }
        filterBank.lowPass.withUnsafeBufferPointer { h in
            filterBank.highPass.withUnsafeBufferPointer { g in
                for i in 0..<a.count {
                    let base = 2 * i + 1 + offset
                    var low = 0.0, high = 0.0
                    for j in 0..<taps {
                        let value = extended[base - j]
                        low += h[j] * value
                        high += g[j] * value
                    }
                    a[i] = low
                    d[i] = high
                }
            }
        }
    }

    /// One synthesis level: `a` and `d` back into `x` (the level's input length).
    func synthesize(approximation a: UnsafeBufferPointer<Double>, detail d: UnsafeBufferPointer<Double>,
                    into x: UnsafeMutableBufferPointer<Double>) {
        let n = x.count, taps = filterBank.length, offset = taps - 2
        // Scatter every coefficient's two filters into buf, where buf[u] accumulates x[u − offset];
        // t = 2i+1−j runs from 2 − L to 2·count − 1.
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * a.count + taps)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 0)
        filterBank.lowPass.withUnsafeBufferPointer { h in
            filterBank.highPass.withUnsafeBufferPointer { g in
                for i in 0..<a.count {
                    let base = 2 * i + 1 + offset, ai = a[i], di = d[i]
                    for j in 0..<taps { buffer[base - j] += ai * h[j] + di * g[j] }
                }
            }
        }
        switch boundary {
        case .symmetric, .antireflect:
            // Every coefficient touching x[0..<n] was kept, so the middle is x itself.
            for t in 0..<n { x[t] = buffer[t + offset] }
        case .periodic:
            // The periodised basis wraps: fold everything onto one (padded, even) period.
            let period = n + n % 2
            let folded = UnsafeMutableBufferPointer<Double>.allocate(capacity: period)
            defer { folded.deallocate() }
            folded.initialize(repeating: 0)
            for u in 0..<buffer.count {
                let t = ((u - offset) % period + period) % period
                folded[t] += buffer[u]
            }
            for t in 0..<n { x[t] = folded[t] }
        }
    }
}
