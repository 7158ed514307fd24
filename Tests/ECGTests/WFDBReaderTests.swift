import Foundation
import Testing
@testable import ECG

/// Reference values produced by the Python `wfdb` package (Fixtures/make_wfdb_fixture.py).
private struct WFDBExpected: Decodable {
    struct Record: Decodable {
        struct Ann: Decodable { var sample: Int; var symbol: String }
        var record: String
        var sampleRate: Double
        var sampleCount: Int
        var leadNames: [String]
        var gain: [Double]
        var baseline: [Int]
        var indices: [Int]
        var digital: [[Int]]
        var physical: [[Double]]
        var digitalSum: [Int]
        var digitalSumOfSquares: [Int]
        var annotationCount: Int
        var beatCount: Int
        var firstAnnotations: [Ann]
        var lastAnnotationSample: Int
        var firstAux: String
    }
    var records: [Record]
}

@Suite("WFDB reading")
struct WFDBReaderTests {
    // Needs the real MIT-BIH data; skipped (with a printed note) when it is absent.
    @Test("records 100 and 103 match the Python wfdb package", .enabled(if: TestData.available))
    func matchesPythonWFDB() throws {
        let url = try #require(TestData.fixture("wfdb_expected.json"))
        let expected = try JSONDecoder().decode(WFDBExpected.self, from: Data(contentsOf: url))
        #expect(expected.records.map(\.record) == ["100", "103"])
        for rec in expected.records {
            let headerURL = TestData.mitdb.appendingPathComponent(rec.record + ".hea")
            let header = try WFDBHeader(contentsOf: headerURL)
            #expect(header.sampleRate == rec.sampleRate)
            #expect(header.sampleCount == rec.sampleCount)
            #expect(header.signals.map(\.gain) == rec.gain)
            #expect(header.signals.map(\.baseline) == rec.baseline)
            let digital = try WFDBRecord.readDigital(header: header, directory: TestData.mitdb)
            let signal = try WFDBRecord.read(headerAt: headerURL)
            #expect(signal.leadNames == rec.leadNames)
            #expect(signal.sampleCount == rec.sampleCount)
            for c in 0..<2 {
                #expect(rec.indices.map { Int(digital[c][$0]) } == rec.digital[c])
                for (k, i) in rec.indices.enumerated() {
                    #expect(abs(Double(signal.leads[c][i]) - rec.physical[c][k]) < 1e-6)
                }
                #expect(digital[c].reduce(0) { $0 + Int($1) } == rec.digitalSum[c])
                #expect(digital[c].reduce(0) { $0 + Int($1) * Int($1) } == rec.digitalSumOfSquares[c])
            }
            let annotations = try Annotation.read(from: TestData.mitdb.appendingPathComponent(rec.record + ".atr"))
            #expect(annotations.count == rec.annotationCount)
            #expect(annotations.filter(\.isBeat).count == rec.beatCount)
            #expect(annotations.prefix(25).map(\.sample) == rec.firstAnnotations.map(\.sample))
            #expect(annotations.prefix(25).map(\.symbol) == rec.firstAnnotations.map(\.symbol))
            #expect(annotations.last?.sample == rec.lastAnnotationSample)
            #expect(annotations.first?.aux == rec.firstAux)
        }
    }

    @Test("noise records take their length from the header (em is format 16, 282,800 samples)", .enabled(if: TestData.available))
    func noiseRecordLengths() throws {
        let em = try WFDBRecord.read(headerAt: TestData.nstdb.appendingPathComponent("em.hea"))
        #expect(em.sampleCount == 282_800 && em.leadCount == 2)
        let emHeader = try WFDBHeader(contentsOf: TestData.nstdb.appendingPathComponent("em.hea"))
        #expect(emHeader.signals[0].format == 16 && emHeader.signals[0].units == "mV")
        #expect(NoiseBank.boundaries(in: emHeader.comments) == [43200, 86400, 129600, 172800, 216000, 259200])
        let bw = try WFDBHeader(contentsOf: TestData.nstdb.appendingPathComponent("bw.hea"))
        #expect(bw.sampleCount == 650_000 && bw.signals[0].gain == 200) // gain 0 = uncalibrated → 200
    }

    @Test("header parser: fields, defaults, comments")
    func headerParsing() throws {
        let text = """
        rec 3 500/1000(0) 1200
        # first comment
        rec.dat 212x1+6 200(1024)/mV 11 1024 995 -22131 0 MLII lead
        rec.dat 212 400 11 7 0 0 0 V5
        other.dat 16 0
        #second
        """
        let h = try WFDBHeader(parsing: text, file: "rec.hea")
        #expect(h.recordName == "rec" && h.sampleRate == 500 && h.sampleCount == 1200)
        #expect(h.signals.count == 3 && h.comments == ["first comment", "second"])
        #expect(h.signals[0].byteOffset == 6 && h.signals[0].baseline == 1024 && h.signals[0].description == "MLII lead")
        #expect(h.signals[0].checksum == -22131 && h.signals[0].initialValue == 995)
        #expect(h.signals[1].gain == 400 && h.signals[1].baseline == 7) // baseline defaults to ADC zero
        #expect(h.signals[2].gain == 200 && h.signals[2].fileName == "other.dat")
        let defaults = try WFDBHeader(parsing: "x 1\nx.dat 80", file: "x.hea")
        #expect(defaults.sampleRate == 250 && defaults.sampleCount == nil)
    }

    @Test("format 80 and 16 decode; multi-file records; invalid samples become NaN")
    func otherFormats() throws {
        let dir = try TestData.scratchDirectory()
        try Data([128, 129, 127, 1, 200, 100]).write(to: dir.appendingPathComponent("a.dat"))
        try Data([0x10, 0x00, 0x00, 0x80, 0xFF, 0xFF]).write(to: dir.appendingPathComponent("b.dat"))
        try "m 3 100 3\na.dat 80 10(0) 8 0\nb.dat 16 2(0) 16 0\na.dat 80 1(0)\n"
            .write(to: dir.appendingPathComponent("m.hea"), atomically: true, encoding: .utf8)
        let s = try WFDBRecord.read(headerAt: dir.appendingPathComponent("m.hea"))
        #expect(s.leads[0] == [0, -0.1, 7.2])
        #expect(s.leads[2] == [1, -127, -28])
        #expect(s.leads[1][0] == 8 && s.leads[1][1].isNaN && s.leads[1][2] == -0.5)
    }
}
