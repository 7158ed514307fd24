import Foundation

/// A parsed JSON value, just enough for a safetensors header.
///
/// Objects keep their members in order and keep duplicates so the caller can reject them;
/// numbers written without fraction or exponent that fit in `Int` become `.integer`.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// A short rendering for error messages, e.g. `[2, -1]` or `"x"`.
    var summary: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return String(b)
        case let .integer(i): return String(i)
        case let .number(d): return String(d)
        case let .string(s): return "\"\(s)\""
        case let .array(items): return "[" + items.map(\.summary).joined(separator: ", ") + "]"
        case .object: return "{…}"
        }
    }
}

/// A strict recursive-descent JSON parser (RFC 8259) over UTF-8 bytes.
struct JSONParser {
    struct Failure: Error { var message: String }

    private let bytes: [UInt8]
    private var index = 0
    private static let maxDepth = 64

    /// Parses exactly one JSON value; trailing whitespace (the header's padding) is allowed.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected trailing characters") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ message: String) -> Failure {
        Failure(message: "\(message) at byte \(index)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard index < bytes.count, bytes[index] == byte else {
            throw failure("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        index += 1
    }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw failure("nesting deeper than \(Self.maxDepth)") }
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        default: return try parseNumber()
        }
    }

    private mutating func parseLiteral(_ word: String) throws {
        for byte in word.utf8 { try expect(byte) }
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        try expect(UInt8(ascii: "{"))
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unterminated object") }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            try expect(UInt8(ascii: ","))
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        try expect(UInt8(ascii: "["))
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unterminated array") }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            try expect(UInt8(ascii: ","))
        }
    }

    private mutating func parseString() throws -> String {
        try expect(UInt8(ascii: "\""))
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []   // raw UTF-8 bytes since the last escape
        func flush() throws {
            guard let text = String(validating: run, as: UTF8.self) else { throw failure("invalid UTF-8 in string") }
            scalars.append(contentsOf: text.unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                try flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flush()
                scalars.append(try parseEscape())
            case 0x00..<0x20:
                throw failure("unescaped control character in string")
            default:
                run.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func parseEscape() throws -> Unicode.Scalar {
        guard index < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try parseUnicodeEscape()
        default: throw failure("invalid escape")
        }
    }

    private mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
        let high = try parseHex4()
        if (0xD800..<0xDC00).contains(high) {
            try expect(UInt8(ascii: "\\"))
            try expect(UInt8(ascii: "u"))
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw failure("invalid code point") }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw failure("unpaired surrogate") }
        return scalar
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count,
              let text = String(validating: bytes[index..<index + 4], as: UTF8.self),
              text.allSatisfy(\.isHexDigit), let value = UInt32(text, radix: 16)
        else { throw failure("invalid \\u escape") }
        index += 4
        return value
    }

    private mutating func parseNumber() throws -> JSONValue {
        let start = index
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        try skipDigits()
        if bytes[digitsStart] == UInt8(ascii: "0"), index - digitsStart > 1 { throw failure("leading zero in number") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            try skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let value = Int(text) { return .integer(value) }
        guard let value = Double(text) else { throw failure("invalid number") }
        return .number(value)
    }

    private mutating func skipDigits() throws {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        guard index > start else { throw failure("expected a digit") }
    }
}

/// Strict JSON checks for the package's other JSON readers (`Registry.json`, checkpoint
/// manifests), whose Foundation decoder keeps one of two repeated keys without a word.
///
/// ```swift
/// if let key = StrictJSON.duplicateKeyPath(in: data) { print("\(key) appears twice") }
/// ```
public enum StrictJSON {
    /// The path of the first object key that appears twice in the same object (e.g.
    /// `models[0].checkpoints[0].sha256`), or nil if there is none or `data` is not JSON
    /// this parser reads (the caller's decoder then reports the syntax error).
    ///
    /// ```swift
    /// StrictJSON.duplicateKeyPath(in: Data(#"{"a": 1, "a": 2}"#.utf8))   // "a"
    /// ```
    public static func duplicateKeyPath(in data: Data) -> String? {
        guard let value = try? JSONParser.parse(Array(data)) else { return nil }
        return duplicateKeyPath(in: value, path: "")
    }

    private static func duplicateKeyPath(in value: JSONValue, path: String) -> String? {
        switch value {
        case let .object(members):
            var seen = Set<String>()
            for (key, item) in members {
                let itemPath = path.isEmpty ? key : "\(path).\(key)"
                guard seen.insert(key).inserted else { return itemPath }
                if let found = duplicateKeyPath(in: item, path: itemPath) { return found }
            }
        case let .array(items):
            for (index, item) in items.enumerated() {
                if let found = duplicateKeyPath(in: item, path: "\(path)[\(index)]") { return found }
            }
        default:
            break
        }
        return nil
    }
}
