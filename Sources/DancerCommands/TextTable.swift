import Foundation

/// A plain-text table with aligned columns, for terminal output.
final class TextTable {
    private let headers: [String]
    private var rows: [[String]] = []

    init(headers: [String]) { self.headers = headers }

    func add(_ row: [String]) { rows.append(row) }

    /// The table; the last column is cut to `maxLastColumn` characters.
    func render(maxLastColumn: Int = .max) -> String {
        let all = ([headers] + rows).map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 && cell.count > maxLastColumn ? String(cell.prefix(maxLastColumn - 1)) + "…" : cell
            }
        }
        let widths = headers.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        let lines = all.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([lines[0], rule] + lines.dropFirst()).joined(separator: "\n")
    }
}

/// Pretty, key-sorted JSON for `--json` output.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
