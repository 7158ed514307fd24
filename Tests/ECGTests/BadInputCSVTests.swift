import Foundation
import Random
import Testing
@testable import ECG

/// A hostile CSV file, the sample rate passed with it, and the error it must raise.
struct HostileCSV: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var sampleRate: Double?
    var errorCase: String
    var problem: [String]
    var testDescription: String { name }

    init(_ name: String, _ text: String, rate: Double? = 360, _ errorCase: String, _ problem: String...) {
        self.init(name, Array(text.utf8), rate: rate, errorCase, problem)
    }

    init(_ name: String, _ bytes: [UInt8], rate: Double? = 360, _ errorCase: String, _ problem: [String]) {
        self.name = name
        self.bytes = bytes
        self.sampleRate = rate
        self.errorCase = errorCase
        self.problem = problem
    }
}

@Suite("Bad input: CSV signals", .timeLimit(.minutes(2)))
struct BadInputCSVTests {
    static let cases: [HostileCSV] = [
        .init("empty file", "", "emptySignal", "the signal has no samples"),
        .init("blank lines only", "\n \n\t\n", "emptySignal", "the signal has no samples"),
        .init("-inf cell", "I\n1\n-inf\n", "nonFiniteSample", "line 3: lead 0, sample 1 is NaN or infinite"),
        .init("NaN cell", "I,II\nNaN,1\n", "nonFiniteSample", "line 2: lead 0, sample 0"),
        .init("1e999 cell", "I,II\n1,2\n3,1e999\n", "nonFiniteSample", "line 3: lead 1, sample 1"),
        .init("-1e999 cell", "I\n-1e999\n", "nonFiniteSample", "line 2: lead 0, sample 0"),
        .init("1e39, beyond 32-bit float", "I\n1e39\n", "malformedCSV", "line 2:", "column 1 ('I'): '1e39' is outside the 32-bit float range"),
        .init("NaN time", "time,I\n0,1\nnan,2\n", rate: nil, "malformedCSV", "line 3:", "column 1 ('time'): time 'nan' is not a finite number"),
        .init("infinite time", "time,I\n0,1\ninf,2\n", rate: nil, "malformedCSV", "line 3:", "time 'inf' is not a finite number"),
        .init("row cut mid-line", "I,II\n1,2\n3", "malformedCSV", "line 3:", "expected 2 columns, found 1"),
        .init("NUL byte in a cell", "I\n1\n\u{0}\n", "malformedCSV", "line 3:", "'\\0' is not a number"),
        .init("two decimal points", "I\n1.2.3\n", "malformedCSV", "line 2:", "'1.2.3' is not a number"),
        .init("a 60 KB cell", "I\n" + String(repeating: "x", count: 60_000) + "\n", "malformedCSV", "line 2:", "(60000 bytes) is not a number"),
        .init("time going backwards", "t,I\n0,1\n-1,2\n", rate: nil, "malformedCSV", "line 2:", "time column does not increase"),
        .init("constant time", "time,I\n5,1\n5,2\n", rate: nil, "malformedCSV", "time column does not increase"),
        .init("a time column and nothing else", "time\n0\n1\n", rate: nil, "malformedCSV", "line 1:", "no signal column"),
        .init("one row: no rate from time", "time,I\n0,1\n", rate: nil, "missingSampleRate", "does not carry a sample rate"),
        .init("time steps of 1 ns", "time,I\n0,1\n1e-9,2\n", rate: nil, "invalidSampleRate", "is not usable"),
        .init("sample rate NaN", "I\n1\n", rate: .nan, "invalidSampleRate", "sample rate nan Hz is not usable"),
        .init("sample rate -360", "I\n1\n", rate: -360, "invalidSampleRate", "sample rate -360.0 Hz"),
        .init("sample rate ∞", "I\n1\n", rate: .infinity, "invalidSampleRate", "sample rate inf Hz"),
        .init("sample rate 2 MHz", "I\n1\n", rate: 2e6, "invalidSampleRate", "sample rate 2000000.0 Hz"),
        .init("non-UTF-8 byte on line 3", bytes("I\n1\n") + [0xFF] + bytes("2\n"), "malformedCSV",
              ["line 3:", "not UTF-8 text: invalid byte 0xFF at byte offset 4"]),
        .init("Latin-1 header", bytes("Ableitung ") + [0xE9] + bytes("\n1\n"), "malformedCSV",
              ["line 1:", "invalid byte 0xE9 at byte offset 10"]),
        .init("UTF-16 file", [0xFF, 0xFE] + Array("I\n1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), "malformedCSV",
              ["line 1:", "invalid byte 0xFF at byte offset 0"]),
    ]

    @Test("hostile CSV is a typed error naming file, line and problem", arguments: cases)
    func hostile(_ hostile: HostileCSV) throws {
        let url = try HostileFiles.write(hostile.bytes, named: "s.csv")
        expectECGError(hostile.errorCase, mentioning: [url.path] + hostile.problem) {
            _ = try CSVSignal.read(from: url, options: .init(sampleRate: hostile.sampleRate))
        }
    }

    @Test("a byte-order mark does not turn the time column into a lead")
    func byteOrderMark() throws {
        let url = try HostileFiles.write([0xEF, 0xBB, 0xBF] + bytes("time,I\n0,1\n0.004,2\n"), named: "bom.csv")
        let signal = try CSVSignal.read(from: url)
        #expect(signal.leads == [[1, 2]] && signal.leadNames == ["I"] && abs(signal.sampleRate - 250) < 1e-9)
    }

    @Test("CRLF line endings read the same as LF")
    func windowsLineEndings() throws {
        let url = try HostileFiles.write(bytes("I,II\r\n1,2\r\n3,4\r\n"), named: "crlf.csv")
        let signal = try CSVSignal.read(from: url, options: .init(sampleRate: 360))
        #expect(signal.leads == [[1, 3], [2, 4]] && signal.leadNames == ["I", "II"])
    }

    @Test("truncated and byte-flipped files: a signal or an ECGError, nothing else")
    func fuzz() throws {
        let text = Array("time,MLII,V5\n0,0.125,-0.5\n0.004,0.25,1e-3\n0.008,-1.5,2\n0.012,3,4\n".utf8)
        for length in 0...text.count {
            expectSuccessOrECGError("cut at \(length)") {
                _ = try CSVSignal.parse(String(decoding: text.prefix(length), as: UTF8.self), file: "f.csv")
            }
        }
        var rng = SeededGenerator(seed: 5)
        let url = try HostileFiles.write(text, named: "f.csv")
        for round in 0..<500 {
            var bytes = text
            for _ in 0..<(1 + rng.index(below: 3)) { bytes[rng.index(below: bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            try Data(bytes).write(to: url)
            expectSuccessOrECGError("round \(round)") { _ = try CSVSignal.read(from: url) }
        }
    }
}
