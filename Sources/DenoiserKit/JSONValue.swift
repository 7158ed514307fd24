import Foundation

/// Any JSON value, kept as written: model configurations in the registry and in checkpoint
/// manifests are stored this way and decoded by each model's own `Configuration` type.
public enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Encodes a `Codable` value as JSON.
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// This object with `overrides`' keys replaced or added (recursively for nested objects);
    /// any other pair of values gives `overrides`.
    ///
    /// ```swift
    /// let base: JSONValue = .object(["wavelet": .string("sym8"), "levels": .number(9)])
    /// base.merging(.object(["levels": .number(6)]))   // {"wavelet": "sym8", "levels": 6}
    /// ```
    public func merging(_ overrides: JSONValue) -> JSONValue {
        guard case .object(var merged) = self, case .object(let changes) = overrides else { return overrides }
        for (key, value) in changes { merged[key] = merged[key].map { $0.merging(value) } ?? value }
        return .object(merged)
    }

    /// Decodes this JSON as `T`.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self))
    }
}
