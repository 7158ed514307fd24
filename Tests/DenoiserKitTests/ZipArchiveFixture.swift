import Foundation
import ZipArchive

/// Writes plain zip archives for tests.
enum ZipArchiveFixture {
    static func write(_ entries: [String: Data], to url: URL) throws {
        try ZipArchive.write(entries.sorted { $0.key < $1.key }.map { (name: $0.key, data: $0.value) }, to: url)
    }
}
