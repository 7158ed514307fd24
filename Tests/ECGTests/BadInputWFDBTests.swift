import Foundation
import Random
import Testing
@testable import ECG

/// A hostile WFDB header (`r.hea`) and the header line and problem its error must name.
struct HostileHeader: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var line: Int
    var problem: String
    var testDescription: String { name }

    init(_ name: String, _ text: String, line: Int, _ problem: String) {
        self.init(name, Array(text.utf8), line: line, problem)
    }

    init(_ name: String, _ bytes: [UInt8], line: Int, _ problem: String) {
        self.name = name
        self.bytes = bytes
        self.line = line
        self.problem = problem
    }
}

/// A hostile WFDB record: header text, data files, and the error both readers must throw.
struct HostileRecord: Sendable, CustomTestStringConvertible {
    /// What stands at a data file's path.
    enum Content: Sendable { case bytes([UInt8]), directory, fifo }

    var name: String
    var header: String
    var files: [String: Content]
    var errorCase: String
    /// The file the error must name: a data file, or "r.hea".
    var blamed: String
    var problem: [String]
    var testDescription: String { name }

    init(_ name: String, _ header: String, _ files: [String: Content], _ errorCase: String,
         blaming blamed: String = "r.dat", _ problem: String...) {
        self.name = name
        self.header = header
        self.files = files
        self.errorCase = errorCase
        self.blamed = blamed
        self.problem = problem
    }

    /// Writes the record to a fresh scratch directory; returns the header's URL.
    func write() throws -> URL {
        let directory = try TestData.scratchDirectory("record-\(name)")
        for (fileName, content) in files {
            switch content {
            case .bytes(let bytes): try HostileFiles.write(Data(bytes), named: fileName, in: directory)
            case .directory:
                try FileManager.default.createDirectory(at: directory.appendingPathComponent(fileName),
                                                        withIntermediateDirectories: false)
            case .fifo: _ = try HostileFiles.fifo(named: fileName, in: directory)
            }
        }
        return try HostileFiles.write(Data(header.utf8), named: "r.hea", in: directory)
    }
}

/// The two ways a WFDB record is read: whole, or opened for streaming.
enum WFDBReaderKind: String, CaseIterable, Sendable {
    case whole, stream

    /// Reads (or opens) the record at `url`.
    func open(_ url: URL) throws {
        switch self {
        case .whole: _ = try WFDBRecord.read(headerAt: url)
        case .stream: _ = try WFDBStreamReader(headerAt: url)
        }
    }

    /// The record's leads, read whole or in one streamed range.
    func leads(_ url: URL) throws -> [[Float]] {
        switch self {
        case .whole: return try WFDBRecord.read(headerAt: url).leads
        case .stream:
            let reader = try WFDBStreamReader(headerAt: url)
            return try reader.read(frames: 0..<reader.sampleCount)
        }
    }
}

