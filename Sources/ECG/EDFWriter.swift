import Foundation

/// Writes a `Signal` as EDF+ (continuous, "EDF+C") or plain EDF, 16-bit, atomically.
///
/// Each lead's physical range is its min/max (rounded outward to fit the 8-character field); the
/// digital range is −32768…32767. Data records last `recordDuration` seconds; a final partial
/// record is padded with the last sample, so the read-back length rounds up to whole records.
///
/// ```swift
/// try EDFWriter.write(signal, to: URL(fileURLWithPath: "out.edf"))
/// ```
public enum EDFWriter {
    /// Writes the file. `edfPlus` adds the EDF+ time-keeping annotation channel.
    ///
    /// ```swift
    /// try EDFWriter.write(signal, to: url, edfPlus: false)
    /// ```
    public static func write(_ signal: Signal, to url: URL, edfPlus: Bool = true, recordDuration: Double? = nil) throws {
        try signal.validate(context: url.path)
        let duration = try recordDuration ?? defaultDuration(for: signal.sampleRate)
        let sprDouble = signal.sampleRate * duration
        guard duration > 0, abs(sprDouble - sprDouble.rounded()) < 1e-6, sprDouble >= 1, sprDouble < 1e7 else {
            throw ECGError.invalidArgument("record duration \(duration) s × \(signal.sampleRate) Hz is not a whole number of samples")
        }
        let spr = Int(sprDouble.rounded())
        let records = (signal.sampleCount + spr - 1) / spr
        let annotationSPR = 30
        var labels = signal.leadNames, units = signal.units
        var ranges = signal.leads.map { physicalRange($0) }
        var sprs = Array(repeating: spr, count: signal.leadCount)
        if edfPlus {
            labels.append("EDF Annotations"); units.append(""); ranges.append(("-1", "1")); sprs.append(annotationSPR)
        }
        let ns = labels.count
        var header = ""
        header += pad("0", 8) + pad("X X X X", 80) + pad("Startdate X X X X", 80) + pad("01.01.85", 8) + pad("00.00.00", 8)
        header += pad(String(256 * (ns + 1)), 8) + pad(edfPlus ? "EDF+C" : "", 44) + pad(String(records), 8)
        header += pad(formatField(duration), 8) + pad(String(ns), 4)
        header += labels.map { pad($0, 16) }.joined() + labels.map { _ in pad("", 80) }.joined()
        header += units.map { pad($0, 8) }.joined() + ranges.map { pad($0.0, 8) }.joined() + ranges.map { pad($0.1, 8) }.joined()
        header += labels.map { _ in pad("-32768", 8) }.joined() + labels.map { _ in pad("32767", 8) }.joined()
        header += labels.map { _ in pad("", 80) }.joined() + sprs.map { pad(String($0), 8) }.joined()
        header += labels.map { _ in pad("", 32) }.joined()
        var bytes = [UInt8](header.utf8)
        guard bytes.count == 256 * (ns + 1) else { throw ECGError.invalidArgument("EDF header fields must be ASCII (lead names/units)") }
        let digital = zip(signal.leads, ranges).map { lead, range in digitise(lead, min: Double(range.0) ?? -1, max: Double(range.1) ?? 1) }
        bytes.reserveCapacity(bytes.count + records * sprs.reduce(0, +) * 2)
        for r in 0..<records {
            for lead in digital {
                for k in 0..<spr {
                    let v = UInt16(bitPattern: lead[min(r * spr + k, lead.count - 1)])
                    bytes.append(UInt8(v & 0xFF)); bytes.append(UInt8(v >> 8))
                }
            }
            if edfPlus {
                var tal = [UInt8]("+\(formatField(Double(r) * duration))\u{14}\u{14}\u{0}".utf8)
                tal += [UInt8](repeating: 0, count: 2 * annotationSPR - tal.count)
                bytes += tal
            }
        }
        try writeAtomically(Data(bytes), to: url)
    }

    // MARK: - Helpers

    private static func defaultDuration(for rate: Double) throws -> Double {
        for d in [1.0, 2, 4, 5, 10, 20, 25, 50, 100] where abs(rate * d - (rate * d).rounded()) < 1e-9 { return d }
        throw ECGError.invalidArgument("sample rate \(rate) Hz needs an explicit EDF record duration")
    }

    /// Physical min/max as ≤ 8-character strings, rounded outward, never equal.
    private static func physicalRange(_ lead: [Float]) -> (String, String) {
        var low = Double(lead.min() ?? -1), high = Double(lead.max() ?? 1)
        if high - low < 1e-6 { low -= 1; high += 1 }
        return (fit(low, roundingUp: false), fit(high, roundingUp: true))
    }

    private static func fit(_ x: Double, roundingUp: Bool) -> String {
        for decimals in stride(from: 6, through: 0, by: -1) {
            let p = pow(10.0, Double(decimals))
            let v = roundingUp ? (x * p).rounded(.up) / p : (x * p).rounded(.down) / p
            let s = String(format: "%.\(decimals)f", v)
            if s.count <= 8 { return s }
        }
        return roundingUp ? "99999999" : "-9999999"
    }

    private static func digitise(_ lead: [Float], min: Double, max: Double) -> [Int16] {
        let scale = 65535 / (max - min)
        return lead.map { x in
            let d = (Double(x) - min) * scale - 32768
            return Int16(Swift.max(-32768, Swift.min(32767, d.rounded())))
        }
    }

    private static func formatField(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        let ascii = String(s.unicodeScalars.filter(\.isASCII).map(Character.init)).prefix(width)
        return ascii + String(repeating: " ", count: width - ascii.count)
    }
}
