import Foundation

/// Where the project's shared inputs live: `$DANCER_SHARED_DIR`, else `../shared` beside the
/// repository root (found from this file's path).
public enum SharedFixtures {
    public static var sharedDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["DANCER_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let repositoryRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The PyTorch reference tensors (`shared/parity`).
    public static var parityDirectory: URL { sharedDirectory.appendingPathComponent("parity") }

    /// The MIT-BIH and NSTDB records (`shared/data`); `$DANCER_DATA_DIR` overrides.
    public static var dataDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["DANCER_DATA_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return sharedDirectory.appendingPathComponent("data")
    }

    /// Whether the parity tensors are present (tests that need them are skipped otherwise,
    /// and say so).
    public static var hasParity: Bool {
        FileManager.default.fileExists(atPath: parityDirectory.appendingPathComponent("dancer.safetensors").path)
    }

    /// Whether the real records are present.
    public static var hasData: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("mitdb/100.hea").path)
    }
}
