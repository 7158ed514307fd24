import DenoiserKit
import ECG
import Foundation

/// Parsing and checking of the values behind `dancer train/eval/report` flags, so the
/// commands stay thin and every message says how to fix the flag.
///
/// ```swift
/// let noise = try OptionParsing.noiseType("emb")          // .emb
/// let levels = try OptionParsing.snrLevels("-4,-2,0,2,4") // [-4, -2, 0, 2, 4]
/// ```
public enum OptionParsing {
    /// A noise type by name: `emb`, `bw`, `ma` or `em`.
    ///
    /// ```swift
    /// let noise = try OptionParsing.noiseType("ma")
    /// ```
    public static func noiseType(_ text: String, option: String = "--noise") throws -> NoiseType {
        guard let type = NoiseType(rawValue: text.lowercased()) else {
            let names = NoiseType.allCases.map(\.rawValue).joined(separator: ", ")
            throw TrainingError.invalidOption(name: option, reason: "unknown noise type '\(text)' (choose one of \(names))")
        }
        return type
    }

    /// The portion of the noise records that test noise is drawn from: `test` (the protocol) or
    /// `train` (the training and validation portion, for diagnostics).
    ///
    /// ```swift
    /// let portion = try OptionParsing.noisePortion("train")   // .trainValidation
    /// ```
    public static func noisePortion(_ text: String, option: String = "--noise-portion") throws -> NoisePortion {
        switch text.lowercased() {
        case "test": return .test
        case "train", "trainvalidation": return .trainValidation
        default: throw TrainingError.invalidOption(name: option, reason: "unknown noise portion '\(text)' (choose test or train)")
        }
    }

    /// A JSON object given on the command line, e.g. `{"lowCutoff": 0.67}`.
    ///
    /// ```swift
    /// let settings = try OptionParsing.jsonObject(#"{"threshold": "levelDependent"}"#, option: "--config")
    /// ```
    public static func jsonObject(_ text: String, option: String) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw TrainingError.invalidOption(name: option, reason: "'\(text)' is not valid JSON; write an object such as '{\"lowCutoff\": 0.67}'")
        }
        guard case .object = value else {
            throw TrainingError.invalidOption(name: option, reason: "'\(text)' is not a JSON object; write one such as '{\"lowCutoff\": 0.67}'")
        }
        return value
    }

    /// A comma-separated list of distinct, finite input SNRs in dB, e.g. `-4,-2,0,2,4`.
    ///
    /// ```swift
    /// let levels = try OptionParsing.snrLevels("0,6")
    /// ```
    public static func snrLevels(_ text: String, option: String = "--snr") throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var levels: [Double] = []
        for part in parts {
            guard let value = Double(part.replacingOccurrences(of: "−", with: "-")), value.isFinite else {
                throw TrainingError.invalidOption(
                    name: option, reason: "'\(part)' in '\(text)' is not a number; write dB values separated by commas, e.g. -4,-2,0,2,4")
            }
            guard abs(value) <= 60 else {
                throw TrainingError.invalidOption(name: option, reason: "\(value) dB is outside −60…60 dB")
            }
            guard !levels.contains(value) else {
                throw TrainingError.invalidOption(name: option, reason: "\(value) dB is listed twice")
            }
            levels.append(value)
        }
        return levels
    }

    /// A count that must be at least `minimum` (runs, steps, batch size, …).
    ///
    /// ```swift
    /// let runs = try OptionParsing.atLeast(1, 10, option: "--runs")
    /// ```
    public static func atLeast(_ minimum: Int, _ value: Int, option: String) throws -> Int {
        guard value >= minimum else {
            throw TrainingError.invalidOption(name: option, reason: "must be at least \(minimum), got \(value)")
        }
        return value
    }

    /// A range of input SNRs, `LOW,HIGH` in dB with LOW < HIGH (each within −60…60 dB).
    ///
    /// ```swift
    /// let range = try OptionParsing.snrRange("-6,30")   // -6...30
    /// ```
    public static func snrRange(_ text: String, option: String) throws -> ClosedRange<Double> {
        let values = try snrLevels(text, option: option)
        guard values.count == 2, values[0] < values[1] else {
            throw TrainingError.invalidOption(name: option, reason: "'\(text)' must be two values LOW,HIGH in dB with LOW < HIGH, e.g. -6,30")
        }
        return values[0]...values[1]
    }

    /// A comma-separated list of MIT-BIH record names, each one of the 48.
    ///
    /// ```swift
    /// let records = try OptionParsing.records("101,106", option: "--train-records")
    /// ```
    public static func records(_ text: String, option: String) throws -> [String] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty else { throw TrainingError.invalidOption(name: option, reason: "no record given") }
        for name in names where !RecordSplit.allRecords.contains(name) {
            throw TrainingError.invalidOption(name: option, reason: "'\(name)' is not an MIT-BIH Arrhythmia Database record")
        }
        return names
    }

    /// A model configuration: inline JSON (`{"widths":[4,8]}`) or the path of a JSON file.
    ///
    /// ```swift
    /// let config = try OptionParsing.configuration(#"{"widths": [4, 8], "kernelSize": 3}"#)
    /// ```
    public static func configuration(_ text: String, option: String = "--config") throws -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let data: Data
        if trimmed.hasPrefix("{") {
            data = Data(trimmed.utf8)
        } else {
            guard let contents = FileManager.default.contents(atPath: trimmed) else {
                throw TrainingError.invalidOption(name: option, reason: "'\(trimmed)' is neither a JSON object nor a readable file")
            }
            data = contents
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), case .object = value else {
            throw TrainingError.invalidOption(name: option, reason: "not a JSON object")
        }
        return value
    }
}
