import ArgumentParser
import ECG
import Foundation
import Testing
import Training
@testable import DancerCommands

/// `dancer eval`'s flags become the library's options, and bad values name the flag.
@Suite("dancer eval flags")
struct EvalCommandTests {
    /// A data folder with (empty) `mitdb/` and `nstdb/`, enough for the flags' checks.
    static let data: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("evalflags-\(UUID().uuidString.prefix(8))")
        for folder in ["mitdb", "nstdb"] {
            try? FileManager.default.createDirectory(at: url.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        return url
    }()

    func parse(_ arguments: [String]) throws -> Evaluate {
        try Evaluate.parse(["--model", "fft", "--noise", "emb", "--data-dir", Self.data.path] + arguments)
    }

    @Test("diagnostic flags: training records and training noise; the protocol by default")
    func diagnostics() throws {
        let defaults = try parse([]).evaluationOptions()
        #expect(defaults.testRecords == nil && defaults.noisePortion == .test)
        let diagnostic = try parse(["--records", "train", "--noise-portion", "train"]).evaluationOptions()
        #expect(diagnostic.testRecords == RecordSplit.trainRecords && diagnostic.noisePortion == .trainValidation)
        #expect(try parse(["--records", "101, 106"]).evaluationOptions().testRecords == ["101", "106"])
    }

    @Test("--config becomes the settings that override a classical filter's registered ones")
    func settings() throws {
        #expect(try parse([]).evaluationOptions().settings == nil)
        let options = try parse(["--config", #"{"lowCutoff": 0.67, "highCutoff": 30}"#]).evaluationOptions()
        #expect(options.settings == .object(["lowCutoff": .number(0.67), "highCutoff": .number(30)]))
    }

    @Test("bad values name the flag", arguments: [
        (["--config", "{lowCutoff: 1}"], "--config"),
        (["--config", "[0.67]"], "--config"),
        (["--records", "999"], "--records"),
        (["--records", ""], "--records"),
        (["--noise-portion", "validation"], "--noise-portion"),
        (["--runs", "0"], "--runs"),
    ])
    func refusals(arguments: [String], flag: String) throws {
        do {
            _ = try parse(arguments).evaluationOptions()
            Issue.record("\(arguments) was accepted")
        } catch {
            let message = Evaluate.message(for: error)
            #expect(message.contains(flag), "\(message)")
        }
    }
}
