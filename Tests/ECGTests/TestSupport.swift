import Foundation
@testable import ECG

/// Locating the real data and the fixtures, and scratch directories for tests.
enum TestData {
    /// The real data directory: `DANCER_DATA_DIR`, else `../shared/data` next to the repo root.
    static let directory: URL? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["DANCER_DATA_DIR"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            return fm.fileExists(atPath: url.appendingPathComponent("mitdb/100.hea").path) ? url : nil
        }
        let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let url = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data").standardizedFileURL
        return fm.fileExists(atPath: url.appendingPathComponent("mitdb/100.hea").path) ? url : nil
    }()

    /// Whether the real data is present (tests that need it are skipped otherwise).
    static var available: Bool {
        if directory == nil { print("ECGTests: real MIT-BIH/NSTDB data not found (set DANCER_DATA_DIR); skipping real-data tests") }
        return directory != nil
    }

    static var mitdb: URL { (directory ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent("mitdb") }
    static var nstdb: URL { (directory ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent("nstdb") }

    /// Test records 103 and 105, decoded once for all tests.
    static let smallTestCorpus: CleanCorpus? = try? CleanCorpus(dataDirectory: mitdb, records: ["103", "105"])
    /// The three NSTDB noise records, decoded once.
    static let noiseBank: NoiseBank? = try? NoiseBank(dataDirectory: nstdb)

    /// A file or directory in the bundled Fixtures.
    static func fixture(_ relativePath: String) -> URL? {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures").appendingPathComponent(relativePath)
    }

    /// A fresh empty directory under the system temp dir.
    static func scratchDirectory(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecgtests-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A small synthetic ECG-like lead (sum of sines plus a spike train) for tests without real data.
func syntheticLead(count: Int, rate: Double = 360, seed: Double = 0) -> [Float] {
    (0..<count).map { i in
        let t = Double(i) / rate
        let beat = exp(-pow((t.truncatingRemainder(dividingBy: 0.8) - 0.4) * 60, 2))
        return Float(0.1 * sin(2 * .pi * 1.3 * t + seed) + 0.05 * sin(2 * .pi * 7 * t) + 1.2 * beat)
    }
}
