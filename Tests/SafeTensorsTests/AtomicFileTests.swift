import AtomicFiles
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Atomic files")
struct AtomicFileTests {
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomicfile-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a write replaces the whole file and leaves no temporary file")
    func writeReplaces() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.bin")
        try AtomicFile.write(Data("old and longer".utf8), to: target)
        try AtomicFile.write(Data("new".utf8), to: target)
        #expect(try Data(contentsOf: target) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.bin"])
    }

    @Test("the directory sync after a rename: done on a directory; a missing path or a regular file is false, not a crash")
    func directorySync() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plain.txt")
        try AtomicFile.write(Data("x".utf8), to: file)
        #expect(AtomicFile.synchronizeDirectory(directory))
        #expect(!AtomicFile.synchronizeDirectory(directory.appendingPathComponent("absent")))
        #expect(!AtomicFile.synchronizeDirectory(file))
    }

    @Test("moving into place: the target gets the bytes; a rename that fails names the target and removes the temporary file")
    func moveIntoPlace() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let temporary = directory.appendingPathComponent("part.tmp"), target = directory.appendingPathComponent("out.bin")
        try Data("new".utf8).write(to: temporary)
        try AtomicFile.moveIntoPlace(temporary, over: target)
        #expect(try Data(contentsOf: target) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.bin"])

        try Data("again".utf8).write(to: temporary)
        let unreachable = directory.appendingPathComponent("absent/out.bin")
        let failure = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.moveIntoPlace(temporary, over: unreachable) }
        #expect(failure?.path == unreachable.path && failure?.reason.contains("cannot rename the temporary file into place") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.bin"])
    }

    @Test("a failed write names the target and keeps what was there")
    func failedWrite() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocker = directory.appendingPathComponent("dir")
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("child"), withIntermediateDirectories: true)
        let error = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write(Data("x".utf8), to: blocker) }
        #expect(error?.path == blocker.path && error?.description.contains("rename") == true)
        #expect(FileManager.default.fileExists(atPath: blocker.appendingPathComponent("child").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["dir"])
    }

    @Test("RegularFile reads a whole file through one descriptor and refuses what is not a regular file")
    func regularFiles() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("f.bin")
        let bytes = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })   // more than one read chunk
        try bytes.write(to: file)
        #expect(try RegularFile.contents(of: file) == bytes)
        try Data().write(to: directory.appendingPathComponent("empty"))
        #expect(try RegularFile.contents(of: directory.appendingPathComponent("empty")).isEmpty)
        func failure(_ url: URL, limit: Int = .max) -> RegularFile.Failure? {
            do { _ = try RegularFile.contents(of: url, limit: limit); return nil } catch { return error }
        }
        #expect(failure(file, limit: 1000) == .tooLarge(size: 3_000_000, limit: 1000))
        #expect(failure(directory.appendingPathComponent("missing")) == .notFound)
        #expect(failure(directory.appendingPathComponent("f.bin/inside")) == .notFound)
        #expect(failure(directory) == .directory)
        let fifo = directory.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(failure(fifo) == .notRegular)   // opened non-blocking: no writer, no hang
        if FileManager.default.fileExists(atPath: "/dev/zero") {
            #expect(failure(URL(fileURLWithPath: "/dev/zero")) == .notRegular)
        }
        var chunks: [Int] = [], streamed = Data()
        try RegularFile.read(file, chunkSize: 1 << 20) { chunks.append($0.count); streamed.append(contentsOf: $0) }
        #expect(streamed == bytes && chunks.count == 3 && chunks.allSatisfy { $0 <= 1 << 20 })
        let link = directory.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        #expect(try RegularFile.contents(of: link) == bytes)
    }

    @Test("temporary siblings are .<name>.<id>.tmp, and leftovers finds exactly those of one name")
    func leftovers() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("a.csv")
        let first = AtomicFile.temporarySibling(of: target), second = AtomicFile.temporarySibling(of: target)
        #expect(first != second && first.deletingLastPathComponent().path == directory.path)
        #expect(first.lastPathComponent.hasPrefix(".a.csv.") && first.lastPathComponent.hasSuffix(".tmp"))
        for name in [first.lastPathComponent, second.lastPathComponent, ".a.csvx.1.tmp", ".b.csv.1.tmp", ".a.csv.1.txt", "a.csv"] {
            try Data().write(to: directory.appendingPathComponent(name))
        }
        #expect(AtomicFile.leftovers(of: target).map(\.lastPathComponent) == [first, second].map(\.lastPathComponent).sorted())
        #expect(AtomicFile.leftovers(of: directory.appendingPathComponent("missing/x")).isEmpty)
    }
}
