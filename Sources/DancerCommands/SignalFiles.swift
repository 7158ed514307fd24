import ArgumentParser
import ECG
import Foundation

/// The signal file formats the CLI reads and writes, chosen by extension.
enum SignalFileKind: String, CaseIterable, ExpressibleByArgument {
    /// A WFDB record: `<name>.hea` + `<name>.dat`.
    case wfdb
    case csv
    case edf

    /// The kind of `path` by its extension, or an error naming the supported ones.
    init(path: String, role: String) throws {
        switch (path as NSString).pathExtension.lowercased() {
        case "hea": self = .wfdb
        case "csv": self = .csv
        case "edf": self = .edf
        default:
            throw ValidationError("\(role) \(path): unsupported file type; use a WFDB header (.hea), .csv or .edf")
        }
    }

    /// The file extension (without the dot).
    var fileExtension: String { self == .wfdb ? "hea" : rawValue }
}

/// Opening inputs and outputs of `dancer denoise`.
enum SignalFiles {
    /// A source over `path`: WFDB records are read chunk by chunk from disk; CSV and EDF whole.
    static func openSource(_ path: String, sampleRate: Double?) throws -> SignalSource {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: path) else { throw ECGError.fileNotFound(path: path) }
        switch try SignalFileKind(path: path, role: "input") {
        case .wfdb: return try WFDBStreamReader(headerAt: url)
        case .csv: return InMemorySignalSource(try CSVSignal.read(from: url, options: .init(sampleRate: sampleRate)))
        case .edf: return InMemorySignalSource(try EDFReader.read(from: url))
        }
    }

    /// A sink writing `path` in the format its extension names, shaped like `source`. Nothing
    /// appears at `path` until the sink finishes.
    static func makeSink(_ path: String, like source: SignalSource, gain: Double, comments: [String]) throws -> SignalSink {
        let url = URL(fileURLWithPath: path)
        switch try SignalFileKind(path: path, role: "output") {
        case .csv:
            return try CSVStreamWriter(url: url, sampleRate: source.sampleRate, leadNames: source.leadNames)
        case .wfdb:
            return try WFDBStreamWriter(recordName: url.deletingPathExtension().lastPathComponent,
                                        directory: url.deletingLastPathComponent(), sampleRate: source.sampleRate,
                                        leadNames: source.leadNames, units: source.units, gain: gain, comments: comments)
        case .edf:
            return SignalCollector(sampleRate: source.sampleRate, leadNames: source.leadNames, units: source.units) {
                try EDFWriter.write($0, to: url)
            }
        }
    }
}
