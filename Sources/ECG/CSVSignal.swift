import Foundation

/// Reading and writing signals as CSV: one column per lead, an optional header row and an
/// optional leading time column (seconds, or milliseconds when its name says "ms").
///
/// ```swift
/// let signal = try CSVSignal.read(from: url, options: .init(sampleRate: 250))
/// try CSVSignal.write(signal, to: out)
/// ```
public enum CSVSignal {
    /// Whether the first column holds time stamps.
    public enum TimeColumn: Sendable {
        /// A time column if the header's first name looks like time ("time", "t", "seconds", …).
        case auto
        /// No time column.
        case none
        /// The first column is time.
        case first
    }

    /// How to read a CSV file.
    public struct ReadOptions: Sendable {
        /// Samples per second; required when the file has no time column (wins over the time column).
        public var sampleRate: Double?
        /// Time column handling.
        public var timeColumn: TimeColumn

        /// Creates options.
        ///
        /// ```swift
        /// let options = CSVSignal.ReadOptions(sampleRate: 500)
        /// ```
        public init(sampleRate: Double? = nil, timeColumn: TimeColumn = .auto) {
            self.sampleRate = sampleRate
            self.timeColumn = timeColumn
        }
    }

    /// Reads a CSV file into a `Signal` (values taken as mV).
    ///
    /// ```swift
    /// let signal = try CSVSignal.read(from: url, options: .init(sampleRate: 360))
    /// ```
    public static func read(from url: URL, options: ReadOptions = .init()) throws -> Signal {
        let data = try readFile(url)
        guard let text = String(data: data, encoding: .utf8) else { throw notUTF8(data, file: url.path) }
        return try parse(text, file: url.path, options: options)
    }

