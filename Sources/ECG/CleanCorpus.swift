import Foundation

/// One lead of one record: a 1-channel clean signal in mV.
public struct LeadSignal: Sendable {
    /// Record name, e.g. "103".
    public var record: String
    /// Lead index within the record.
    public var lead: Int
    /// Lead name from the header, e.g. "MLII".
    public var name: String
    /// Samples in mV.
    public var samples: [Float]

    /// Creates a lead signal.
    ///
    /// ```swift
    /// let lead = LeadSignal(record: "x", lead: 0, name: "MLII", samples: samples)
    /// ```
    public init(record: String, lead: Int, name: String, samples: [Float]) {
        self.record = record
        self.lead = lead
        self.name = name
        self.samples = samples
    }
}

/// Where a segment comes from: an index into `CleanCorpus.leads` and a start sample.
public struct SegmentOrigin: Codable, Equatable, Hashable, Sendable {
    /// Index into `CleanCorpus.leads`.
    public var leadIndex: Int32
    /// First sample of the segment.
    public var offset: Int32
}

/// The clean ECG of a set of MIT-BIH records, decoded once and kept as Float32 (each lead its own signal).
///
/// ```swift
/// let corpus = try CleanCorpus(dataDirectory: dir.appendingPathComponent("mitdb"), records: RecordSplit.testRecords)
/// ```
public final class CleanCorpus: Sendable {
    /// Every lead of every loaded record, records in the given order.
    public let leads: [LeadSignal]

    /// Decodes each record's header and data once; every lead becomes a `LeadSignal`.
    ///
    /// ```swift
    /// let corpus = try CleanCorpus(dataDirectory: mitdb, records: ["100", "103"])
    /// ```
    public init(dataDirectory: URL, records: [String]) throws {
        var leads: [LeadSignal] = []
        for record in records {
            let url = dataDirectory.appendingPathComponent(record + ".hea")
            let signal = try WFDBRecord.read(headerAt: url)
            try signal.validate(context: url.path)
            for (l, samples) in signal.leads.enumerated() {
                leads.append(LeadSignal(record: record, lead: l, name: signal.leadNames[l], samples: samples))
            }
        }
        self.leads = leads
    }

    /// Wraps leads already in memory (tests, custom corpora).
    ///
    /// ```swift
    /// let corpus = CleanCorpus(leads: [lead])
    /// ```
    public init(leads: [LeadSignal]) {
        self.leads = leads
    }

    /// Segment starts of every lead with the given length and stride, skipping segments that are
    /// constant (zero power after mean-centring), which cannot be mixed at an SNR.
    ///
    /// ```swift
    /// let starts = corpus.segments(length: 512, stride: 256)
    /// ```
    public func segments(length: Int, stride: Int) -> [SegmentOrigin] {
        guard length > 0, stride > 0 else { return [] }
        var result: [SegmentOrigin] = []
        for (index, lead) in leads.enumerated() where lead.samples.count >= length {
            lead.samples.withUnsafeBufferPointer { buf in
                var start = 0
                while start + length <= buf.count {
                    if CleanCorpus.hasVariance(UnsafeBufferPointer(rebasing: buf[start..<(start + length)])) {
                        result.append(SegmentOrigin(leadIndex: Int32(index), offset: Int32(start)))
                    }
                    start += stride
                }
            }
        }
        return result
    }

    /// Copies a segment's samples into `destination` (whose count is the segment length).
    func copy(_ origin: SegmentOrigin, into destination: UnsafeMutableBufferPointer<Float>) {
        leads[Int(origin.leadIndex)].samples.withUnsafeBufferPointer { src in
            let start = Int(origin.offset)
            _ = destination.initialize(from: src[start..<(start + destination.count)])
        }
    }

    private static func hasVariance(_ v: UnsafeBufferPointer<Float>) -> Bool {
        guard let first = v.first else { return false }
        for x in v where x != first { return true }
        return false
    }
}
