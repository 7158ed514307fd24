import Foundation

/// One signal line of a WFDB header: where the samples are and how to turn them into mV.
///
/// ```swift
/// let mV = (Double(digital) - Double(spec.baseline)) / spec.gain
/// ```
public struct WFDBSignalSpec: Equatable, Sendable {
    /// Data file name, relative to the header's directory.
    public var fileName: String
    /// Storage format code (212, 16, 61, 80, …).
    public var format: Int
    /// Samples per frame (only 1 is supported by the decoder).
    public var samplesPerFrame: Int = 1
    /// Skew in frames (only 0 is supported by the decoder).
    public var skew: Int = 0
    /// Bytes to skip at the start of the data file.
    public var byteOffset: Int = 0
    /// ADC units per physical unit (a header gain of 0 means uncalibrated: 200 is used).
    public var gain: Double = 200
    /// Digital value that corresponds to 0 physical units.
    public var baseline: Int = 0
    /// Physical units, e.g. "mV".
    public var units: String = "mV"
    /// ADC resolution in bits.
    public var adcResolution: Int = 12
    /// ADC value at the centre of its range.
    public var adcZero: Int = 0
    /// First sample's digital value, if the header gives it.
    public var initialValue: Int?
    /// 16-bit sum of all samples, if the header gives it.
    public var checksum: Int?
    /// Block size (0 for ordinary files).
    public var blockSize: Int = 0
    /// Free-text description (the lead name for MIT-BIH).
    public var description: String = ""

    /// Creates a spec with defaults for everything but the file and format.
    ///
    /// ```swift
    /// let spec = WFDBSignalSpec(fileName: "out.dat", format: 16)
    /// ```
    public init(fileName: String, format: Int) {
        self.fileName = fileName
        self.format = format
    }
}

/// A parsed WFDB header (`.hea`): record line, signal lines and comments.
///
/// ```swift
/// let header = try WFDBHeader(contentsOf: URL(fileURLWithPath: "mitdb/100.hea"))
/// print(header.sampleRate, header.signals.map(\.description))
/// ```
public struct WFDBHeader: Equatable, Sendable {
    /// Record name (first field of the record line).
    public var recordName: String
    /// Samples per second per signal (WFDB default 250 when absent).
    public var sampleRate: Double
    /// Samples per signal, if the header gives it.
    public var sampleCount: Int?
    /// One entry per signal, in header order.
    public var signals: [WFDBSignalSpec]
    /// Comment lines without the leading `#` (and one following space).
    public var comments: [String]

    /// Creates a header from its parts.
    ///
    /// ```swift
    /// let h = WFDBHeader(recordName: "out", sampleRate: 360, sampleCount: 10, signals: specs)
    /// ```
    public init(recordName: String, sampleRate: Double, sampleCount: Int?,
                signals: [WFDBSignalSpec], comments: [String] = []) {
        self.recordName = recordName
        self.sampleRate = sampleRate
        self.sampleCount = sampleCount
        self.signals = signals
        self.comments = comments
    }

