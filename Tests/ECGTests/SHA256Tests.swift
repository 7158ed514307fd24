import Foundation
import Testing
@testable import ECG

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-4 / NIST test vectors")
    func vectors() {
        #expect(SHA256.hash(data: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(data: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash(data: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hash(data: Data(repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("streaming in odd chunks equals one shot; files hash as their bytes")
    func streaming() throws {
        let bytes = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        var h = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 0, 127, 300] where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            h.update(data: bytes.subdata(in: offset..<end))
            offset = end
        }
        h.update(data: bytes.subdata(in: offset..<bytes.count))
        #expect(SHA256.hex(h.finalize()) == SHA256.hash(data: bytes))
        let url = try TestData.scratchDirectory().appendingPathComponent("f.bin")
        try bytes.write(to: url)
        #expect(try SHA256.hash(fileAt: url) == SHA256.hash(data: bytes))
        #expect(throws: ECGError.fileNotFound(path: "/nonexistent/f")) { try SHA256.hash(fileAt: URL(fileURLWithPath: "/nonexistent/f")) }
    }

    @Test("only regular files are hashed: a FIFO, a device or a directory is an error, not a hang")
    func onlyRegularFiles() throws {
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = try HostileFiles.fifo(named: "pipe.dat", in: directory)
        #expect(throws: ECGError.ioFailure(path: fifo.path, reason: "is not a regular file (a FIFO, device or socket)")) {
            try SHA256.hash(fileAt: fifo)
        }
        #expect(throws: ECGError.ioFailure(path: directory.path, reason: "is a directory, not a file")) {
            try SHA256.hash(fileAt: directory)
        }
        if FileManager.default.fileExists(atPath: "/dev/zero") {
            #expect(throws: ECGError.self) { try SHA256.hash(fileAt: URL(fileURLWithPath: "/dev/zero")) }
        }
        // A data folder whose listed file is a FIFO: verify reports an error instead of blocking.
        try Data("\(String(repeating: "0", count: 64))  pipe.dat\n".utf8).write(to: directory.appendingPathComponent("SHA256SUMS"))
        #expect(throws: ECGError.self) { try DataVerifier.verify(dataDirectory: directory) }
    }
}
