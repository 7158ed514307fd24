/// Gives a layer member the PyTorch `state_dict` key that is not its Swift name.
///
/// ```swift
/// @StateKey("running_mean") var runningMean: Buffer
/// ```
@propertyWrapper
public struct StateKey<Value> {
    /// The member.
    public var wrappedValue: Value
    /// The key used in state dicts.
    public let key: String

    /// Wraps `wrappedValue` under `key`.
    public init(wrappedValue: Value, _ key: String) {
        self.wrappedValue = wrappedValue
        self.key = key
    }
}

/// Type-erased access to a ``StateKey`` during reflection.
protocol StateKeyed {
    var key: String { get }
    var keyedValue: Any { get }
}

extension StateKey: StateKeyed {
    var keyedValue: Any { wrappedValue }
}
