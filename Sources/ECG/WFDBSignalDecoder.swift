import Foundation

/// Decodes and encodes WFDB sample storage formats (212, 16, 61, 80).
///
/// Samples of the signals stored in one file are interleaved frame by frame.
///
/// ```swift
/// let digital = try WFDBSignalDecoder.decode(bytes, format: 212, signalCount: 2, frameCount: 650_000, file: "100.dat")
/// ```
public enum WFDBSignalDecoder {
    /// Formats this decoder understands.
    public static let supportedFormats: Set<Int> = [212, 16, 61, 80]

    /// The digital value WFDB uses to mark an invalid sample in `format`.
    ///
    /// ```swift
    /// let invalid = WFDBSignalDecoder.invalidSample(format: 212) // -2048
    /// ```
    public static func invalidSample(format: Int) -> Int32 {
        switch format {
        case 212: return -2048
        case 80: return -128
        default: return -32768
        }
    }

    /// Bytes needed to store `sampleCount` samples (all signals together) in `format`.
    ///
    /// ```swift
    /// WFDBSignalDecoder.byteCount(format: 212, sampleCount: 4) // 6
    /// ```
    public static func byteCount(format: Int, sampleCount: Int) -> Int {
        switch format {
        case 212: return (sampleCount * 3 + 1) / 2
        case 80: return sampleCount
        default: return sampleCount * 2
        }
    }

    /// Whole samples that `byteCount` bytes hold in `format` (the inverse of ``byteCount(format:sampleCount:)``).
    ///
    /// ```swift
    /// WFDBSignalDecoder.sampleCapacity(format: 212, byteCount: 7) // 4
    /// ```
    public static func sampleCapacity(format: Int, byteCount: Int) -> Int {
        switch format {
        case 212: return byteCount * 2 / 3
        case 80: return byteCount
        default: return byteCount / 2
        }
    }

    /// Decodes `frameCount` frames of `signalCount` interleaved signals into one array per signal.
    ///
    /// ```swift
    /// let perSignal = try WFDBSignalDecoder.decode(data, format: 16, signalCount: 2, frameCount: n, file: "em.dat")
    /// ```
    public static func decode(_ data: Data, format: Int, signalCount: Int, frameCount: Int,
                              file: String) throws -> [[Int32]] {
        guard supportedFormats.contains(format) else { throw ECGError.unsupportedFormat(file: file, format: String(format)) }
        guard signalCount >= 1, frameCount >= 0 else {
            throw ECGError.invalidArgument("\(file): \(signalCount) signals × \(frameCount) frames (need ≥ 1 signal, ≥ 0 frames)")
        }
        // Every format needs at least one byte per sample: check that before any product can overflow.
        let (total, overflow) = signalCount.multipliedReportingOverflow(by: frameCount)
        guard !overflow, total <= data.count else {
            let expected = overflow || total > Int.max / 3 ? Int.max : byteCount(format: format, sampleCount: total)
            throw ECGError.truncatedData(file: file, expectedBytes: expected, actualBytes: data.count)
        }
        let needed = byteCount(format: format, sampleCount: total)
        guard data.count >= needed else { throw ECGError.truncatedData(file: file, expectedBytes: needed, actualBytes: data.count) }
        var flat = [Int32](repeating: 0, count: total)
        data.withUnsafeBytes { raw in
            let src = raw.bindMemory(to: UInt8.self)
            flat.withUnsafeMutableBufferPointer { dst in
                switch format {
                case 212: decode212(src, into: dst)
                case 16: decode16(src, bigEndian: false, into: dst)
                case 61: decode16(src, bigEndian: true, into: dst)
                default: for i in 0..<dst.count { dst[i] = Int32(src[i]) - 128 }
                }
            }
        }
        return deinterleave(flat, signalCount: signalCount, frameCount: frameCount)
    }

    /// Encodes per-signal digital samples into `format` bytes, interleaving the signals.
    ///
    /// ```swift
    /// let bytes = try WFDBSignalDecoder.encode([[1, 2], [3, 4]], format: 212)
    /// ```
    public static func encode(_ signals: [[Int32]], format: Int) throws -> Data {
        guard supportedFormats.contains(format) else { throw ECGError.unsupportedFormat(file: "(output)", format: String(format)) }
        let n = signals.count, frames = signals.first?.count ?? 0
        var flat = [Int32](repeating: 0, count: n * frames)
        for (s, signal) in signals.enumerated() {
            guard signal.count == frames else { throw ECGError.invalidArgument("signal \(s) has \(signal.count) samples, signal 0 has \(frames)") }
            for t in 0..<frames { flat[t * n + s] = signal[t] }
        }
        var out = [UInt8](repeating: 0, count: byteCount(format: format, sampleCount: flat.count))
        for (i, v) in flat.enumerated() {
            switch format {
            case 212:
                let u = UInt32(bitPattern: v) & 0xFFF, base = (i / 2) * 3
                if i % 2 == 0 {
                    out[base] = UInt8(u & 0xFF); out[base + 1] |= UInt8(u >> 8)
                } else {
                    out[base + 2] = UInt8(u & 0xFF); out[base + 1] |= UInt8((u >> 8) << 4)
                }
            case 16, 61:
                let u = UInt16(bitPattern: Int16(truncatingIfNeeded: v))
                let (lo, hi) = (UInt8(u & 0xFF), UInt8(u >> 8))
                out[2 * i] = format == 16 ? lo : hi
                out[2 * i + 1] = format == 16 ? hi : lo
            default:
                out[i] = UInt8(truncatingIfNeeded: v + 128)
            }
        }
        return Data(out)
    }

    // MARK: - Kernels

    private static func decode212(_ src: UnsafeBufferPointer<UInt8>, into dst: UnsafeMutableBufferPointer<Int32>) {
        var i = 0, b = 0
        while i + 1 < dst.count {
            let b0 = Int32(src[b]), b1 = Int32(src[b + 1]), b2 = Int32(src[b + 2])
            dst[i] = signExtend12(b0 | ((b1 & 0x0F) << 8))
            dst[i + 1] = signExtend12(b2 | ((b1 & 0xF0) << 4))
            i += 2; b += 3
        }
        if i < dst.count {
            dst[i] = signExtend12(Int32(src[b]) | ((Int32(src[b + 1]) & 0x0F) << 8))
        }
    }

    @inline(__always) private static func signExtend12(_ v: Int32) -> Int32 { v >= 2048 ? v - 4096 : v }

    private static func decode16(_ src: UnsafeBufferPointer<UInt8>, bigEndian: Bool,
                                 into dst: UnsafeMutableBufferPointer<Int32>) {
        for i in 0..<dst.count {
            let a = UInt16(src[2 * i]), b = UInt16(src[2 * i + 1])
            let u = bigEndian ? (a << 8) | b : (b << 8) | a
            dst[i] = Int32(Int16(bitPattern: u))
        }
    }

    private static func deinterleave(_ flat: [Int32], signalCount: Int, frameCount: Int) -> [[Int32]] {
        if signalCount == 1 { return [flat] }
        var result: [[Int32]] = []
        flat.withUnsafeBufferPointer { src in
            for s in 0..<signalCount {
                result.append([Int32](unsafeUninitializedCapacity: frameCount) { buf, count in
                    for t in 0..<frameCount { buf[t] = src[t * signalCount + s] }
                    count = frameCount
                })
            }
        }
        return result
    }
}
