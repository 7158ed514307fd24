import Foundation

/// Timing of repeated runs: the median of `repetitions` after `warmup` discarded runs.
public enum Stopwatch {
    /// Seconds since an arbitrary fixed point (monotonic clock).
    public static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// The median wall time in seconds of `body`, after `warmup` runs.
    public static func median(warmup: Int = 2, repetitions: Int = 7, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<max(1, repetitions) {
            let start = now()
            body()
            times.append(now() - start)
        }
        times.sort()
        return times[times.count / 2]
    }
}

/// The machine a benchmark ran on, printed beside its numbers.
public struct MachineDescription: Codable, Sendable {
    public let cpu: String
    public let cores: Int
    public let memoryGiB: Double
    public let os: String

    /// Reads the CPU model from `/proc/cpuinfo` (Linux) and the rest from `ProcessInfo`.
    public static var current: MachineDescription {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        let flags = info.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let isa = flags.contains("avx512f") ? "AVX-512" : (flags.contains("avx2") ? "AVX2" : "SSE")
        let process = ProcessInfo.processInfo
        return MachineDescription(
            cpu: "\(model) (\(isa))", cores: process.activeProcessorCount,
            memoryGiB: Double(process.physicalMemory) / 1_073_741_824,
            os: process.operatingSystemVersionString)
    }

    public var summary: String {
        "\(cpu), \(cores) cores, \(String(format: "%.0f", memoryGiB)) GiB, \(os)"
    }
}
