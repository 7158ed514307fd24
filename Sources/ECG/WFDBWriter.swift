import Foundation

/// Writes a `Signal` as a WFDB record (`<name>.hea` + `<name>.dat`) that the usual tools open.
///
/// ```swift
/// try WFDBWriter.write(denoised, recordName: "100_denoised", to: outputDirectory)
/// ```
public enum WFDBWriter {
    /// Writes the record atomically (data file first, then header). Samples are digitised as
    /// `round(x · gain) + baseline`; the gain must keep the signal inside the format's range.
    ///
    /// - Parameters:
    ///   - format: 16 (default, 16-bit) or 212 (12-bit, MIT-BIH's format).
    ///   - gain: ADC units per mV (default 200 as in MIT-BIH; use e.g. 1000 for format 16 precision).
    /// ```swift
    /// let hea = try WFDBWriter.write(signal, recordName: "out", to: dir, format: 212)
    /// ```
    @discardableResult
    public static func write(_ signal: Signal, recordName: String, to directory: URL, format: Int = 16,
                             gain: Double = 200, baseline: Int = 0, comments: [String] = []) throws -> URL {
        guard [16, 212].contains(format) else { throw ECGError.unsupportedFormat(file: recordName, format: "\(format) for writing (use 16 or 212)") }
        guard gain.isFinite, gain > 0 else { throw ECGError.invalidArgument("gain \(gain) must be a positive finite number") }
        try WFDBHeader.checkRecordName(recordName)
        try signal.validate(context: recordName)
        let (low, high): (Int32, Int32) = format == 212 ? (-2047, 2047) : (-32767, 32767)
        var digital: [[Int32]] = []
        for (l, lead) in signal.leads.enumerated() {
            var out = [Int32](repeating: 0, count: lead.count)
            for (i, x) in lead.enumerated() {
                let v = (Double(x) * gain).rounded() + Double(baseline)
                guard v >= Double(low), v <= Double(high) else {
                    throw ECGError.invalidArgument("\(recordName): lead \(l) sample \(i) = \(x) does not fit format \(format) at gain \(gain) (digital \(v) outside \(low)…\(high)); lower the gain")
                }
                out[i] = Int32(v)
            }
            digital.append(out)
        }
        let dataName = recordName + ".dat"
        let specs = signal.leads.indices.map { l -> WFDBSignalSpec in
            var spec = WFDBSignalSpec(fileName: dataName, format: format)
            spec.gain = gain
            spec.baseline = baseline
            spec.units = signal.units[l]
            spec.adcResolution = format == 212 ? 12 : 16
            spec.adcZero = 0
            spec.initialValue = Int(digital[l].first ?? 0)
            spec.checksum = WFDBRecord.checksum(digital[l])
            spec.description = signal.leadNames[l]
            return spec
        }
        let header = WFDBHeader(recordName: recordName, sampleRate: signal.sampleRate,
                                sampleCount: signal.sampleCount, signals: specs, comments: comments)
        try writeAtomically(try WFDBSignalDecoder.encode(digital, format: format),
                            to: directory.appendingPathComponent(dataName))
        let headerURL = directory.appendingPathComponent(recordName + ".hea")
        try writeAtomically(Data(header.text().utf8), to: headerURL)
        return headerURL
    }
}
