/// A model's configuration: JSON-codable, comparable, and with `init()` giving the
/// specification's defaults, so a model can be built without one.
///
/// ```swift
/// struct TinyConfig: ModelConfiguration { var channels = 8 }
/// ```
public protocol ModelConfiguration: Codable, Equatable, Sendable {
    /// The specification's defaults.
    init()
}
