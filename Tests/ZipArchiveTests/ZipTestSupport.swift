import Foundation

/// Helpers shared by the ZipArchive tests.
enum ZipTestSupport {
    /// A fresh empty directory under the system temp directory.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zip-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `count` pseudo-random bytes, reproducible from `seed` (an LCG; compresses poorly on purpose).
    static func pseudoRandomBytes(count: Int, seed: UInt64) -> Data {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[i] = UInt8(truncatingIfNeeded: state >> 56)
        }
        return Data(bytes)
    }

    /// Runs `executable arguments…` through `/usr/bin/env`; returns exit status and standard output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = Pipe()  // not FileHandle.nullDevice, whose shared descriptor Process handling can close under other tests
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static let hasPython: Bool = (try? run("python3", ["-c", "import zipfile"]))?.status == 0
    static let hasUnzip: Bool = (try? run("unzip", ["-v"]))?.status == 0

    /// The index of the first occurrence of `needle` in `haystack`.
    static func offset(of needle: Data, in haystack: Data) -> Int? {
        haystack.range(of: needle).map { $0.lowerBound - haystack.startIndex }
    }
}
