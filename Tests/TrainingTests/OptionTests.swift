import DenoiserKit
import ECG
import Foundation
import Testing
@testable import Training

@Suite("Bad inputs")
struct OptionTests {
    @Test("unknown noise type names the choices")
    func unknownNoise() throws {
        #expect(throws: TrainingError.invalidOption(name: "--noise", reason: "unknown noise type 'pink' (choose one of emb, bw, ma, em)")) {
            try OptionParsing.noiseType("pink")
        }
        #expect(try OptionParsing.noiseType("EMB") == .emb)
    }

    @Test("input-SNR ranges: two ascending values within −60…60 dB")
    func inputSNRRanges() throws {
        #expect(try OptionParsing.snrRange("-6,30", option: "--input-snr") == -6...30)
        #expect(try OptionParsing.snrRange("−6, 6", option: "--input-snr") == -6...6)
        for bad in ["6,-6", "5", "1,2,3", "a,b", "-6,90", "3,3", ""] {
            let error = #expect(throws: TrainingError.self, "\(bad)") { try OptionParsing.snrRange(bad, option: "--input-snr") }
            #expect(error?.description.contains("--input-snr") == true)
        }
        var options = TrainingOptions(model: "unet", noise: .emb, seed: 1)
        options.inputSNR = -6...Double.infinity
        #expect(throws: TrainingError.self) { try options.validate() }
    }

    @Test("the loss weight: a number from 0 to 1000, the protocol's 0.1 when unset; anything else names --similarity-weight")
    func similarityWeights() throws {
        var options = TrainingOptions(model: "unet", noise: .emb, seed: 1)
        #expect(options.effectiveSimilarityWeight == DenoisingLoss.similarityWeight)
        for good in [0, 0.5, 1_000.0] {
            options.similarityWeight = good
            try options.validate()
            #expect(options.effectiveSimilarityWeight == Float(good))
        }
        for bad in [-0.1, .nan, .infinity, 1_001] {
            options.similarityWeight = bad
            let error = #expect(throws: TrainingError.self, "\(bad)") { try options.validate() }
            #expect(error?.description.contains("--similarity-weight") == true)
        }
    }

    @Test("resumption: --similarity-weight 0.1 is the same setting as none; 0 is a difference named similarityWeight")
    func similarityWeightDifferences() throws {
        let unset = TrainingOptions(model: "unet", noise: .emb, seed: 1)
        var protocolWeight = unset, mseOnly = unset
        protocolWeight.similarityWeight = Double(DenoisingLoss.similarityWeight)
        mseOnly.similarityWeight = 0
        #expect(protocolWeight.differences(from: unset).isEmpty && unset.differences(from: protocolWeight).isEmpty)
        #expect(mseOnly.differences(from: protocolWeight) == ["similarityWeight: saved unset, now 0"])
        #expect(protocolWeight.differences(from: mseOnly) == ["similarityWeight: saved 0, now unset"])
    }

    @Test("resumption: --input-scaling peak is the same setting as none; std is a difference named inputScaling")
    func inputScalingDifferences() throws {
        let unset = TrainingOptions(model: "unet", noise: .emb, seed: 1)
        var peak = unset, standardised = unset
        peak.inputScaling = .peak
        standardised.inputScaling = .standardDeviation
        #expect(peak.differences(from: unset).isEmpty && unset.differences(from: peak).isEmpty)
        #expect(standardised.differences(from: peak) == [#"inputScaling: saved unset, now "std""#])
        #expect(unset.differences(from: standardised) == [#"inputScaling: saved "std", now unset"#])
    }

    @Test("noise portions: test or train, anything else names the flag and the choices")
    func noisePortions() throws {
        #expect(try OptionParsing.noisePortion("test") == .test)
        #expect(try OptionParsing.noisePortion("Train") == .trainValidation)
        let error = #expect(throws: TrainingError.self) { try OptionParsing.noisePortion("validation") }
        #expect(error?.description.contains("--noise-portion") == true && error?.description.contains("test or train") == true)
    }

    @Test("SNR lists: numbers, unique, finite; true minus signs accepted")
    func snrLists() throws {
        #expect(try OptionParsing.snrLevels("-4,-2,0,2,4") == [-4, -2, 0, 2, 4])
        #expect(try OptionParsing.snrLevels("−4, 2.5") == [-4, 2.5])
        for bad in ["", "-4,,0", "a,b", "0,0", "nan", "1e9", "4;2"] {
            #expect(throws: TrainingError.self, "\(bad)") { try OptionParsing.snrLevels(bad) }
        }
    }

    @Test("runs, steps and batch size must be positive")
    func counts() throws {
        var evaluation = EvaluationOptions(model: "fft", noise: .bw)
        evaluation.runs = 0
        #expect(throws: TrainingError.invalidOption(name: "--runs", reason: "must be at least 1, got 0")) { try evaluation.validate() }
        var training = TrainingOptions(model: "unet", noise: .ma, seed: 1)
        training.steps = 0
        #expect(throws: TrainingError.self) { try training.validate() }
        training.steps = 10
        training.batchSize = -1
        #expect(throws: TrainingError.self) { try training.validate() }
        training.batchSize = 8
        training.learningRate = .nan
        #expect(throws: TrainingError.self) { try training.validate() }
    }

    @Test("training on a test record is refused")
    func testRecordsNeverTrained() throws {
        var options = TrainingOptions(model: "unet", noise: .bw, seed: 1)
        options.trainRecords = try OptionParsing.records("101,118", option: "--train-records")
        #expect(throws: TrainingError.invalidOption(name: "--train-records", reason: "test records 118 must never be trained on")) {
            try options.validate()
        }
        #expect(throws: TrainingError.self) { try OptionParsing.records("101,999", option: "--train-records") }
    }

    @Test("a missing data directory is a clear error naming what was tried")
    func missingDataDirectory() throws {
        let nowhere = "/nonexistent/dancer-data-\(UUID().uuidString)"
        #expect(throws: TrainingError.dataFileMissing(path: nowhere + "/mitdb")) { try DataLocation.resolve(flag: nowhere) }
        #expect(throws: TrainingError.dataFileMissing(path: nowhere + "/mitdb")) {
            try DataLocation.resolve(flag: nil, environment: ["DANCER_DATA_DIR": nowhere])
        }
        let error = #expect(throws: TrainingError.self) {
            try DataLocation.resolve(flag: nil, environment: [:], currentDirectory: nowhere, repositoryRoot: nil)
        }
        #expect(error?.description.contains("--data-dir") == true)
    }

    @Test("model configurations: inline JSON object or a readable file")
    func configurations() throws {
        #expect(try OptionParsing.configuration(#"{"widths": [4, 8]}"#) == .object(["widths": .array([.number(4), .number(8)])]))
        #expect(throws: TrainingError.self) { try OptionParsing.configuration("[1, 2]") }
        #expect(throws: TrainingError.self) { try OptionParsing.configuration("/nonexistent/config.json") }
    }
}
