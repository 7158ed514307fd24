import DenoiserKit
import ECG
import Foundation
import Zoo
@testable import DancerCommands

/// Scratch directories, a tiny checkpoint and synthetic recordings for the CLI tests.
enum CLITestSupport {
    /// A fresh empty directory under the system temp dir.
    static func scratchDirectory(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dancercli-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The tiny U-Net configuration of every CLI test (widths 4, 8: fast in debug builds).
    static let tinyConfiguration: JSONValue = {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(#"{"widths":[4,8],"kernelSize":3}"#.utf8))) ?? .null
    }()

    /// Writes a checkpoint of a tiny, randomly initialised `unet` into `directory`; returns its path.
    static func tinyCheckpoint(in directory: URL, seed: UInt64 = 0, inputScaling: InputScaling? = nil) throws -> URL {
        let network = try ModelZoo.shared.makeNetwork("unet", configuration: tinyConfiguration, seed: seed)
        let manifest = CheckpointManifest(modelId: "unet", target: "UNet", config: tinyConfiguration, noise: "emb",
                                          inputScaling: inputScaling)
        let checkpoint = Checkpoint(manifest: manifest, weights: network.layer.safeTensorsFile(), modelCard: "# tiny unet\n")
        let url = directory.appendingPathComponent("unet-tiny.zip")
        try checkpoint.write(to: url)
        return url
    }

    /// The tiny `unet` as a denoiser (loaded through the zoo from a checkpoint).
    static func tinyDenoiser() throws -> any Denoiser {
        let directory = try scratchDirectory()
        return try ModelZoo.shared.load("unet", checkpoint: try tinyCheckpoint(in: directory).path)
    }

    /// A noisy ECG-like signal: beats, baseline wander and deterministic "noise".
    static func signal(seconds: Double, rate: Double = 360, leads: Int = 2) -> Signal {
        let count = Int(seconds * rate)
        let data = (0..<leads).map { l in
            (0..<count).map { i -> Float in
                let t = Double(i) / rate
                let beat = exp(-pow((t.truncatingRemainder(dividingBy: 0.8) - 0.4) * 60, 2))
                let noise = 0.05 * sin(Double(i) * 2.39996 + Double(l)) * cos(Double(i) * 0.7)
                return Float(1.2 * beat + 0.2 * sin(2 * .pi * 0.3 * t + Double(l)) + noise)
            }
        }
        return Signal(leads: data, sampleRate: rate, leadNames: (0..<leads).map { "L\($0)" })
    }

    /// Runs `dancer` in-process and returns its exit code.
    static func dancer(_ arguments: [String]) async -> Int32 {
        await DancerMain.run(arguments)
    }

    /// The largest absolute difference between two signals' samples (∞ when the shapes differ).
    static func maxDifference(_ a: [[Float]], _ b: [[Float]]) -> Float {
        guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count }) else { return .infinity }
        return zip(a, b).map { zip($0, $1).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
    }
}
