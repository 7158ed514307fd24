import ArgumentParser
import Foundation
import Testing
import Training
@testable import DancerCommands

/// `dancer train`'s flags become the library's options, and bad values name the flag.
@Suite("dancer train flags")
struct TrainCommandTests {
    func parse(_ arguments: [String]) throws -> Train {
        try Train.parse(["--model", "unet", "--noise", "emb", "--data-dir", EvalCommandTests.data.path, "-o", "run.zip"] + arguments)
    }

    @Test("the protocol by default; --similarity-weight and --input-snr change the run")
    func options() throws {
        let defaults = try parse([]).trainingOptions()
        #expect(defaults.similarityWeight == nil && defaults.inputSNR == nil)
        let changed = try parse(["--similarity-weight", "0.5", "--input-snr", "-6,30"]).trainingOptions()
        #expect(changed.similarityWeight == 0.5 && changed.effectiveSimilarityWeight == 0.5 && changed.inputSNR == -6...30)
        #expect(defaults.inputScaling == nil && defaults.effectiveInputScaling == .peak)
        #expect(try parse(["--input-scaling", "std"]).trainingOptions().effectiveInputScaling == .standardDeviation)
    }

    @Test("bad values name the flag", arguments: [
        (["--similarity-weight", "-1"], "--similarity-weight"),
        (["--similarity-weight", "nan"], "--similarity-weight"),
        (["--similarity-weight", "1e6"], "--similarity-weight"),
        (["--input-snr", "6,-6"], "--input-snr"),
        (["--steps", "0"], "--steps"),
        (["--input-scaling", "zscore"], "--input-scaling"),
    ])
    func refusals(arguments: [String], flag: String) throws {
        do {
            _ = try parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let message = Train.message(for: error)
            #expect(message.contains(flag) && !message.contains("Missing value"), "\(message)")
        }
    }
}
