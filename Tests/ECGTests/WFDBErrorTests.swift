import Foundation
import Testing
@testable import ECG

@Suite("WFDB bad input")
struct WFDBErrorTests {
    private func record(_ header: String, data: [UInt8], name: String = #function) throws -> URL {
        let dir = try TestData.scratchDirectory(name)
        try Data(data).write(to: dir.appendingPathComponent("r.dat"))
        let url = dir.appendingPathComponent("r.hea")
        try header.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func truncatedData() throws {
        let url = try record("r 2 360 4\nr.dat 212 200 11 0\nr.dat 212 200 11 0\n", data: [UInt8](repeating: 0, count: 11))
        #expect(throws: ECGError.truncatedData(file: url.deletingLastPathComponent().appendingPathComponent("r.dat").path,
                                               expectedBytes: 12, actualBytes: 11)) {
            try WFDBRecord.read(headerAt: url)
        }
    }

    @Test func headerSizeMismatch() throws {
        let url = try record("r 1 360 4\nr.dat 16 200 16 0\n", data: [UInt8](repeating: 0, count: 10))
        #expect(throws: ECGError.sizeMismatch(file: url.deletingLastPathComponent().appendingPathComponent("r.dat").path,
                                              expectedBytes: 8, actualBytes: 10)) {
            try WFDBRecord.read(headerAt: url)
        }
    }

    @Test func unknownFormat() throws {
        let url = try record("r 1 360 4\nr.dat 999 200 16 0\n", data: [0, 0])
        let error = #expect(throws: ECGError.self) { try WFDBRecord.read(headerAt: url) }
        guard case .unsupportedFormat(_, let format)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(format == "999")
        #expect(error?.description.contains("r.dat") == true)
    }

    @Test func checksumMismatch() throws {
        let url = try record("r 1 360 2\nr.dat 16 200 16 0 1 99 0\n", data: [1, 0, 2, 0])
        #expect(throws: ECGError.checksumMismatch(file: url.deletingLastPathComponent().appendingPathComponent("r.dat").path,
                                                  signal: 0, expected: 99, actual: 3)) {
            try WFDBRecord.read(headerAt: url)
        }
        #expect(try WFDBRecord.read(headerAt: url, verifyChecksums: false).leads[0] == [0.005, 0.01])
    }

    @Test func malformedHeaders() throws {
        for text in ["", "r x 360", "r 2 360 10\nr.dat 16\n", "r 1 abc", "r 1 360 -5", "r 1 360\nr.dat 16 2x0",
                     "r 1 360\nr.dat 16 200(1a)", "r/2 1 360", "r 1 1e9", "r 1 360 9000000000000000000"] {
            #expect(throws: ECGError.self, "\(text)") { try WFDBHeader(parsing: text, file: "r.hea") }
        }
        #expect(throws: ECGError.fileNotFound(path: "/nonexistent/x.hea")) {
            try WFDBHeader(contentsOf: URL(fileURLWithPath: "/nonexistent/x.hea"))
        }
    }

    @Test func malformedAnnotations() throws {
        // AUX claiming 10 bytes with only 2 present, SUB before any annotation, odd length.
        let bad: [[UInt8]] = [[0x05, 0x04, 0x0A, 0xFC, 0x41, 0x42], [0x01, 0xF4], [0x05, 0x04, 0x00]]
        for bytes in bad {
            #expect(throws: ECGError.self) { try Annotation.parse(Data(bytes), file: "x.atr") }
        }
        // N at 5, SKIP +1000, V at +3, NUM 2, AUX "(N", end.
        let good: [UInt8] = [0x05, 0x04, 0x00, 0xEC, 0x00, 0x00, 0xE8, 0x03, 0x03, 0x14, 0x02, 0xF0,
                             0x02, 0xFC, 0x28, 0x4E, 0x00, 0x00]
        let anns = try Annotation.parse(Data(good), file: "x.atr")
        #expect(anns.map(\.sample) == [5, 1008] && anns.map(\.symbol) == ["N", "V"])
        #expect(anns[1].number == 2 && anns[1].aux == "(N")
    }
}

@Suite("WFDB record names")
struct WFDBRecordNameTests {
    @Test(arguments: ["103.denoised", "a b", "", "x/y", "déjà"])
    func invalidNamesAreRefusedByBothWriters(name: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wfdb-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let signal = Signal(leads: [[0, 0.1, 0.2]], sampleRate: 360)
        let error = #expect(throws: ECGError.self) { try WFDBWriter.write(signal, recordName: name, to: directory) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("letters, digits and underscores"))
        #expect(throws: ECGError.self) {
            try WFDBStreamWriter(recordName: name, directory: directory, sampleRate: 360, leadNames: ["MLII"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func validNamesAreAccepted() throws {
        try WFDBHeader.checkRecordName("103_denoised")
        try WFDBHeader.checkRecordName("A1")
    }
}
