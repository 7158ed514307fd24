import ArgumentParser
import Foundation

/// The `dancer` executable's entry point: parses, runs, and turns every failure into one
/// `error: …` line on stderr and an exit code (1 for failures, ArgumentParser's codes for flags).
///
/// ```swift
/// exit(await DancerMain.run(Array(CommandLine.arguments.dropFirst())))
/// ```
public enum DancerMain {
    /// Runs the command line `arguments` (without the program name); returns the exit code.
    public static func run(_ arguments: [String]) async -> Int32 {
        let command: ParsableCommand
        do {
            command = try Dancer.parseAsRoot(arguments)
        } catch {
            return reportArgumentError(error)
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
            return 0
        } catch where isArgumentParserError(error) {
            // Help, ExitCode, ValidationError thrown by a command: ArgumentParser's handling.
            return reportArgumentError(error)
        } catch {
            StandardError.print("error: \(message(for: error))")
            return 1
        }
    }

    /// The one-line message for a failure: its description (every module's error type says
    /// which file or flag is wrong).
    static func message(for error: Error) -> String {
        String(describing: error)
    }

    /// Whether `error` is ArgumentParser's own (help requests, exit codes, validation).
    static func isArgumentParserError(_ error: Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    private static func reportArgumentError(_ error: Error) -> Int32 {
        let code = Dancer.exitCode(for: error)
        let text = Dancer.fullMessage(for: error)
        if code == .success {
            print(text)
        } else if !text.isEmpty {
            StandardError.print(text)
        }
        return code.rawValue
    }
}

/// Writing to standard error.
enum StandardError {
    static func print(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }

    /// Whether stderr is a terminal (progress bars redraw in place only then).
    static var isTerminal: Bool { isatty(FileHandle.standardError.fileDescriptor) == 1 }
}

/// A failure of a command that is not any module's error: one actionable line.
struct CommandError: Error, CustomStringConvertible, Equatable {
    let description: String
    init(_ description: String) { self.description = description }
}