@Suite("Bad input: WFDB headers", .timeLimit(.minutes(2)))
struct BadInputWFDBHeaderTests {
    static let cases: [HostileHeader] = [
        .init("empty file", "", line: 1, "no record line"),
        .init("comments only", "# a\n# b\n", line: 1, "no record line"),
        .init("record line cut after the name", "r", line: 1, "at least a name and a signal count"),
        .init("negative signal count", "r -1 360\n", line: 1, "signal count '-1'"),
        .init("10^6 signals", "r 1000000 360\n", line: 1, "'1000000' is not an integer in 0…4096"),
        .init("non-numeric signal count", "r two 360\n", line: 1, "signal count 'two'"),
        .init("zero sample rate", "r 1 0\n", line: 1, "sample rate 0.0 is not usable"),
        .init("negative sample rate", "r 1 -360\n", line: 1, "sample rate -360.0 is not usable"),
        .init("NaN sample rate", "r 1 nan\n", line: 1, "sample rate nan is not usable"),
        .init("infinite sample rate", "r 1 inf\n", line: 1, "sample rate inf is not usable"),
        .init("sample rate 1e999", "r 1 1e999\n", line: 1, "sample rate inf is not usable"),
        .init("non-numeric sample rate", "r 1 fast\n", line: 1, "sample rate 'fast' is not a number"),
        .init("negative sample count", "r 1 360 -5\n", line: 1, "sample count '-5'"),
        .init("10^13 samples", "r 1 360 10000000000000\n", line: 1, "not an integer in 0…2^40"),
        .init("fractional sample count", "r 1 360 12.5\n", line: 1, "sample count '12.5'"),
        .init("header cut before a signal line", "r 2 360 10\nr.dat 16 200\n", line: 1, "declares 2 signals, found 1 signal lines"),
        .init("more signal lines than declared", "r 1 360 10\nr.dat 16\nr.dat 16\n", line: 1, "declares 1 signals, found 2"),
        .init("signal line cut after the file name", "r 1 360\nr.dat\n", line: 2, "needs a file name and a format"),
        .init("non-numeric format", "r 1 360\nr.dat sixteen\n", line: 2, "format 'sixteen' is not a number"),
        .init("zero samples per frame", "r 1 360\nr.dat 16x0\n", line: 2, "'16x0' has a malformed samples-per-frame"),
        .init("negative byte offset", "r 1 360\nr.dat 16+-4\n", line: 2, "byte offset"),
        .init("byte offset beyond 2^40", "r 1 360\nr.dat 16+99999999999999\n", line: 2, "byte offset (offset 0…2^40)"),
        .init("byte offset Int.max (overflowed the size check)", "r 1 360 2\nr.dat 16+9223372036854775807\n", line: 2, "byte offset"),
        .init("NaN gain", "r 1 360\nr.dat 16 nan\n", line: 2, "gain 'nan' is not a finite"),
        .init("infinite gain", "r 1 360\nr.dat 16 inf(0)/mV\n", line: 2, "gain 'inf(0)/mV'"),
        .init("gain 1e999", "r 1 360\nr.dat 16 1e999\n", line: 2, "gain '1e999'"),
        .init("negative gain", "r 1 360\nr.dat 16 -200\n", line: 2, "gain '-200'"),
        .init("non-integer baseline", "r 1 360\nr.dat 16 200(1.5)\n", line: 2, "baseline in '200(1.5)'"),
        .init("unclosed baseline", "r 1 360\nr.dat 16 200(0\n", line: 2, "baseline in '200(0'"),
        .init("non-numeric ADC resolution", "r 1 360\nr.dat 16 200 twelve\n", line: 2, "ADC resolution 'twelve'"),
        .init("hexadecimal checksum", "r 1 360\nr.dat 16 200 16 0 0 0x1F\n", line: 2, "checksum '0x1F'"),
        .init("data file above the directory", "r 1 360\n../secret.dat 16\n", line: 2, "'../secret.dat' must be a path inside"),
        .init("absolute data file path", "r 1 360\n/etc/passwd 16\n", line: 2, "'/etc/passwd' must be a path inside"),
        .init("non-UTF-8 byte in the sample rate", bytes("r 1 36") + [0xFF] + bytes("0\n"), line: 1, "sample rate '36ÿ0' is not a number"),
        .init("NUL byte in the signal count", bytes("r 1") + [0] + bytes(" 360\n"), line: 1, "signal count '1\\0'"),
        .init("a one-megabyte line", bytes("r 1 360\n# ") + [UInt8](repeating: 0x41, count: 1 << 20) + bytes("\nr.dat 16\n"),
              line: 2, "1048578 bytes long, more than the 65536 bytes"),
        .init("a 60 KB token", bytes("r 1 ") + [UInt8](repeating: 0x39, count: 60_000) + bytes("x\n"),
              line: 1, "(60001 bytes) is not a number"),
    ]

    @Test("a malformed header is a malformedHeader error naming file, line and field", arguments: cases)
    func malformed(_ hostile: HostileHeader) throws {
        let url = try HostileFiles.write(hostile.bytes, named: "r.hea")
        expectECGError("malformedHeader", mentioning: [url.path, "line \(hostile.line):", hostile.problem]) {
            _ = try WFDBHeader(contentsOf: url)
        }
    }

