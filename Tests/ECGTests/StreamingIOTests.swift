import Foundation
import Testing
@testable import ECG

@Suite("Streaming WFDB reader and chunked writers")
struct StreamingIOTests {
    static let signal = Signal(leads: [syntheticLead(count: 1001), syntheticLead(count: 1001, seed: 1).map { -$0 },
                                       syntheticLead(count: 1001, seed: 2)],
                               sampleRate: 360, leadNames: ["MLII", "V5", "V1"])

    @Test("frame ranges read from format 212 and 16 equal the whole-record read", arguments: [(212, 200.0), (16, 1000.0)])
    func reader(format: Int, gain: Double) throws {
        let dir = try TestData.scratchDirectory("stream\(format)")
        let url = try WFDBWriter.write(Self.signal, recordName: "s", to: dir, format: format, gain: gain)
        let whole = try WFDBRecord.read(headerAt: url)
        let reader = try WFDBStreamReader(headerAt: url)
        #expect(reader.sampleCount == 1001 && reader.leadNames == ["MLII", "V5", "V1"] && reader.sampleRate == 360)
        for range in [0..<1001, 0..<1, 1..<2, 3..<500, 333..<334, 998..<1001, 500..<500] {
            let chunk = try reader.read(frames: range)
            #expect(chunk == whole.leads.map { Array($0[range]) }, "\(range)")
        }
        #expect(throws: ECGError.self) { try reader.read(frames: 1000..<1002) }
    }

    @Test("a real MIT-BIH record read in odd-sized chunks equals the whole read")
    func realRecord() throws {
        guard TestData.available else { return }
        let url = TestData.mitdb.appendingPathComponent("100.hea")
        let whole = try WFDBRecord.read(headerAt: url)
        let reader = try WFDBStreamReader(headerAt: url)
        var leads = [[Float]](repeating: [], count: 2)
        for start in stride(from: 0, to: reader.sampleCount, by: 99_999) {
            let chunk = try reader.read(frames: start..<min(reader.sampleCount, start + 99_999))
            for l in 0..<2 { leads[l] += chunk[l] }
        }
        #expect(leads == whole.leads)
    }

    @Test("truncated data and missing files are errors naming the file")
    func readerErrors() throws {
        let dir = try TestData.scratchDirectory()
        let url = try WFDBWriter.write(Self.signal, recordName: "t", to: dir, format: 16)
        let dat = dir.appendingPathComponent("t.dat")
        try Data(try Data(contentsOf: dat).prefix(100)).write(to: dat)
        #expect(throws: ECGError.truncatedData(file: dat.path, expectedBytes: 6006, actualBytes: 100)) { try WFDBStreamReader(headerAt: url) }
        try FileManager.default.removeItem(at: dat)
        #expect(throws: ECGError.fileNotFound(path: dat.path)) { try WFDBStreamReader(headerAt: url) }
    }

    @Test("WFDB stream writer: chunks make the same record as the whole-signal writer")
    func wfdbWriter() throws {
        let dir = try TestData.scratchDirectory()
        let writer = try WFDBStreamWriter(recordName: "w", directory: dir, sampleRate: 360, leadNames: Self.signal.leadNames, gain: 1000)
        for range in [0..<300, 300..<301, 301..<1001] { try writer.append(Self.signal.leads.map { Array($0[range]) }) }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("w.hea").path))
        try writer.finish()
        let streamed = try WFDBRecord.read(headerAt: dir.appendingPathComponent("w.hea"))   // checksums verified
        let reference = try WFDBRecord.read(headerAt: WFDBWriter.write(Self.signal, recordName: "r", to: dir, gain: 1000))
        #expect(streamed.leads == reference.leads && streamed.leadNames == reference.leadNames)
        let tooBig = try WFDBStreamWriter(recordName: "big", directory: dir, sampleRate: 360, leadNames: ["a"], gain: 1000)
        #expect(throws: ECGError.self) { try tooBig.append([[40]]) }
        tooBig.cancel()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("CSV stream writer: same bytes as CSVSignal.write; nothing visible before finish")
    func csvWriter() throws {
        let dir = try TestData.scratchDirectory()
        let url = dir.appendingPathComponent("s.csv")
        let writer = try CSVStreamWriter(url: url, sampleRate: 360, leadNames: Self.signal.leadNames)
        for range in [0..<10, 10..<1001] { try writer.append(Self.signal.leads.map { Array($0[range]) }) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        try writer.finish()
        try CSVSignal.write(Self.signal, to: dir.appendingPathComponent("r.csv"))
        #expect(try Data(contentsOf: url) == Data(contentsOf: dir.appendingPathComponent("r.csv")))
    }
}
