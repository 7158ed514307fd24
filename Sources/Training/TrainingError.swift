import Foundation

/// Every failure of training, evaluation and reporting, with a message that says what to fix.
///
/// ```swift
/// do { try trainer.run() } catch let error as TrainingError { print(error) }
/// ```
public enum TrainingError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A flag or option has a value that cannot be used.
    case invalidOption(name: String, reason: String)
    /// No data directory was given and none was found.
    case dataDirectoryNotFound(tried: [String])
    /// The data directory lacks a file the run needs.
    case dataFileMissing(path: String)
    /// A data file disagrees with another one it must match.
    case inconsistentData(path: String, reason: String)
    /// A training state file exists but was not asked to be resumed.
    case stateExists(path: String)
    /// A training state cannot be resumed with these options.
    case stateMismatch(path: String, differences: [String])
    /// A training state file is unreadable.
    case corruptState(path: String, reason: String)
    /// The loss became NaN or infinite.
    case diverged(step: Int, loss: Float)
    /// A weight, buffer or the validation loss became NaN or infinite (`what` names it).
    case nonFinite(step: Int, what: String)
    /// An evaluation report cannot be read or combined.
    case invalidReport(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidOption(let name, let reason):
            return "\(name): \(reason)"
        case .dataDirectoryNotFound(let tried):
            return "no ECG data directory found (tried: \(tried.joined(separator: ", "))); pass --data-dir DIR or set DANCER_DATA_DIR to the folder holding mitdb/ and nstdb/"
        case .dataFileMissing(let path):
            return "\(path) is missing: the data directory must hold mitdb/ and nstdb/ as described in its SOURCES.md"
        case .inconsistentData(let path, let reason):
            return "\(path): \(reason)"
        case .stateExists(let path):
            return "a training state already exists at \(path): pass --resume to continue it, or delete it to start over"
        case .stateMismatch(let path, let differences):
            return "\(path) was written by a run with other settings (\(differences.joined(separator: "; "))); resume with the same flags or delete the state"
        case .corruptState(let path, let reason):
            return "training state \(path) is unusable: \(reason); delete it to start over"
        case .diverged(let step, let loss):
            return "training diverged at step \(step) (loss \(loss)); nothing from this step on was saved (the last saved state and checkpoint are kept); try a lower --learning-rate"
        case .nonFinite(let step, let what):
            return "training diverged at step \(step): \(what) is NaN or infinite; nothing from this step on was saved (the last saved state and checkpoint are kept); try a lower --learning-rate or --clip-norm"
        case .invalidReport(let path, let reason):
            return "\(path): \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
