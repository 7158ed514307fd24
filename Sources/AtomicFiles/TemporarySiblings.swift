import Foundation

/// The one naming rule of every atomic writer in the package: `url` is written to
/// `.<name>.<uuid>.tmp` in its own directory and renamed into place when complete, so a
/// killed run leaves only files of that shape beside its outputs.
///
/// ```swift
/// let temp = AtomicFile.temporarySibling(of: output)      // .out.csv.<uuid>.tmp
/// AtomicFile.leftovers(of: output).forEach { try? FileManager.default.removeItem(at: $0) }
/// ```
extension AtomicFile {
    /// A fresh temporary path beside `url`.
    public static func temporarySibling(of url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    }

    /// The temporary files beside `url` that writers of `url` left (`.<name>.<anything>.tmp`), sorted.
    public static func leftovers(of url: URL) -> [URL] {
        let directory = url.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        let prefix = "." + url.lastPathComponent + "."
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".tmp") }.sorted().map { directory.appendingPathComponent($0) }
    }
}
