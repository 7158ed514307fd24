import Foundation

/// Reads EDF and EDF+ files (Holter and wearable exports) into a `Signal` in mV.
///
/// EDF+ annotation channels are skipped; all selected channels must share one sample rate.
///
/// ```swift
/// let signal = try EDFReader.read(from: URL(fileURLWithPath: "holter.edf"))
/// ```
public enum EDFReader {
    /// One channel's header fields.
    struct Channel {
        var label: String, unit: String, physicalMin: Double, physicalMax: Double
        var digitalMin: Int, digitalMax: Int, samplesPerRecord: Int
        var isAnnotation: Bool { label == "EDF Annotations" }
    }

    /// Reads the channels named in `labels` (default: every non-annotation channel).
    ///
    /// ```swift
    /// let ecg = try EDFReader.read(from: url, labels: ["ECG1", "ECG2"])
    /// ```
    public static func read(from url: URL, labels: [String]? = nil) throws -> Signal {
        let data = try readFile(url)
        let file = url.path
        return try data.withUnsafeBytes { raw -> Signal in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= 256 else { throw ECGError.malformedEDF(file: file, reason: "file has \(bytes.count) bytes, less than the 256-byte header") }
            func field(_ offset: Int, _ length: Int) -> String {
                String(decoding: bytes[offset..<(offset + length)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
            guard field(0, 8) == "0" else { throw ECGError.malformedEDF(file: file, reason: "version field is '\(field(0, 8))', expected '0'") }
            guard let headerBytes = Int(field(184, 8)), let declared = Int(field(236, 8)),
                  let duration = Double(field(244, 8)), let ns = Int(field(252, 4)) else {
                throw ECGError.malformedEDF(file: file, reason: "header size, record count, record duration or signal count is not a number")
            }
            guard ns >= 1, ns <= 4096, headerBytes == 256 * (ns + 1), bytes.count >= headerBytes else {
                throw ECGError.malformedEDF(file: file, reason: "\(ns) signals need a \(256 * (ns + 1))-byte header; header field says \(headerBytes), file has \(bytes.count) bytes")
            }
            guard duration > 0, duration.isFinite else { throw ECGError.malformedEDF(file: file, reason: "data-record duration \(duration) s must be positive") }
            let channels = try (0..<ns).map { try channel($0, count: ns, field: field, file: file) }
            let recordBytes = channels.reduce(0) { $0 + 2 * $1.samplesPerRecord }
            let dataBytes = bytes.count - headerBytes
            let actual = dataBytes / recordBytes
            guard dataBytes % recordBytes == 0, declared == -1 || declared == actual, actual > 0 || declared == 0 else {
                throw ECGError.edfRecordCountMismatch(file: file, declared: declared, actual: actual)
            }
            let selected = try select(channels, labels: labels, file: file)
            let spr = channels[selected[0]].samplesPerRecord
            let rate = Double(spr) / duration
            try Signal.checkSampleRate(rate, context: file)
            var offsets = [Int](repeating: 0, count: ns)
            for i in 1..<max(1, ns) { offsets[i] = offsets[i - 1] + 2 * channels[i - 1].samplesPerRecord }
            let leads = selected.map { c in
                decode(channels[c], bytes: bytes, start: headerBytes + offsets[c], recordBytes: recordBytes, records: actual)
            }
            let signal = Signal(leads: leads.map(\.0), sampleRate: rate, leadNames: selected.map { channels[$0].label },
                                units: leads.map(\.1))
            try signal.validate(context: file)
            return signal
        }
    }

    private static func channel(_ i: Int, count ns: Int, field: (Int, Int) -> String, file: String) throws -> Channel {
        func at(_ base: Int, _ width: Int) -> String { field(256 + base * ns + i * width, width) }
        let label = at(0, 16)
        guard let pmin = Double(at(104, 8)), let pmax = Double(at(112, 8)),
              let dmin = Int(at(120, 8)), let dmax = Int(at(128, 8)), let spr = Int(at(216, 8)) else {
            throw ECGError.malformedEDF(file: file, reason: "signal \(i) ('\(label)'): physical/digital range or samples per record is not a number")
        }
        guard dmax > dmin, pmax != pmin, pmin.isFinite, pmax.isFinite, spr > 0, spr <= 10_000_000 else {
            throw ECGError.malformedEDF(file: file, reason: "signal \(i) ('\(label)'): needs digital max > min, physical max ≠ min and samples per record > 0")
        }
        return Channel(label: label, unit: at(96, 8), physicalMin: pmin, physicalMax: pmax,
                       digitalMin: dmin, digitalMax: dmax, samplesPerRecord: spr)
    }

    private static func select(_ channels: [Channel], labels: [String]?, file: String) throws -> [Int] {
        let chosen: [Int]
        if let labels {
            chosen = try labels.map { label in
                guard let i = channels.firstIndex(where: { $0.label == label }) else {
                    throw ECGError.malformedEDF(file: file, reason: "no signal labelled '\(label)' (have: \(channels.map(\.label).joined(separator: ", ")))")
                }
                return i
            }
        } else {
            chosen = channels.indices.filter { !channels[$0].isAnnotation }
        }
        guard let first = chosen.first else { throw ECGError.emptySignal(context: "\(file) (no ordinary signals)") }
        let rates = Set(chosen.map { channels[$0].samplesPerRecord })
        guard rates.count == 1 else {
            throw ECGError.malformedEDF(file: file, reason: "selected signals have different sample rates (\(chosen.map { "\(channels[$0].label): \(channels[$0].samplesPerRecord)/record" }.joined(separator: ", "))); choose leads with one rate via labels")
        }
        _ = first
        return chosen
    }

    private static func decode(_ c: Channel, bytes: UnsafeBufferPointer<UInt8>, start: Int, recordBytes: Int, records: Int) -> ([Float], String) {
        let (unitScale, unit) = millivoltScale(c.unit)
        let slope = (c.physicalMax - c.physicalMin) / Double(c.digitalMax - c.digitalMin) * unitScale
        let intercept = c.physicalMin * unitScale - Double(c.digitalMin) * slope
        let n = c.samplesPerRecord
        let samples = [Float](unsafeUninitializedCapacity: n * records) { out, count in
            for r in 0..<records {
                let base = start + r * recordBytes
                for k in 0..<n {
                    let d = Int16(bitPattern: UInt16(bytes[base + 2 * k]) | UInt16(bytes[base + 2 * k + 1]) << 8)
                    out[r * n + k] = Float(Double(d) * slope + intercept)
                }
            }
            count = n * records
        }
        return (samples, unit)
    }

    /// Factor that converts `unit` to mV, and the resulting unit name (unknown units pass through).
    static func millivoltScale(_ unit: String) -> (Double, String) {
        switch unit {
        case "uV", "µV", "microV": return (0.001, "mV")
        case "mV": return (1, "mV")
        case "V": return (1000, "mV")
        case "nV": return (1e-6, "mV")
        default: return (1, unit)
        }
    }
}
