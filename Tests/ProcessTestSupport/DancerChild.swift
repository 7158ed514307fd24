import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `dancer` child process; stdout and stderr are pipes (never `FileHandle.nullDevice`)
/// drained by their own threads, so a chatty child never blocks on a full pipe.
public final class DancerChild: @unchecked Sendable {
    public let process = Process()
    private let lock = NSLock()
    private var output = Data(), errors = Data()
    private let drained = DispatchGroup()

    /// Starts `binary` with `arguments`, in `environment` when given (else the test's own).
    public init(_ binary: URL, _ arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        drain(out.fileHandleForReading, isOutput: true)
        drain(err.fileHandleForReading, isOutput: false)
    }

    private func drain(_ handle: FileHandle, isOutput: Bool) {
        drained.enter()
        Thread.detachNewThread { [self] in
            let data = handle.readDataToEndOfFile()
            lock.lock()
            if isOutput { output = data } else { errors = data }
            lock.unlock()
            drained.leave()
        }
    }

    public var isRunning: Bool { process.isRunning }

    /// SIGKILL: no handler, no cleanup, no flushing — the harshest interruption there is.
    public func sigkill() {
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
    }

    public struct Outcome {
        public let status: Int32
        /// Ended by a signal (our SIGKILL) rather than by exiting.
        public let killed: Bool
        public let stdout: String
        public let stderr: String
    }

    public func wait() -> Outcome {
        process.waitUntilExit()
        _ = drained.wait(timeout: .now() + 30)
        lock.lock()
        defer { lock.unlock() }
        return Outcome(status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
                       stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: errors, as: UTF8.self))
    }

    /// Runs to the end (waiting on a thread of its own).
    public static func run(_ binary: URL, _ arguments: [String]) async throws -> (Outcome, seconds: Double) {
        try await onOwnThread {
            let start = Date()
            let outcome = try DancerChild(binary, arguments).wait()
            return (outcome, Date().timeIntervalSince(start))
        }
    }
}

/// Runs `body` on a thread of its own and returns its result. Kill timing (sleeps, polls) and
/// waits for children happen there, not on the test pool's few threads, where a sleeping
/// task can wake seconds late while other tests keep the threads busy.
public func onOwnThread<T>(_ body: @escaping () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// Seeded kill points (SplitMix64), so a failure can be replayed.
public struct KillPoints: RandomNumberGenerator {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
