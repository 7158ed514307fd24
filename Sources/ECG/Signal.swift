import Foundation

/// A multi-lead signal in physical units: what every reader returns and every writer takes.
///
/// `leads[i]` holds lead `i`'s samples (normally in mV); all leads share `sampleRate`.
///
/// ```swift
/// let signal = Signal(leads: [[0, 0.1, 0.2]], sampleRate: 360, leadNames: ["MLII"])
/// ```
public struct Signal: Equatable, Sendable {
    /// Samples per lead, in physical units (`units[i]`, normally "mV").
    public var leads: [[Float]]
    /// Samples per second, shared by all leads.
    public var sampleRate: Double
    /// One name per lead (e.g. "MLII", "V5").
    public var leadNames: [String]
    /// One physical unit per lead (e.g. "mV").
    public var units: [String]

    /// Creates a signal; missing lead names become "lead N" and missing units "mV".
    ///
    /// ```swift
    /// let s = Signal(leads: [samples], sampleRate: 360)
    /// ```
    public init(leads: [[Float]], sampleRate: Double, leadNames: [String] = [], units: [String] = []) {
        self.leads = leads
        self.sampleRate = sampleRate
        self.leadNames = leads.indices.map { $0 < leadNames.count ? leadNames[$0] : "lead \($0)" }
        self.units = leads.indices.map { $0 < units.count ? units[$0] : "mV" }
    }

    /// Number of leads.
    public var leadCount: Int { leads.count }

    /// Number of samples per lead (0 when there are no leads).
    public var sampleCount: Int { leads.first?.count ?? 0 }

    /// Duration in seconds.
    public var duration: Double { sampleRate > 0 ? Double(sampleCount) / sampleRate : 0 }

    /// Checks the signal is usable: a sane rate, at least one sample, equal lead lengths,
    /// finite samples. `context` names the source (e.g. a file) in the error.
    ///
    /// ```swift
    /// try signal.validate(context: "rec.csv")
    /// ```
    public func validate(context: String) throws {
        try Signal.checkSampleRate(sampleRate, context: context)
        guard let first = leads.first, !first.isEmpty else { throw ECGError.emptySignal(context: context) }
        for (l, lead) in leads.enumerated() {
            guard lead.count == first.count else {
                throw ECGError.invalidArgument("\(context): lead \(l) has \(lead.count) samples, lead 0 has \(first.count)")
            }
            if let bad = lead.firstIndex(where: { !$0.isFinite }) {
                throw ECGError.nonFiniteSample(context: context, lead: l, index: bad)
            }
        }
    }

    /// Throws `invalidSampleRate` unless `rate` is finite and in 0.1 Hz … 1 MHz.
    ///
    /// ```swift
    /// try Signal.checkSampleRate(360, context: "--sample-rate")
    /// ```
    public static func checkSampleRate(_ rate: Double, context: String) throws {
        guard rate.isFinite, rate >= 0.1, rate <= 1_000_000 else {
            throw ECGError.invalidSampleRate(context: context, rate: rate)
        }
    }
}
