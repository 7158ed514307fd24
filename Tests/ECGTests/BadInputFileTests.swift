import Foundation
import Testing
@testable import ECG

/// Every ECG file reader, as one call on a path.
enum ECGFileReader: String, CaseIterable, Sendable {
    case wfdbHeader, wfdbRecord, wfdbStream, annotations, csv, edf

    /// A file name with the reader's usual extension.
    var fileName: String {
        switch self {
        case .wfdbHeader, .wfdbRecord, .wfdbStream: return "r.hea"
        case .annotations: return "r.atr"
        case .csv: return "r.csv"
        case .edf: return "r.edf"
        }
    }

    /// Reads the file at `url`.
    func read(_ url: URL) throws {
        switch self {
        case .wfdbHeader: _ = try WFDBHeader(contentsOf: url)
        case .wfdbRecord: _ = try WFDBRecord.read(headerAt: url)
        case .wfdbStream: _ = try WFDBStreamReader(headerAt: url)
        case .annotations: _ = try Annotation.read(from: url)
        case .csv: _ = try CSVSignal.read(from: url, options: .init(sampleRate: 360))
        case .edf: _ = try EDFReader.read(from: url)
        }
    }
}

/// What stands at the path a reader is given.
enum NotAFile: String, CaseIterable, Sendable {
    case missing, directory, fifo

    /// Creates it at `name` in a fresh directory; returns the path.
    func make(named name: String) throws -> URL {
        let directory = try TestData.scratchDirectory("notafile-\(rawValue)")
        let url = directory.appendingPathComponent(name)
        switch self {
        case .missing: break
        case .directory: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        case .fifo: _ = try HostileFiles.fifo(named: name, in: directory)
        }
        return url
    }

    var errorCase: String { self == .missing ? "fileNotFound" : "ioFailure" }

    var problem: String {
        switch self {
        case .missing: return "file not found"
        case .directory: return "is a directory, not a file"
        case .fifo: return "is not a regular file (a FIFO, device or socket)"
        }
    }
}

@Suite("Bad input: paths that are not regular files", .timeLimit(.minutes(1)))
struct BadInputFileTests {
    @Test("a missing file, a directory or a FIFO is a typed error before anything is read (no hang)",
          arguments: ECGFileReader.allCases, NotAFile.allCases)
    func notARegularFile(reader: ECGFileReader, path: NotAFile) throws {
        let url = try path.make(named: reader.fileName)
        expectECGError(path.errorCase, mentioning: [url.path, path.problem]) { try reader.read(url) }
    }
}
