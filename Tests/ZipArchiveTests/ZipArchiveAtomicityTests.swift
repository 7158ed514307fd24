import Foundation
import Testing
import ZipArchive

@Suite final class ZipArchiveAtomicityTests {
    let directory: URL
    let entries: [(name: String, data: Data)] = [(name: "manifest.json", data: Data(#"{"v": 2}"#.utf8))]

    init() throws { directory = try ZipTestSupport.makeTemporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func writingIntoAMissingDirectoryFailsAndLeavesNothing() throws {
        let url = directory.appendingPathComponent("no/such/dir/checkpoint.zip")
        let error = #expect(throws: ZipArchiveError.self) { try ZipArchive.write(self.entries, to: url) }
        guard case let .writeFailed(path, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(path == url.path)
        #expect(try listing().isEmpty)
    }

    @Test func existingFileIsReplacedOnlyOnSuccess() throws {
        let url = directory.appendingPathComponent("checkpoint.zip")
        try ZipArchive.write([(name: "old.txt", data: Data("old".utf8))], to: url)
        let before = try Data(contentsOf: url)

        #expect(throws: ZipArchiveError.self) {
            try ZipArchive.write([(name: "a", data: Data()), (name: "a", data: Data())], to: url)
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(try listing() == ["checkpoint.zip"])

        try ZipArchive.write(entries, to: url)
        #expect(try ZipArchive.read(from: url) == ["manifest.json": entries[0].data])
        #expect(try listing() == ["checkpoint.zip"])
    }

    @Test(.enabled(if: getuid() != 0, "running as root, which ignores directory permissions; skipped"))
    func readOnlyDirectoryFailsWithoutTouchingTheTarget() throws {
        let url = directory.appendingPathComponent("checkpoint.zip")
        try ZipArchive.write(entries, to: url)
        let before = try Data(contentsOf: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path) }
        #expect(throws: ZipArchiveError.self) { try ZipArchive.write([(name: "x", data: Data())], to: url) }
        #expect(try Data(contentsOf: url) == before)
    }
}