    /// Reads and parses a header file.
    ///
    /// ```swift
    /// let header = try WFDBHeader(contentsOf: url)
    /// ```
    public init(contentsOf url: URL) throws {
        let size = try regularFileSize(url)
        guard size <= WFDBHeader.maximumFileBytes else {
            throw ECGError.malformedHeader(file: url.path, line: 0,
                reason: "the file is \(size) bytes, more than the \(WFDBHeader.maximumFileBytes) bytes a header may have (not a WFDB header?)")
        }
        let data = try readFile(url)
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw ECGError.malformedHeader(file: url.path, line: 0, reason: "not text")
        }
        self = try WFDBHeader(parsing: text, file: url.path)
    }

    /// Parses header text; `file` names the source in errors.
    ///
    /// ```swift
    /// let h = try WFDBHeader(parsing: "100 2 360 650000\n…", file: "100.hea")
    /// ```
    public init(parsing text: String, file: String) throws {
        var recordLine: (Int, [Substring])?
        var signalLines: [(Int, [Substring])] = []
        var comments: [String] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            guard raw.utf8.count <= WFDBHeader.maximumLineBytes else {
                throw ECGError.malformedHeader(file: file, line: i + 1,
                    reason: "the line is \(raw.utf8.count) bytes long, more than the \(WFDBHeader.maximumLineBytes) bytes a header line may have")
            }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                var c = line.dropFirst()
                if c.hasPrefix(" ") { c = c.dropFirst() }
                comments.append(String(c))
                continue
            }
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if recordLine == nil { recordLine = (i + 1, tokens) } else { signalLines.append((i + 1, tokens)) }
        }
        guard let (recordLineNumber, record) = recordLine else {
            throw ECGError.malformedHeader(file: file, line: 1, reason: "no record line")
        }
        let parsed = try WFDBHeader.parseRecordLine(record, file: file, line: recordLineNumber)
        guard signalLines.count == parsed.signalCount else {
            throw ECGError.malformedHeader(file: file, line: recordLineNumber,
                reason: "record line declares \(parsed.signalCount) signals, found \(signalLines.count) signal lines")
        }
        let specs = try signalLines.map {
            try WFDBHeader.parseSignalLine($0.1, file: file, line: $0.0)
        }
        self.init(recordName: parsed.name, sampleRate: parsed.rate, sampleCount: parsed.count,
                  signals: specs, comments: comments)
    }

    /// The header as WFDB text (record line, signal lines, comments).
    ///
    /// ```swift
    /// try header.text().write(to: url, atomically: true, encoding: .utf8)
    /// ```
    public func text() -> String {
        var lines = ["\(recordName) \(signals.count) \(formatNumber(sampleRate))" + (sampleCount.map { " \($0)" } ?? "")]
        for s in signals {
            let unitsPart = s.units == "mV" ? "" : "/\(s.units)"
            lines.append("\(s.fileName) \(s.format) \(formatNumber(s.gain))(\(s.baseline))\(unitsPart) "
                + "\(s.adcResolution) \(s.adcZero) \(s.initialValue ?? 0) \(s.checksum ?? 0) \(s.blockSize) \(s.description)")
        }
        lines += comments.map { "# " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The largest header file read (4096 signal lines with long descriptions fit easily).
    static let maximumFileBytes = 8 << 20
    /// The longest header line accepted.
    static let maximumLineBytes = 64 << 10
    /// The largest byte offset (`format+offset`) accepted: 1 TiB.
    static let maximumByteOffset = 1 << 40

    // MARK: - Parsing helpers

    private static func parseRecordLine(_ t: [Substring], file: String, line: Int)
        throws -> (name: String, signalCount: Int, rate: Double, count: Int?) {
        func fail(_ r: String) -> ECGError { .malformedHeader(file: file, line: line, reason: r) }
        guard t.count >= 2 else { throw fail("record line needs at least a name and a signal count") }
        if t[0].contains("/") { throw fail("multi-segment records are not supported") }
        guard let n = Int(t[1]), n >= 0, n <= 4096 else { throw fail("signal count \(quotedExcerpt(t[1])) is not an integer in 0…4096") }
        var rate = 250.0
        if t.count >= 3 {
            let r = t[2].prefix { $0 != "/" && $0 != "(" }
            guard let v = Double(r) else { throw fail("sample rate \(quotedExcerpt(t[2])) is not a number") }
            rate = v
        }
        do { try Signal.checkSampleRate(rate, context: file) } catch { throw fail("sample rate \(rate) is not usable") }
        var count: Int?
        if t.count >= 4 {
            guard let c = Int(t[3]), c >= 0, c <= 1 << 40 else { throw fail("sample count \(quotedExcerpt(t[3])) is not an integer in 0…2^40") }
            count = c
        }
        return (String(t[0]), n, rate, count)
    }

    private static func parseSignalLine(_ t: [Substring], file: String, line: Int) throws -> WFDBSignalSpec {
        func fail(_ r: String) -> ECGError { .malformedHeader(file: file, line: line, reason: r) }
        func int(_ i: Int, _ name: String) throws -> Int? {
            guard i < t.count else { return nil }
            guard let v = Int(t[i]) else { throw fail("\(name) \(quotedExcerpt(t[i])) is not an integer") }
            return v
        }
        guard t.count >= 2 else { throw fail("signal line needs a file name and a format") }
        try checkDataFileName(t[0], fail: fail)
        let (format, spf, skew, offset) = try parseFormat(t[1], fail: fail)
        var spec = WFDBSignalSpec(fileName: String(t[0]), format: format)
        spec.samplesPerFrame = spf
        spec.skew = skew
        spec.byteOffset = offset
        spec.adcResolution = try int(3, "ADC resolution") ?? (format == 212 ? 12 : format == 80 ? 8 : 16)
        spec.adcZero = try int(4, "ADC zero") ?? 0
        spec.baseline = spec.adcZero
        if t.count > 2 { try parseGain(t[2], into: &spec, fail: fail) }
        spec.initialValue = try int(5, "initial value")
        spec.checksum = try int(6, "checksum")
        spec.blockSize = try int(7, "block size") ?? 0
        if t.count > 8 { spec.description = t[8...].joined(separator: " ") }
        return spec
    }

    /// Refuses data file names that would leave the header's directory (absolute paths, `..`).
    private static func checkDataFileName(_ name: Substring, fail: (String) -> ECGError) throws {
        guard !name.hasPrefix("/"), !name.hasPrefix("~"), !name.split(separator: "/").contains("..") else {
            throw fail("data file name \(quotedExcerpt(name)) must be a path inside the header's directory")
        }
    }

    private static func parseFormat(_ token: Substring, fail: (String) -> ECGError) throws -> (Int, Int, Int, Int) {
        var digits = "", spf = "", skew = "", offset = ""
        var target = 0
        for ch in token {
            switch ch {
            case "x": target = 1
            case ":": target = 2
            case "+": target = 3
            default:
                switch target {
                case 0: digits.append(ch)
                case 1: spf.append(ch)
                case 2: skew.append(ch)
                default: offset.append(ch)
                }
            }
        }
        guard let f = Int(digits) else { throw fail("format \(quotedExcerpt(token)) is not a number") }
        guard let s = spf.isEmpty ? 1 : Int(spf), s >= 1,
              let k = skew.isEmpty ? 0 : Int(skew),
              let o = offset.isEmpty ? 0 : Int(offset), o >= 0, o <= maximumByteOffset else {
            throw fail("format field \(quotedExcerpt(token)) has a malformed samples-per-frame, skew or byte offset (offset 0…2^40)")
        }
        return (f, s, k, o)
    }

    private static func parseGain(_ token: Substring, into spec: inout WFDBSignalSpec, fail: (String) -> ECGError) throws {
        var rest = token
        if let slash = rest.firstIndex(of: "/") {
            spec.units = String(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
        }
        if let open = rest.firstIndex(of: "(") {
            guard rest.hasSuffix(")"), let b = Int(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]) else {
                throw fail("baseline in \(quotedExcerpt(token)) is not an integer in parentheses")
            }
            spec.baseline = b
            rest = rest[..<open]
        }
        guard let g = Double(rest), g.isFinite, g >= 0 else { throw fail("gain \(quotedExcerpt(token)) is not a finite non-negative number") }
        spec.gain = g == 0 ? 200 : g
    }
}

/// Formats a Double without a trailing ".0" when it is integral.
func formatNumber(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}

extension WFDBHeader {
    /// Throws unless `name` is a valid WFDB record name: letters, digits and underscores only
    /// (a name like `103.denoised` would write a header that WFDB tools reject).
    ///
    /// ```swift
    /// try WFDBHeader.checkRecordName("103_denoised")
    /// ```
    public static func checkRecordName(_ name: String) throws {
        guard !name.isEmpty, name.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }) else {
            throw ECGError.invalidArgument(
                "WFDB record name '\(name)' may contain only letters, digits and underscores (e.g. \(name.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()).hea)")
        }
    }
}