    @Test("a header file over 8 MiB is refused before it is read")
    func oversizedFile() throws {
        let url = try HostileFiles.write(bytes("r 1 360\n") + [UInt8](repeating: 0x0A, count: 8 << 20), named: "r.hea")
        expectECGError("malformedHeader", mentioning: [url.path, "8388616 bytes", "more than the 8388608 bytes a header may have"]) {
            _ = try WFDBHeader(contentsOf: url)
        }
    }

    @Test("Latin-1 bytes in comments and descriptions are kept as Latin-1, not dropped")
    func latin1Text() throws {
        let url = try HostileFiles.write(bytes("r 1 360\nr.dat 16 200 16 0 0 0 0 D") + [0xE9] + bytes("riv\n# patient ") + [0xE9] + bytes("\n"),
                                         named: "r.hea")
        let header = try WFDBHeader(contentsOf: url)
        #expect(header.signals[0].description == "Dériv" && header.comments == ["patient é"])
    }
}

@Suite("Bad input: WFDB signal data", .timeLimit(.minutes(2)))
struct BadInputWFDBDataTests {
    static let cases: [HostileRecord] = [
        .init("empty data file, length from the file", "r 1 360\nr.dat 16 200\n", ["r.dat": .bytes([])],
              "emptySignal", "the signal has no samples"),
        .init("empty data file, 4 samples declared", "r 1 360 4\nr.dat 16 200\n", ["r.dat": .bytes([])],
              "truncatedData", "expected 8 bytes", "found 0"),
        .init("format 16, odd byte count", "r 1 360\nr.dat 16 200\n", ["r.dat": .bytes([1, 0, 2, 0, 3])],
              "sizeMismatch", "implies 4 bytes, file has 5"),
        .init("format 16, odd byte count, 3 samples declared", "r 1 360 3\nr.dat 16 200\n", ["r.dat": .bytes([1, 0, 2, 0, 3])],
              "truncatedData", "expected 6 bytes", "found 5"),
        .init("format 212, 4 bytes (not whole samples)", "r 1 360\nr.dat 212 200\n", ["r.dat": .bytes([1, 2, 3, 4])],
              "sizeMismatch", "implies 3 bytes, file has 4"),
        .init("format 212, one byte", "r 1 360\nr.dat 212 200\n", ["r.dat": .bytes([7])],
              "sizeMismatch", "implies 0 bytes, file has 1"),
        .init("format 212, 2 signals, 3 frames declared, a byte short", "r 2 360 3\nr.dat 212\nr.dat 212\n",
              ["r.dat": .bytes(Array(repeating: 0, count: 8))], "truncatedData", "expected 9 bytes", "found 8"),
        .init("10^12 samples declared", "r 2 360 1000000000000\nr.dat 212 200\nr.dat 212 200\n",
              ["r.dat": .bytes(Array(repeating: 0, count: 6))], "truncatedData", "expected 3000000000000 bytes", "found 6"),
        .init("byte offset past the end", "r 1 360\nr.dat 16+100 200\n", ["r.dat": .bytes([0, 0, 0, 0])],
              "truncatedData", "expected 100 bytes", "found 4"),
        .init("byte offset past the end, 2 samples declared", "r 1 360 2\nr.dat 16+100 200\n", ["r.dat": .bytes([0, 0, 0, 0])],
              "truncatedData", "expected 104 bytes", "found 4"),
        .init("byte offset 2^40", "r 1 360 2\nr.dat 16+1099511627776 200\n", ["r.dat": .bytes([0, 0, 0, 0])],
              "truncatedData", "expected 1099511627780 bytes", "found 4"),
        .init("trailing bytes after the declared samples", "r 1 360 2\nr.dat 16 200\n", ["r.dat": .bytes([1, 0, 2, 0, 3, 0])],
              "sizeMismatch", "implies 4 bytes, file has 6"),
        .init("two files of different lengths, no sample count", "r 2 360\nr.dat 16\nb.dat 16\n",
              ["r.dat": .bytes([1, 0, 2, 0]), "b.dat": .bytes([1, 0, 2, 0, 3, 0])], "sizeMismatch", blaming: "b.dat",
              "implies 4 bytes, file has 6"),
        .init("format 8 (first differences)", "r 1 360\nr.dat 8 200\n", ["r.dat": .bytes([0, 0])],
              "unsupportedFormat", "unsupported WFDB signal format 8"),
        .init("format 310", "r 1 360\nr.dat 310 200\n", ["r.dat": .bytes([0, 0, 0, 0])],
              "unsupportedFormat", "format 310"),
        .init("format 508 (FLAC)", "r 1 360\nr.dat 508 200\n", ["r.dat": .bytes([0x66, 0x4C, 0x61, 0x43])],
              "unsupportedFormat", "format 508"),
        .init("negative format", "r 1 360\nr.dat -16 200\n", ["r.dat": .bytes([0, 0])],
              "unsupportedFormat", "format -16"),
        .init("two samples per frame", "r 1 360\nr.dat 16x2 200\n", ["r.dat": .bytes([0, 0, 0, 0])],
              "unsupportedFormat", "2 samples/frame"),
        .init("skew", "r 1 360\nr.dat 16:3 200\n", ["r.dat": .bytes([0, 0])],
              "unsupportedFormat", "skew 3"),
        .init("mixed formats in one file", "r 2 360\nr.dat 16\nr.dat 212\n", ["r.dat": .bytes([0, 0, 0, 0])],
              "unsupportedFormat", "mixed formats"),
        .init("missing data file", "r 1 360\nr.dat 16 200\n", [:], "fileNotFound", "file not found"),
        .init("data file is a directory", "r 1 360\nr.dat 16 200\n", ["r.dat": .directory],
              "ioFailure", "is a directory, not a file"),
        .init("data file is a FIFO (would block)", "r 1 360\nr.dat 16 200\n", ["r.dat": .fifo],
              "ioFailure", "is not a regular file"),
        .init("no signals declared", "r 0 360\n", [:], "emptySignal", blaming: "r.hea", "declares no signals"),
    ]

