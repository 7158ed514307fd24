import Foundation

/// Everything that can go wrong while reading or writing a zip archive; each message names the file.
///
/// ```swift
/// do { _ = try ZipArchive.read(from: url) } catch let error as ZipArchiveError { print(error) }
/// ```
public enum ZipArchiveError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// No file exists at `path`.
    case fileNotFound(path: String)
    /// The file exists but is not a zip archive (no zip signature at all).
    case notAZipArchive(path: String)
    /// The file looks like a zip archive but is truncated or damaged.
    case corruptArchive(path: String, reason: String)
    /// The archive has no entry called `entry`; `available` lists the entries it has.
    case entryNotFound(path: String, entry: String, available: [String])
    /// An entry's declared uncompressed size exceeds the per-entry limit.
    case entryTooLarge(path: String, entry: String, size: Int, limit: Int)
    /// The entries together exceed the total-size limit.
    case archiveTooLarge(path: String, size: Int, limit: Int)
    /// An entry decompressed to a different number of bytes than its header declares.
    case sizeMismatch(path: String, entry: String, declared: Int, found: Int)
    /// An entry's bytes do not match its stored CRC-32.
    case crcMismatch(path: String, entry: String)
    /// libzip could not open or read the archive or an entry.
    case readFailed(path: String, entry: String?, reason: String)
    /// An entry name is unsafe: empty, absolute, escaping with `..`, with a backslash or a
    /// control character, or (when writing) repeated. The writer refuses to store such names
    /// and the reader refuses archives that hold them, although entries are never extracted.
    case invalidEntryName(path: String, entry: String, reason: String)
    /// The archive has more entries than the reader's limit.
    case tooManyEntries(path: String, count: Int, limit: Int)
    /// Building or storing the archive failed; nothing was written at `path`.
    case writeFailed(path: String, reason: String)

    /// A one-line message naming the file, the item, and what was expected and found.
    ///
    /// ```swift
    /// catch let error as ZipArchiveError { print(error.description) }
    /// ```
    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file"
        case let .notAZipArchive(path):
            return "\(path): not a zip archive"
        case let .corruptArchive(path, reason):
            return "\(path): corrupt or truncated zip archive: \(reason)"
        case let .entryNotFound(path, entry, available):
            let list = available.isEmpty ? "(no entries)" : available.joined(separator: ", ")
            return "\(path): no entry '\(entry)'; the archive holds: \(list)"
        case let .entryTooLarge(path, entry, size, limit):
            return "\(path): entry '\(entry)' is \(size) bytes uncompressed, over the \(limit)-byte limit"
        case let .archiveTooLarge(path, size, limit):
            return "\(path): entries total \(size) bytes uncompressed, over the \(limit)-byte limit"
        case let .sizeMismatch(path, entry, declared, found):
            let what = found > declared ? "more than that" : "\(found)"
            return "\(path): entry '\(entry)' declares \(declared) bytes but decompresses to \(what)"
        case let .crcMismatch(path, entry):
            return "\(path): entry '\(entry)' fails its CRC-32 check (corrupted data)"
        case let .readFailed(path, entry, reason):
            return "\(path): " + (entry.map { "entry '\($0)': " } ?? "") + reason
        case let .invalidEntryName(path, entry, reason):
            return "\(path): unsafe entry name '\(Self.printable(entry))': \(reason)"
        case let .tooManyEntries(path, count, limit):
            return "\(path): the archive has \(count) entries, over the limit of \(limit)"
        case let .writeFailed(path, reason):
            return "\(path): write failed: \(reason)"
        }
    }

    /// The same message as `description`, for `localizedDescription`.
    ///
    /// ```swift
    /// catch { print(error.localizedDescription) }
    /// ```
    public var errorDescription: String? { description }

    /// `name` with control characters escaped (`\u{0}`), so a hostile name cannot break a one-line message.
    private static func printable(_ name: String) -> String {
        var text = ""
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                text += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}
