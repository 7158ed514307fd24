import Foundation
import Testing
@testable import ECG

@Suite("Writers and readers round trip")
struct RoundTripTests {
    static let signal = Signal(leads: [syntheticLead(count: 720), syntheticLead(count: 720, seed: 1).map { -$0 }],
                               sampleRate: 360, leadNames: ["MLII", "V5"])

    @Test("WFDB format 16 and 212", arguments: [(16, 1000.0), (212, 200.0)])
    func wfdb(format: Int, gain: Double) throws {
        let dir = try TestData.scratchDirectory("wfdb\(format)")
        let url = try WFDBWriter.write(Self.signal, recordName: "rt", to: dir, format: format, gain: gain, comments: ["denoised"])
        let back = try WFDBRecord.read(headerAt: url)
        #expect(back.sampleRate == 360 && back.leadNames == ["MLII", "V5"] && back.sampleCount == 720)
        let tolerance = Float(0.5 / gain + 1e-6)
        for (a, b) in zip(Self.signal.leads, back.leads) { #expect(zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }) }
        #expect(try WFDBHeader(contentsOf: url).comments == ["denoised"])
        // Re-writing the digitised signal is lossless.
        let again = try WFDBRecord.read(headerAt: WFDBWriter.write(back, recordName: "rt2", to: dir, format: format, gain: gain))
        #expect(again.leads == back.leads)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("WFDB writer rejects values that do not fit, bad names and formats")
    func wfdbWriterErrors() throws {
        let dir = try TestData.scratchDirectory()
        let big = Signal(leads: [[0, 20]], sampleRate: 360)
        #expect(throws: ECGError.self) { try WFDBWriter.write(big, recordName: "b", to: dir, format: 212) }
        #expect(throws: ECGError.self) { try WFDBWriter.write(Self.signal, recordName: "a b", to: dir) }
        #expect(throws: ECGError.self) { try WFDBWriter.write(Self.signal, recordName: "x", to: dir, format: 80) }
        let nan = Signal(leads: [[0, .nan]], sampleRate: 360)
        #expect(throws: ECGError.nonFiniteSample(context: "n", lead: 0, index: 1)) { try WFDBWriter.write(nan, recordName: "n", to: dir) }
    }

    @Test("CSV with header and time column, and without either")
    func csv() throws {
        let dir = try TestData.scratchDirectory()
        let url = dir.appendingPathComponent("rt.csv")
        try CSVSignal.write(Self.signal, to: url)
        let back = try CSVSignal.read(from: url)
        #expect(back == Self.signal)
        try CSVSignal.write(Self.signal, to: url, includeTime: false, includeHeader: false)
        #expect(throws: ECGError.missingSampleRate(file: url.path)) { try CSVSignal.read(from: url) }
        let bare = try CSVSignal.read(from: url, options: .init(sampleRate: 360))
        #expect(bare.leads == Self.signal.leads && bare.leadNames == ["lead 0", "lead 1"])
        let ms = try CSVSignal.parse("time_ms;I\n0;1\n4;2\n8;3\n", file: "ms.csv")
        #expect(abs(ms.sampleRate - 250) < 1e-9 && ms.leads == [[1, 2, 3]] && ms.leadNames == ["I"])
    }

    @Test("CSV bad input: non-numeric cells, NaN, ragged rows, empty, absurd or irregular rates")
    func csvErrors() throws {
        let r = CSVSignal.ReadOptions(sampleRate: 360)
        #expect(throws: ECGError.malformedCSV(file: "f", line: 3, reason: "column 2 ('V5'): 'abc' is not a number")) {
            try CSVSignal.parse("MLII,V5\n1,2\n3,abc\n", file: "f", options: r)
        }
        #expect(throws: ECGError.nonFiniteSample(context: "f, line 2", lead: 0, index: 1)) {
            try CSVSignal.parse("1\nnan\n", file: "f", options: r)
        }
        #expect(throws: ECGError.nonFiniteSample(context: "f, line 1", lead: 0, index: 0)) { try CSVSignal.parse("inf\n", file: "f", options: r) }
        #expect(throws: ECGError.self) { try CSVSignal.parse("1,2\n3\n", file: "f", options: r) }
        #expect(throws: ECGError.emptySignal(context: "f")) { try CSVSignal.parse("\n\n", file: "f", options: r) }
        #expect(throws: ECGError.emptySignal(context: "f")) { try CSVSignal.parse("a,b\n", file: "f", options: r) }
        #expect(throws: ECGError.invalidSampleRate(context: "f", rate: 0)) {
            try CSVSignal.parse("1\n2\n", file: "f", options: .init(sampleRate: 0))
        }
        #expect(throws: ECGError.self) { try CSVSignal.parse("time,x\n0,1\n1,2\n5,3\n", file: "f") }
        #expect(throws: ECGError.fileNotFound(path: "/nonexistent.csv")) { try CSVSignal.read(from: URL(fileURLWithPath: "/nonexistent.csv")) }
    }

    @Test("EDF+ and EDF", arguments: [true, false])
    func edf(plus: Bool) throws {
        let dir = try TestData.scratchDirectory("edf\(plus)")
        let url = dir.appendingPathComponent("rt.edf")
        try EDFWriter.write(Self.signal, to: url, edfPlus: plus)
        let back = try EDFReader.read(from: url)
        #expect(back.sampleRate == 360 && back.leadNames == ["MLII", "V5"] && back.units == ["mV", "mV"])
        for (a, b) in zip(Self.signal.leads, back.leads) {
            let range = a.max()! - a.min()!
            #expect(a.count == b.count)
            #expect(zip(a, b).allSatisfy { abs($0 - $1) <= range / 65535 + 1e-4 })
        }
        let data = try Data(contentsOf: url)
        #expect(String(decoding: data[192..<197], as: UTF8.self) == (plus ? "EDF+C" : "     "))
        let one = try EDFReader.read(from: url, labels: ["V5"])
        #expect(one.leadCount == 1 && one.leads[0] == back.leads[1])
    }

    @Test("EDF bad input: record count mismatch, truncated header, bad fields, microvolts")
    func edfErrors() throws {
        let dir = try TestData.scratchDirectory()
        let url = dir.appendingPathComponent("x.edf")
        try EDFWriter.write(Self.signal, to: url, edfPlus: false)
        var data = try Data(contentsOf: url)
        func patch(_ offset: Int, _ text: String) -> Data {
            var d = data
            d.replaceSubrange(offset..<(offset + text.utf8.count), with: Array(text.utf8))
            return d
        }
        let bad = dir.appendingPathComponent("bad.edf")
        try patch(236, "5       ").write(to: bad)
        #expect(throws: ECGError.edfRecordCountMismatch(file: bad.path, declared: 5, actual: 2)) { try EDFReader.read(from: bad) }
        try data.dropLast(3).write(to: bad)
        #expect(throws: ECGError.edfRecordCountMismatch(file: bad.path, declared: 2, actual: 1)) { try EDFReader.read(from: bad) }
        try patch(236, "-1      ").write(to: bad)
        #expect(try EDFReader.read(from: bad).sampleCount == 720) // unknown count: taken from the size
        var empty = data.prefix(256 * 3)
        empty.replaceSubrange(236..<244, with: Array("0       ".utf8))
        try empty.write(to: bad)
        #expect(throws: ECGError.emptySignal(context: bad.path)) { try EDFReader.read(from: bad) }
        try data.prefix(100).write(to: bad)
        #expect(throws: ECGError.self) { try EDFReader.read(from: bad) }
        try patch(0, "9").write(to: bad)
        #expect(throws: ECGError.self) { try EDFReader.read(from: bad) }
        try patch(252, "x   ").write(to: bad)
        #expect(throws: ECGError.self) { try EDFReader.read(from: bad) }
        #expect(throws: ECGError.self) { try EDFReader.read(from: url, labels: ["nope"]) }
        // Units in µV are converted to mV.
        data = patch(256 + 2 * 96, "uV      ")
        try data.write(to: bad)
        let uv = try EDFReader.read(from: bad)
        #expect(uv.units[0] == "mV" && abs(uv.leads[0][100] - Self.signal.leads[0][100] / 1000) < 1e-6)
    }
}
