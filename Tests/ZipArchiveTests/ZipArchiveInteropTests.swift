import Foundation
import Testing
import ZipArchive

/// Checks that standard tools read what we write.
@Suite final class ZipArchiveInteropTests {
    let directory: URL
    let url: URL
    let entries: [(name: String, data: Data)] = [
        (name: "manifest.json", data: Data(#"{"model": "dancer"}"#.utf8)),
        (name: "weights.safetensors", data: ZipTestSupport.pseudoRandomBytes(count: 100_000, seed: 3)),
        (name: "MODEL_CARD.md", data: Data()),
    ]

    init() throws {
        directory = try ZipTestSupport.makeTemporaryDirectory()
        url = directory.appendingPathComponent("checkpoint.zip")
        try ZipArchive.write(entries, to: url)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @Test(.enabled(if: ZipTestSupport.hasPython, "python3 not found; zipfile interop skipped"))
    func pythonListsAndExtractsOurArchive() throws {
        let listing = try ZipTestSupport.run("python3", ["-m", "zipfile", "-l", url.path])
        #expect(listing.status == 0)
        for entry in entries { #expect(listing.output.contains(entry.name)) }
        #expect(listing.output.contains("2000-01-01 00:00:00"))
        #expect(try ZipTestSupport.run("python3", ["-m", "zipfile", "-t", url.path]).status == 0)

        let target = directory.appendingPathComponent("extracted")
        #expect(try ZipTestSupport.run("python3", ["-m", "zipfile", "-e", url.path, target.path]).status == 0)
        for entry in entries {
            #expect(try Data(contentsOf: target.appendingPathComponent(entry.name)) == entry.data, "\(entry.name)")
        }
    }

    @Test(.enabled(if: ZipTestSupport.hasUnzip, "unzip not found; unzip interop skipped"))
    func unzipTestsOurArchive() throws {
        let listing = try ZipTestSupport.run("unzip", ["-l", url.path])
        #expect(listing.status == 0)
        for entry in entries { #expect(listing.output.contains(entry.name)) }
        let check = try ZipTestSupport.run("unzip", ["-t", url.path])
        #expect(check.status == 0)
        #expect(check.output.contains("No errors detected"))
    }

    @Test(.enabled(if: ZipTestSupport.hasPython, "python3 not found; zipfile interop skipped"))
    func weReadPythonWrittenArchives() throws {
        let pythonZip = directory.appendingPathComponent("python.zip")
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("a.txt", "hello " * 100)
                z.writestr("b.bin", bytes(range(256)))
            """
        #expect(try ZipTestSupport.run("python3", ["-c", script, pythonZip.path]).status == 0)
        let read = try ZipArchive.read(from: pythonZip)
        #expect(read["a.txt"] == Data(String(repeating: "hello ", count: 100).utf8))
        #expect(read["b.bin"] == Data((0...255).map { UInt8($0) }))
    }
}
