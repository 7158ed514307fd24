import Layers

/// A classical (weight-free) denoiser that the zoo can build from a configuration.
///
/// ```swift
/// let fft = FFTFilter(configuration: FFTFilterConfig())
/// ```
public protocol ClassicalModel: Denoiser {
    /// The filter's configuration, with documented defaults.
    associatedtype Configuration: ModelConfiguration
    /// The zoo id, e.g. `"fft"`.
    static var id: String { get }
    init(configuration: Configuration)
}
