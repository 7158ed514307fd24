import Foundation

/// Every failure of the ECG module: reading, writing, mixing, downloading, verifying.
///
/// Each message names the file (or input) and says what was expected, so a user can act on it.
///
/// ```swift
/// do { _ = try WFDBRecord.read(headerAt: url) } catch let error as ECGError { print(error) }
/// ```
public enum ECGError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A file that should exist does not.
    case fileNotFound(path: String)
    /// A file exists but could not be read or written.
    case ioFailure(path: String, reason: String)
    /// A WFDB header line is malformed.
    case malformedHeader(file: String, line: Int, reason: String)
    /// A WFDB signal format code this reader does not decode.
    case unsupportedFormat(file: String, format: String)
    /// A data file is shorter than its header says.
    case truncatedData(file: String, expectedBytes: Int, actualBytes: Int)
    /// A data file's size disagrees with its header (other than truncation).
    case sizeMismatch(file: String, expectedBytes: Int, actualBytes: Int)
    /// A signal's 16-bit checksum disagrees with its header.
    case checksumMismatch(file: String, signal: Int, expected: Int, actual: Int)
    /// An annotation file is malformed.
    case malformedAnnotations(file: String, reason: String)
    /// A CSV cell or row is not what was expected.
    case malformedCSV(file: String, line: Int, reason: String)
    /// No sample rate is known for the input; pass one explicitly.
    case missingSampleRate(file: String)
    /// A sample rate outside the accepted range (0.1 Hz … 1 MHz, finite).
    case invalidSampleRate(context: String, rate: Double)
    /// A NaN or infinite sample.
    case nonFiniteSample(context: String, lead: Int, index: Int)
    /// A signal or segment with no samples.
    case emptySignal(context: String)
    /// A signal or segment with zero power after mean-centring.
    case constantSignal(context: String)
    /// An EDF/EDF+ header field is malformed.
    case malformedEDF(file: String, reason: String)
    /// The EDF header's data-record count disagrees with the file size.
    case edfRecordCountMismatch(file: String, declared: Int, actual: Int)
    /// An argument passed to a function is invalid.
    case invalidArgument(String)
    /// A download failed.
    case downloadFailed(url: String, reason: String)
    /// A file's SHA-256 differs from the expected one.
    case hashMismatch(file: String, expected: String, actual: String)
    /// A SHA256SUMS line is malformed.
    case malformedChecksumList(file: String, line: Int, reason: String)
    /// Data verification found missing, corrupt or inconsistent files.
    case verificationFailed(problems: [String])

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): file not found"
        case .ioFailure(let path, let reason):
            return "\(path): \(reason)"
        case .malformedHeader(let file, let line, let reason):
            return "\(file), line \(line): malformed WFDB header: \(reason)"
        case .unsupportedFormat(let file, let format):
            return "\(file): unsupported WFDB signal format \(format) (supported: 212, 16, 61, 80)"
        case .truncatedData(let file, let expected, let actual):
            return "\(file): truncated: expected \(expected) bytes from the header, found \(actual)"
        case .sizeMismatch(let file, let expected, let actual):
            return "\(file): size mismatch: header implies \(expected) bytes, file has \(actual)"
        case .checksumMismatch(let file, let signal, let expected, let actual):
            return "\(file): signal \(signal) checksum is \(actual), header says \(expected)"
        case .malformedAnnotations(let file, let reason):
            return "\(file): malformed MIT annotation file: \(reason)"
        case .malformedCSV(let file, let line, let reason):
            return "\(file), line \(line): \(reason)"
        case .missingSampleRate(let file):
            return "\(file): the file does not carry a sample rate; pass one (--sample-rate)"
        case .invalidSampleRate(let context, let rate):
            return "\(context): sample rate \(rate) Hz is not usable (expected a finite rate in 0.1…1,000,000 Hz)"
        case .nonFiniteSample(let context, let lead, let index):
            return "\(context): lead \(lead), sample \(index) is NaN or infinite"
        case .emptySignal(let context):
            return "\(context): the signal has no samples"
        case .constantSignal(let context):
            return "\(context): the signal is constant (zero power after mean-centring)"
        case .malformedEDF(let file, let reason):
            return "\(file): malformed EDF header: \(reason)"
        case .edfRecordCountMismatch(let file, let declared, let actual):
            return "\(file): header declares \(declared) data records, file size holds \(actual)"
        case .invalidArgument(let reason):
            return "invalid argument: \(reason)"
        case .downloadFailed(let url, let reason):
            return "download of \(url) failed: \(reason)"
        case .hashMismatch(let file, let expected, let actual):
            return "\(file): SHA-256 is \(actual), expected \(expected)"
        case .malformedChecksumList(let file, let line, let reason):
            return "\(file), line \(line): malformed checksum list: \(reason)"
        case .verificationFailed(let problems):
            return "data verification failed:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
        }
    }

    public var errorDescription: String? { description }
}

/// `text` in single quotes for an error message: at most `limit` characters, with control
/// characters and undecodable bytes (U+FFFD) escaped, so hostile input cannot flood or garble it.
///
/// ```swift
/// quotedExcerpt("1\u{0}")                          // the 5 characters '1\0'
/// quotedExcerpt(String(repeating: "9", count: 99))  // a quote, 40 nines, then …' (99 bytes)
/// ```
func quotedExcerpt<S: StringProtocol>(_ text: S, limit: Int = 40) -> String {
    let scalars = text.unicodeScalars
    let shown = scalars.prefix(limit).map { scalar -> String in
        let category = scalar.properties.generalCategory
        let visible = scalar != "\u{FFFD}" && category != .control && category != .format
        return visible ? String(scalar) : scalar.escaped(asASCII: true)
    }.joined()
    let isCut = !scalars.dropFirst(limit).isEmpty
    return isCut ? "'\(shown)…' (\(text.utf8.count) bytes)" : "'\(shown)'"
}
