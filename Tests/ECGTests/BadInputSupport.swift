import Foundation
import Testing
@testable import ECG
#if canImport(Glibc)
import Glibc
#endif

// Shared pieces of the bad-input suites (BadInput*Tests.swift): hostile files written to
// scratch directories, and one check for "a typed error whose message names file and problem".

extension ECGError {
    /// The case name without its values ("malformedHeader", "truncatedData", …).
    var caseName: String { Mirror(reflecting: self).children.first?.label ?? "\(self)" }
}

/// Expects `body` to throw an `ECGError` of case `caseName` whose description contains every
/// string of `fragments` (the file's path and words naming the problem). Returns the error.
@discardableResult
func expectECGError(_ caseName: String, mentioning fragments: [String],
                    sourceLocation: SourceLocation = #_sourceLocation,
                    _ body: () throws -> Void) -> ECGError? {
    let error = #expect(throws: ECGError.self, sourceLocation: sourceLocation) { try body() }
    guard let error else { return nil }
    #expect(error.caseName == caseName, "\(error)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(error.description.contains(fragment), "'\(fragment)' missing from: \(error)", sourceLocation: sourceLocation)
    }
    #expect(error.description.utf8.count < 600, "message too long: \(error.description.utf8.count) bytes", sourceLocation: sourceLocation)
    return error
}

/// Scratch files for hostile inputs.
enum HostileFiles {
    /// Writes `bytes` to `name` in a fresh scratch directory and returns its URL.
    static func write(_ bytes: [UInt8], named name: String, test: String = #function) throws -> URL {
        try write(Data(bytes), named: name, in: TestData.scratchDirectory(test))
    }

    /// Writes `data` to `name` in `directory` and returns its URL.
    @discardableResult
    static func write(_ data: Data, named name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// A FIFO at `name` in `directory`: reading it would block forever if a reader opened it.
    static func fifo(named name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        #expect(mkfifo(url.path, 0o600) == 0, "mkfifo \(url.path)")
        return url
    }
}

/// Text as bytes, so a table row can splice non-UTF-8 bytes into it.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Runs `body`, which may succeed or throw an `ECGError`, and records an issue for any other
/// error (crashes and hangs fail the run by themselves). For fuzzing: "no outcome but these".
func expectSuccessOrECGError(_ label: @autoclosure () -> String,
                             sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do { try body() } catch is ECGError {} catch {
        Issue.record("\(label()): threw \(type(of: error)) \(error), not an ECGError", sourceLocation: sourceLocation)
    }
}
