import Foundation

/// One annotation of an MIT-format annotation file (`.atr`).
///
/// ```swift
/// let beats = try Annotation.read(from: url).filter(\.isBeat)
/// ```
public struct Annotation: Equatable, Sendable {
    /// Sample index (frame number) the annotation refers to.
    public var sample: Int
    /// WFDB annotation code (1 = N, 5 = V, …).
    public var code: Int
    /// Subtype (`subtyp`), 0 unless given.
    public var subtype: Int = 0
    /// Signal number (`chan`), 0 unless given.
    public var channel: Int = 0
    /// Annotator number (`num`), 0 unless given.
    public var number: Int = 0
    /// Auxiliary text (e.g. rhythm "(N"), without trailing NULs.
    public var aux: String = ""

    /// The standard WFDB mnemonic for the code ("N", "V", "+", …).
    public var symbol: String { Annotation.symbols[code] ?? "[\(code)]" }

    /// Whether the code is a beat annotation (N L R B A a J S V r F e j n E / f Q ?).
    public var isBeat: Bool { Annotation.beatCodes.contains(code) }

    static let beatCodes: Set<Int> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41]
    static let symbols: [Int: String] = [
        0: " ", 1: "N", 2: "L", 3: "R", 4: "a", 5: "V", 6: "F", 7: "J", 8: "A", 9: "S", 10: "E", 11: "j",
        12: "/", 13: "Q", 14: "~", 16: "|", 18: "s", 19: "T", 20: "*", 21: "D", 22: "\"", 23: "=", 24: "p",
        25: "B", 26: "^", 27: "t", 28: "+", 29: "u", 30: "?", 31: "!", 32: "[", 33: "]", 34: "e", 35: "n",
        36: "@", 37: "x", 38: "f", 39: "(", 40: ")", 41: "r",
    ]

    /// Reads an MIT-format annotation file.
    ///
    /// ```swift
    /// let annotations = try Annotation.read(from: URL(fileURLWithPath: "mitdb/100.atr"))
    /// ```
    public static func read(from url: URL) throws -> [Annotation] {
        try parse(readFile(url), file: url.path)
    }

    /// Parses MIT-format annotation bytes; `file` names the source in errors.
    ///
    /// The bytes must end with the end-of-file marker (a zero word), so a file cut short at a
    /// record boundary is an error, not a silently shorter list.
    ///
    /// ```swift
    /// let annotations = try Annotation.parse(data, file: "100.atr")
    /// ```
    public static func parse(_ data: Data, file: String) throws -> [Annotation] {
        let bytes = [UInt8](data)
        var result: [Annotation] = []
        var time = 0, pos = 0, channel = 0, number = 0
        func word(_ p: Int) -> Int { Int(bytes[p]) | Int(bytes[p + 1]) << 8 }
        while pos + 1 < bytes.count {
            let w = word(pos), a = w >> 10, i = w & 0x3FF
            pos += 2
            switch a {
            case 0 where i == 0:
                return result
            case 59: // SKIP: 32-bit interval follows, high word first
                guard pos + 3 < bytes.count else {
                    throw ECGError.malformedAnnotations(file: file, reason: "SKIP at byte \(pos - 2) is cut short: its 4-byte interval runs past the end (\(bytes.count) bytes)")
                }
                let value = Int32(bitPattern: UInt32(word(pos)) << 16 | UInt32(word(pos + 2)))
                time += Int(value)
                pos += 4
            case 60: // NUM
                number = i
                if !result.isEmpty { result[result.count - 1].number = i }
            case 61: // SUB
                guard !result.isEmpty else { throw ECGError.malformedAnnotations(file: file, reason: "SUB before any annotation at byte \(pos - 2)") }
                result[result.count - 1].subtype = i
            case 62: // CHN
                channel = i
                if !result.isEmpty { result[result.count - 1].channel = i }
            case 63: // AUX: i bytes, padded to an even count
                guard !result.isEmpty else { throw ECGError.malformedAnnotations(file: file, reason: "AUX before any annotation at byte \(pos - 2)") }
                guard pos + i <= bytes.count else {
                    throw ECGError.malformedAnnotations(file: file, reason: "AUX of \(i) bytes at byte \(pos - 2) runs past the end (\(bytes.count) bytes)")
                }
                let text = bytes[pos..<(pos + i)].prefix { $0 != 0 }
                result[result.count - 1].aux = String(decoding: text, as: UTF8.self)
                pos += i + (i & 1)
            default:
                time += i
                guard time >= 0 else { throw ECGError.malformedAnnotations(file: file, reason: "negative time at byte \(pos - 2)") }
                result.append(Annotation(sample: time, code: a, channel: channel, number: number))
            }
        }
        throw ECGError.malformedAnnotations(file: file, reason: missingEndReason(byteCount: bytes.count, position: pos))
    }

    /// Why bytes that ran out before the end-of-file marker are malformed.
    private static func missingEndReason(byteCount: Int, position: Int) -> String {
        if byteCount == 0 { return "the file is empty (even an empty annotation list ends with a 2-byte end marker)" }
        if position < byteCount { return "ends mid-record: odd length \(byteCount) bytes, a lone byte at \(position)" }
        return "ends at byte \(byteCount) without the end-of-file marker (cut short?)"
    }
}