    @Test("a record whose data disagrees with its header is a typed error naming the file, for both readers",
          arguments: cases, WFDBReaderKind.allCases)
    func hostileRecord(_ hostile: HostileRecord, reader: WFDBReaderKind) throws {
        let header = try hostile.write()
        let blamed = header.deletingLastPathComponent().appendingPathComponent(hostile.blamed).path
        expectECGError(hostile.errorCase, mentioning: [blamed] + hostile.problem) { try reader.open(header) }
    }

    @Test("4096 signals × 2^40 samples declared: truncated, no overflow, nothing allocated", arguments: WFDBReaderKind.allCases)
    func absurdDimensions(reader: WFDBReaderKind) throws {
        let text = "r 4096 360 1099511627776\n" + String(repeating: "r.dat 16 200\n", count: 4096)
        let header = try HostileRecord("absurd", text, ["r.dat": .bytes(Array(repeating: 0, count: 64))], "").write()
        let data = header.deletingLastPathComponent().appendingPathComponent("r.dat").path
        expectECGError("truncatedData", mentioning: [data, "expected 9007199254740992 bytes", "found 64"]) { try reader.open(header) }
    }

    @Test("a data file cut short after the stream reader opened it: truncatedData on read, not a short chunk")
    func shrunkAfterOpening() throws {
        let header = try HostileRecord("shrunk", "r 1 360 4\nr.dat 16 200\n", ["r.dat": .bytes([1, 0, 2, 0, 3, 0, 4, 0])], "").write()
        let reader = try WFDBStreamReader(headerAt: header)
        let data = header.deletingLastPathComponent().appendingPathComponent("r.dat")
        try Data([1, 0, 2, 0, 3]).write(to: data)
        #expect(try reader.read(frames: 0..<2) == [[0.005, 0.01]])
        expectECGError("truncatedData", mentioning: [data.path, "expected 8 bytes", "found 5"]) { _ = try reader.read(frames: 2..<4) }
    }

