import Foundation

/// The built `dancer` executable for tests that run it as a child process: `$DANCER_BINARY`
/// when set, else `.build/debug/dancer` of this package; `nil` (the test skips with a visible
/// message naming ``hint``) when it is not there.
public enum DancerBinary {
    public static func url(filePath: String = #filePath) -> URL? {
        if let path = ProcessInfo.processInfo.environment["DANCER_BINARY"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/dancer")
        return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
    }

    /// Where ``url(filePath:)`` looked, for skip messages.
    public static var hint: String {
        ProcessInfo.processInfo.environment["DANCER_BINARY"].map { "$DANCER_BINARY=\($0)" }
            ?? ".build/debug/dancer (run `swift build` first, or set DANCER_BINARY)"
    }
}
