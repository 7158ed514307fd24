/// The record-level split of MIT-BIH (PROTOCOL.md "Examples"): no patient in two splits.
///
/// ```swift
/// let corpus = try CleanCorpus(dataDirectory: dir, records: RecordSplit.records(in: .train))
/// ```
public enum RecordSplit: String, Codable, CaseIterable, Sendable {
    case train, validation, test

    /// All 48 MIT-BIH Arrhythmia Database records, in ascending order.
    public static let allRecords: [String] = [
        "100", "101", "102", "103", "104", "105", "106", "107", "108", "109", "111", "112",
        "113", "114", "115", "116", "117", "118", "119", "121", "122", "123", "124", "200",
        "201", "202", "203", "205", "207", "208", "209", "210", "212", "213", "214", "215",
        "217", "219", "220", "221", "222", "223", "228", "230", "231", "232", "233", "234",
    ]
    /// Test records (118 is here so 118e00/e12/e24 can be evaluated without leakage).
    public static let testRecords = ["103", "105", "111", "116", "118", "122", "205", "213", "219", "223", "230"]
    /// Validation records.
    public static let validationRecords = ["100", "119", "208", "228"]
    /// Training records: the other 33.
    public static let trainRecords = allRecords.filter { !testRecords.contains($0) && !validationRecords.contains($0) }

    /// The records of a split.
    ///
    /// ```swift
    /// RecordSplit.records(in: .validation) // ["100", "119", "208", "228"]
    /// ```
    public static func records(in split: RecordSplit) -> [String] {
        switch split {
        case .train: return trainRecords
        case .validation: return validationRecords
        case .test: return testRecords
        }
    }

    /// The split a record belongs to, or nil for a name that is not an MIT-BIH record.
    ///
    /// ```swift
    /// RecordSplit.split(of: "118") // .test
    /// ```
    public static func split(of record: String) -> RecordSplit? {
        if testRecords.contains(record) { return .test }
        if validationRecords.contains(record) { return .validation }
        return allRecords.contains(record) ? .train : nil
    }
}

/// Which part of each noise record a segment may come from (PROTOCOL.md: split by time).
///
/// ```swift
/// let range = NoisePortion.test.range(sampleCount: 650_000) // 455000..<650000
/// ```
public enum NoisePortion: String, Codable, CaseIterable, Sendable {
    /// The first 70 % of each noise record (both channels).
    case trainValidation
    /// The last 30 %.
    case test

    /// Fraction of each noise record reserved for training and validation.
    public static let trainValidationFraction = 0.7

    /// The sample range of this portion in a record of `sampleCount` samples.
    ///
    /// ```swift
    /// NoisePortion.trainValidation.range(sampleCount: 100) // 0..<70
    /// ```
    public func range(sampleCount: Int) -> Range<Int> {
        let cut = Int((Double(sampleCount) * NoisePortion.trainValidationFraction).rounded(.down))
        return self == .trainValidation ? 0..<cut : cut..<sampleCount
    }
}