    @Test("ADC gain 0 means uncalibrated: 200 units per mV, as in WFDB", arguments: WFDBReaderKind.allCases)
    func zeroGain(reader: WFDBReaderKind) throws {
        let header = try HostileRecord("gain0", "r 1 360 2\nr.dat 16 0\n", ["r.dat": .bytes([200, 0, 0x38, 0xFF])], "").write()
        #expect(try reader.leads(header) == [[1, -1]])
    }

    @Test("the public decoder refuses impossible dimensions instead of trapping")
    func decoderDimensions() throws {
        let data = Data(count: 4)
        expectECGError("truncatedData", mentioning: ["x.dat", "truncated", "found 4"]) {
            _ = try WFDBSignalDecoder.decode(data, format: 16, signalCount: Int.max, frameCount: 2, file: "x.dat")
        }
        expectECGError("truncatedData", mentioning: ["x.dat", "expected 6 bytes", "found 4"]) {
            _ = try WFDBSignalDecoder.decode(data, format: 212, signalCount: 2, frameCount: 2, file: "x.dat")
        }
        expectECGError("invalidArgument", mentioning: ["x.dat", "0 signals"]) {
            _ = try WFDBSignalDecoder.decode(data, format: 16, signalCount: 0, frameCount: 2, file: "x.dat")
        }
        expectECGError("invalidArgument", mentioning: ["x.dat", "-1 frames"]) {
            _ = try WFDBSignalDecoder.decode(data, format: 16, signalCount: 1, frameCount: -1, file: "x.dat")
        }
    }

    @Test("every truncation of a record's data is an error, never a shorter signal", arguments: [16, 212])
    func everyDataTruncation(format: Int) throws {
        let signal = Signal(leads: [syntheticLead(count: 7), syntheticLead(count: 7, seed: 1)], sampleRate: 360)
        let directory = try TestData.scratchDirectory("truncate\(format)")
        let header = try WFDBWriter.write(signal, recordName: "t", to: directory, format: format, gain: 200)
        let dataURL = directory.appendingPathComponent("t.dat")
        let data = try Data(contentsOf: dataURL)
        for length in 0..<data.count {
            try data.prefix(length).write(to: dataURL)
            for reader in WFDBReaderKind.allCases {
                let error = #expect(throws: ECGError.self, "\(reader) \(length) bytes") { try reader.open(header) }
                #expect(error?.caseName == "truncatedData" && error?.description.contains(dataURL.path) == true, "\(String(describing: error))")
            }
        }
    }

    @Test("truncated and byte-flipped headers and data: a result or an ECGError, nothing else")
    func fuzz() throws {
        let signal = Signal(leads: [syntheticLead(count: 50), syntheticLead(count: 50, seed: 2)], sampleRate: 360,
                            leadNames: ["MLII", "V5"])
        let directory = try TestData.scratchDirectory()
        let headerURL = try WFDBWriter.write(signal, recordName: "f", to: directory, format: 212, comments: ["fuzz"])
        let dataURL = directory.appendingPathComponent("f.dat")
        let header = try Data(contentsOf: headerURL), data = try Data(contentsOf: dataURL)
        for length in 0...header.count {
            try header.prefix(length).write(to: headerURL)
            for reader in WFDBReaderKind.allCases { expectSuccessOrECGError("header cut at \(length)") { try reader.open(headerURL) } }
        }
        var rng = SeededGenerator(seed: 7)
        for round in 0..<200 {
            var (h, d) = (header, data)
            for _ in 0..<3 {
                h[rng.index(below: h.count)] = UInt8(truncatingIfNeeded: rng.next())
                d[rng.index(below: d.count)] = UInt8(truncatingIfNeeded: rng.next())
            }
            try h.write(to: headerURL)
            try d.write(to: dataURL)
            for reader in WFDBReaderKind.allCases { expectSuccessOrECGError("round \(round)") { try reader.open(headerURL) } }
        }
    }
}