    /// Parses CSV text; `file` names the source in errors. A leading byte-order mark is ignored.
    /// Every sample must be a finite number within 32-bit float range, every time stamp finite.
    ///
    /// ```swift
    /// let signal = try CSVSignal.parse("MLII,V5\n0.1,0.2\n", file: "x.csv", options: .init(sampleRate: 360))
    /// ```
    public static func parse(_ text: String, file: String, options: ReadOptions = .init()) throws -> Signal {
        let text = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.first else { throw ECGError.emptySignal(context: file) }
        let separator: Character = first.element.contains(",") ? "," : first.element.contains(";") ? ";" : "\t"
        func cells(_ line: Substring) -> [String] {
            line.split(separator: separator, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        let firstCells = cells(first.element)
        let hasHeader = firstCells.contains { Double($0) == nil }
        let names = hasHeader ? firstCells : []
        let hasTime: Bool
        switch options.timeColumn {
        case .none: hasTime = false
        case .first: hasTime = true
        case .auto: hasTime = names.first.map(isTimeName) ?? false
        }
        let columnCount = firstCells.count
        guard columnCount > (hasTime ? 1 : 0) else {
            throw ECGError.malformedCSV(file: file, line: first.offset + 1, reason: "no signal column")
        }
        var columns = [[Double]](repeating: [], count: columnCount)
        for (index, line) in lines.dropFirst(hasHeader ? 1 : 0) {
            let row = cells(line)
            guard row.count == columnCount else {
                throw ECGError.malformedCSV(file: file, line: index + 1, reason: "expected \(columnCount) columns, found \(row.count)")
            }
            for (c, cell) in row.enumerated() {
                let isTime = hasTime && c == 0
                let v = try number(cell, column: c, name: c < names.count ? names[c] : nil, isTime: isTime,
                                   file: file, line: index + 1)
                guard v.isFinite || isTime else {
                    throw ECGError.nonFiniteSample(context: "\(file), line \(index + 1)", lead: c - (hasTime ? 1 : 0), index: columns[c].count)
                }
                columns[c].append(v)
            }
        }
        guard !columns[0].isEmpty else { throw ECGError.emptySignal(context: file) }
        let rate = try options.sampleRate ?? rateFromTime(hasTime ? columns[0] : nil, milliseconds: names.first?.lowercased().contains("ms") ?? false, file: file)
        try Signal.checkSampleRate(rate, context: file)
        let leadColumns = hasTime ? Array(columns.dropFirst()) : columns
        let leadNames = hasHeader ? Array(names.dropFirst(hasTime ? 1 : 0)) : []
        let signal = Signal(leads: leadColumns.map { $0.map(Float.init) }, sampleRate: rate, leadNames: leadNames)
        try signal.validate(context: file)
        return signal
    }

    /// Writes a signal as CSV atomically: header row (`time,<lead names>`), time in seconds when `includeTime`.
    ///
    /// ```swift
    /// try CSVSignal.write(signal, to: URL(fileURLWithPath: "out.csv"))
    /// ```
    public static func write(_ signal: Signal, to url: URL, includeTime: Bool = true, includeHeader: Bool = true) throws {
        try signal.validate(context: url.path)
        var out = ""
        out.reserveCapacity(signal.sampleCount * signal.leadCount * 12)
        if includeHeader {
            let names = signal.leadNames.map { $0.replacingOccurrences(of: ",", with: " ") }
            out += ((includeTime ? ["time"] : []) + names).joined(separator: ",") + "\n"
        }
        for i in 0..<signal.sampleCount {
            var row = includeTime ? [String(Double(i) / signal.sampleRate)] : []
            for lead in signal.leads { row.append(String(lead[i])) }
            out += row.joined(separator: ",") + "\n"
        }
        try writeAtomically(Data(out.utf8), to: url)
    }

    // MARK: - Helpers

    /// The value of one cell. A time cell must be finite; a sample cell may be NaN or ±∞ (the
    /// caller reports it with its lead and index) but not a finite value beyond 32-bit float range.
    private static func number(_ cell: String, column c: Int, name: String?, isTime: Bool,
                               file: String, line: Int) throws -> Double {
        let label = "column \(c + 1)" + (name.map { " (\(quotedExcerpt($0)))" } ?? "")
        guard let v = Double(cell) else {
            throw ECGError.malformedCSV(file: file, line: line, reason: "\(label): \(quotedExcerpt(cell)) is not a number")
        }
        if isTime && !v.isFinite {
            throw ECGError.malformedCSV(file: file, line: line, reason: "\(label): time \(quotedExcerpt(cell)) is not a finite number")
        }
        if !isTime && v.isFinite && !Float(v).isFinite {
            throw ECGError.malformedCSV(file: file, line: line, reason: "\(label): \(quotedExcerpt(cell)) is outside the 32-bit float range of a sample")
        }
        return v
    }

    /// The error for bytes that are not UTF-8: the line and offset of the first bad byte.
    private static func notUTF8(_ data: Data, file: String) -> ECGError {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        scan: while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput, .error: break scan
            }
        }
        guard offset < data.count else { return .malformedCSV(file: file, line: 1, reason: "not UTF-8 text") }
        let line = data.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let byte = String(data[data.startIndex + offset], radix: 16, uppercase: true)
        return .malformedCSV(file: file, line: line, reason: "not UTF-8 text: invalid byte 0x\(byte) at byte offset \(offset)")
    }

    private static func isTimeName(_ name: String) -> Bool {
        let n = name.lowercased()
        return n == "t" || n.hasPrefix("time") || n.hasPrefix("sec") || n.hasPrefix("elapsed") || n == "ms"
    }

    private static func rateFromTime(_ time: [Double]?, milliseconds: Bool, file: String) throws -> Double {
        guard let time, time.count >= 2 else { throw ECGError.missingSampleRate(file: file) }
        let scale = milliseconds ? 0.001 : 1
        let step = (time[time.count - 1] - time[0]) * scale / Double(time.count - 1)
        guard step > 0 else { throw ECGError.malformedCSV(file: file, line: 2, reason: "time column does not increase") }
        for i in 1..<time.count where abs((time[i] - time[i - 1]) * scale - step) > 0.01 * step {
            throw ECGError.malformedCSV(file: file, line: i + 2, reason: "time column is not uniformly spaced (step \((time[i] - time[i - 1]) * scale) s, mean \(step) s); pass --sample-rate")
        }
        return 1 / step
    }
}
