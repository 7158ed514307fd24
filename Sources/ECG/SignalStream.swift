import Foundation

/// A multi-lead signal read in pieces: what a 24-hour Holter record looks like to code that
/// must not hold it whole. ``WFDBStreamReader`` reads one from disk; ``InMemorySignalSource``
/// wraps a `Signal` already read.
///
/// ```swift
/// let source = try WFDBStreamReader(headerAt: url)
/// let firstMinute = try source.read(frames: 0..<(60 * 360))   // one array per lead
/// ```
public protocol SignalSource: AnyObject {
    /// Samples per second, shared by all leads.
    var sampleRate: Double { get }
    /// Samples per lead.
    var sampleCount: Int { get }
    /// One name per lead.
    var leadNames: [String] { get }
    /// One physical unit per lead.
    var units: [String] { get }
    /// The samples of every lead in `frames` (inside `0..<sampleCount`), in physical units.
    func read(frames: Range<Int>) throws -> [[Float]]
}

extension SignalSource {
    /// Number of leads.
    public var leadCount: Int { leadNames.count }
}

/// Where a signal is written in pieces, in order: ``WFDBStreamWriter``, ``CSVStreamWriter``.
/// Nothing is visible at the destination until ``finish()`` renames it into place.
///
/// ```swift
/// try sink.append([lead0Chunk, lead1Chunk])
/// try sink.finish()
/// ```
public protocol SignalSink: AnyObject {
    /// Appends the next samples of every lead (equal counts).
    func append(_ leads: [[Float]]) throws
    /// Completes the output (header, rename); nothing may be appended afterwards.
    func finish() throws
    /// Abandons the output, removing temporary files.
    func cancel()
}

/// A `Signal` in memory as a ``SignalSource``.
///
/// ```swift
/// let source = InMemorySignalSource(try CSVSignal.read(from: url, options: .init(sampleRate: 250)))
/// ```
public final class InMemorySignalSource: SignalSource {
    /// The wrapped signal.
    public let signal: Signal

    /// Wraps `signal`.
    public init(_ signal: Signal) { self.signal = signal }

    public var sampleRate: Double { signal.sampleRate }
    public var sampleCount: Int { signal.sampleCount }
    public var leadNames: [String] { signal.leadNames }
    public var units: [String] { signal.units }

    public func read(frames: Range<Int>) throws -> [[Float]] {
        guard frames.lowerBound >= 0, frames.upperBound <= sampleCount else {
            throw ECGError.invalidArgument("frames \(frames) outside 0..<\(sampleCount)")
        }
        return signal.leads.map { Array($0[frames]) }
    }
}

/// Collects appended chunks into a `Signal` (for outputs that need the whole signal, like EDF).
///
/// ```swift
/// let collector = SignalCollector(sampleRate: 360, leadNames: ["MLII"]) { try EDFWriter.write($0, to: url) }
/// ```
public final class SignalCollector: SignalSink {
    private var leads: [[Float]]
    private let template: Signal
    private let completion: (Signal) throws -> Void

    /// A collector that calls `completion` with the whole signal on ``finish()``.
    public init(sampleRate: Double, leadNames: [String], units: [String] = [],
                completion: @escaping (Signal) throws -> Void) {
        template = Signal(leads: leadNames.map { _ in [] }, sampleRate: sampleRate, leadNames: leadNames, units: units)
        leads = template.leads
        self.completion = completion
    }

    public func append(_ chunk: [[Float]]) throws {
        guard chunk.count == leads.count else {
            throw ECGError.invalidArgument("chunk has \(chunk.count) leads, expected \(leads.count)")
        }
        for l in leads.indices { leads[l] += chunk[l] }
    }

    public func finish() throws {
        var signal = template
        signal.leads = leads
        try completion(signal)
    }

    public func cancel() { leads = leads.map { _ in [] } }
}
