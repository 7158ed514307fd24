import DenoiserKit
import ECG
import Foundation
@testable import Training

/// The real data, tiny model configurations and scratch directories for the Training tests.
enum TestData {
    /// The repository's root (found from this file's path), for the scripts under test.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Debian's python3, which runs the repository's Python scripts.
    static let python = URL(fileURLWithPath: "/usr/bin/python3")

    /// The real data directory (`DANCER_DATA_DIR`, else `../shared/data` beside the repository), if present.
    static let location: DataLocation? = {
        if let variable = ProcessInfo.processInfo.environment["DANCER_DATA_DIR"], !variable.isEmpty {
            return try? DataLocation(root: URL(fileURLWithPath: variable))
        }
        let parent = repository.resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [parent.appendingPathComponent("shared/data"),
                          URL(fileURLWithPath: "/work/shared/data")]
        return candidates.lazy.compactMap { try? DataLocation(root: $0) }.first
    }()

    /// Whether the real data is present; prints a visible note when it is not.
    static var available: Bool {
        if location == nil {
            print("TrainingTests: MIT-BIH/NSTDB data not found (set DANCER_DATA_DIR); skipping real-data tests")
        }
        return location != nil
    }

    /// The real data or a clear failure (use only in tests enabled by ``available``).
    static func require() throws -> DataLocation {
        guard let location else { throw TrainingError.dataDirectoryNotFound(tried: ["DANCER_DATA_DIR", "../shared/data"]) }
        return location
    }

    /// A two-level U-Net with 4 and 8 channels (a few hundred parameters).
    static let tinyUNet: JSONValue = .object(["widths": .array([.number(4), .number(8)]), "kernelSize": .number(3)])

    /// Options for a tiny, fast run: the tiny U-Net, one training and one validation record.
    static func tinyOptions(steps: Int, seed: UInt64 = 7) -> TrainingOptions {
        var options = TrainingOptions(model: "unet", noise: .emb, seed: seed)
        options.configuration = tinyUNet
        options.steps = steps
        options.batchSize = 8
        options.validateEvery = 2
        options.validationSegments = 16
        options.patience = 0
        options.trainRecords = ["101"]
        options.validationRecords = ["100"]
        return options
    }

    /// A fresh empty directory under the system temporary directory.
    static func scratchDirectory(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("trainingtests-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A denoiser that returns its input: SNR_out equals SNR_in, improvement 0.
final class IdentityDenoiser: Denoiser {
    let card = ModelCard(id: "identity", family: .classical, summary: "returns its input", reference: "test")
    func denoise(segments: [Float], length: Int) throws -> [Float] { segments }
}
