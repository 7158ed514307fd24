import Foundation

/// Helpers shared by the SafeTensors tests: locating shared data and running Python.
enum TestSupport {
    /// `$DANCER_SHARED_DIR`, else `../shared` beside the repository root (found from this file).
    static var sharedDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["DANCER_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let repoRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    static var parityDirectory: URL { sharedDirectory.appendingPathComponent("parity") }

    static var hasParityDirectory: Bool {
        FileManager.default.fileExists(atPath: parityDirectory.appendingPathComponent("dancer.safetensors").path)
    }

    /// True when `python3` can import `safetensors.numpy` (checked once).
    static let hasPythonSafetensors: Bool = {
        (try? runPython("import safetensors.numpy, numpy"))?.status == 0
    }()

    /// Runs `python3 -c script args…` and returns its exit status and standard output.
    static func runPython(_ script: String, _ arguments: [String] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = Pipe()  // not FileHandle.nullDevice, whose shared descriptor Process handling can close under other tests
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A fresh empty directory under the system temp directory.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("safetensors-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Raw safetensors bytes from a hand-written header (no padding) and data buffer.
    static func rawFile(header: String, data: [UInt8] = []) -> Data {
        var bytes = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        bytes.append(contentsOf: data)
        return bytes
    }
}
