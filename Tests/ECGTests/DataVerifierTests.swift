import Foundation
import Testing
@testable import ECG

@Suite("Data verification")
struct DataVerifierTests {
    /// A small data tree (one WFDB record + SHA256SUMS) in a scratch directory.
    private func makeTree() throws -> URL {
        let dir = try TestData.scratchDirectory()
        let signal = Signal(leads: [syntheticLead(count: 400), syntheticLead(count: 400, seed: 2)], sampleRate: 360)
        try WFDBWriter.write(signal, recordName: "r1", to: dir.appendingPathComponent("mitdb"), format: 212)
        try writeSums(dir, ["mitdb/r1.hea", "mitdb/r1.dat"])
        return dir
    }

    private func writeSums(_ dir: URL, _ files: [String]) throws {
        let lines = try files.map { try SHA256.hash(fileAt: dir.appendingPathComponent($0)) + "  " + $0 }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("SHA256SUMS"), atomically: true, encoding: .utf8)
    }

    @Test("an intact tree passes; missing, corrupt and size-inconsistent files are named")
    func problems() throws {
        let dir = try makeTree()
        #expect(try DataVerifier.verify(dataDirectory: dir).isValid)
        let dat = dir.appendingPathComponent("mitdb/r1.dat")
        let original = try Data(contentsOf: dat)

        var changed = original
        changed[10] ^= 1
        try changed.write(to: dat)
        let corrupt = try DataVerifier.verify(dataDirectory: dir)
        #expect(corrupt.problems.count == 1 && corrupt.problems[0].path == "mitdb/r1.dat")
        guard case .corrupt? = corrupt.problems.first?.kind else { Issue.record("expected corrupt"); return }
        #expect(throws: ECGError.self) { try corrupt.requireValid() }

        try original.dropLast(3).write(to: dat)   // truncated, with a matching checksum: only the header disagrees
        try writeSums(dir, ["mitdb/r1.hea", "mitdb/r1.dat"])
        let inconsistent = try DataVerifier.verify(dataDirectory: dir)
        #expect(inconsistent.problems.map(\.description) == ["mitdb/r1.dat: header mitdb/r1.hea implies 1200 bytes, file has 1197"])

        try FileManager.default.removeItem(at: dat)
        let missing = try DataVerifier.verify(dataDirectory: dir)
        #expect(missing.problems == [DataProblem(path: "mitdb/r1.dat", kind: .missing)])
        do { try missing.requireValid(); Issue.record("should throw") } catch {
            #expect("\(error)".contains("mitdb/r1.dat: missing"))
        }
    }

    @Test("malformed or missing checksum lists are errors")
    func malformedList() throws {
        let dir = try TestData.scratchDirectory()
        #expect(throws: ECGError.fileNotFound(path: dir.appendingPathComponent("SHA256SUMS").path)) { try DataVerifier.verify(dataDirectory: dir) }
        try "abc  file\n".write(to: dir.appendingPathComponent("SHA256SUMS"), atomically: true, encoding: .utf8)
        #expect(throws: ECGError.self) { try DataVerifier.verify(dataDirectory: dir) }
        let entries = try DataVerifier.parseChecksums(String(repeating: "a", count: 64) + " *x/y.dat\n# comment\n", file: "s")
        #expect(entries.count == 1 && entries[0].path == "x/y.dat")
        #expect(throws: ECGError.self) { try DataVerifier.parseChecksums(String(repeating: "a", count: 64) + "  ../etc/passwd", file: "s") }
    }

    // Hashes ~110 MB; needs the real data (skipped with a printed note when absent).
    @Test("the real data directory verifies", .enabled(if: TestData.available))
    func realData() throws {
        let dir = try #require(TestData.directory)
        let report = try DataVerifier.verify(dataDirectory: dir)
        #expect(report.checkedFiles == 161)
        #expect(report.isValid, "\(report.problems)")
    }
}
