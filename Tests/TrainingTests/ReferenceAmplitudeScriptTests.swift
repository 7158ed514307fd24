import Foundation
import ProcessTestSupport
import Testing

/// `scripts/reference/reference_amplitude.py` (docs/protocol.md, finding 6): on the real data and
/// the shipped evaluations, the amplitude our rows imply is the amplitude our test segments have,
/// and min-max scaling, which comes close to the seed's amplitude, is ruled out by its rows;
/// and every missing input is refused with its path.
@Suite("reference_amplitude.py")
struct ReferenceAmplitudeScriptTests {
    static let python = TestData.python
    static let script = TestData.repository.appendingPathComponent("scripts/reference/reference_amplitude.py")
    static let protocolFile = TestData.repository.deletingLastPathComponent().appendingPathComponent("shared/docs/PROTOCOL.md")

    /// Whether python3 is here; prints why the suite's tests are skipped when not.
    static var pythonAvailable: Bool {
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            print("python3 not available: reference_amplitude.py tests skipped"); return false
        }
        return true
    }

    func run(_ arguments: [String]) throws -> DancerChild.Outcome {
        try DancerChild(Self.python, [Self.script.path] + arguments).wait()
    }

    /// The rows of the Markdown table printed under `title`: name → values.
    func table(_ title: String, in output: String) -> [String: [Double]] {
        let lines = output.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix(title) }) else { return [:] }
        var rows: [String: [Double]] = [:]
        for line in lines[(start + 1)...] {
            if line.hasPrefix("Implied") || line.hasPrefix("Measured") { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let values = cells.dropFirst().compactMap(Double.init)
            if let name = cells.first, !values.isEmpty, values.count == cells.count - 1 { rows[name] = values }
        }
        return rows
    }

    @Test("our rows imply the measured amplitude of our centred test segments; the seed's other rows imply 0.47-0.48 mV")
    func impliedAmplitudes() throws {
        guard Self.pythonAvailable, TestData.available, let data = TestData.location else { return }
        guard FileManager.default.fileExists(atPath: Self.protocolFile.path) else {
            print("\(Self.protocolFile.path) not found: reference_amplitude.py data test skipped"); return
        }
        let outcome = try run(["--protocol", Self.protocolFile.path, "--mitdb", data.mitdb.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let seed = table("Implied reference amplitude, mV (RMSE", in: outcome.stdout)
        let pooled = table("Implied reference amplitude, mV, ours, emb, both leads", in: outcome.stdout)
        let mlii = table("Implied reference amplitude, mV, ours, emb, MLII", in: outcome.stdout)
        let measured = table("Measured mean RMS", in: outcome.stdout)
        #expect(Set(seed.keys) == ["FFT", "DWT", "U-Net", "DACNN", "ACDAE", "DANCER"])
        #expect(Set(pooled.keys).isSuperset(of: ["fft", "dwt", "unet", "dancer"]) && mlii.count == pooled.count)
        let centredPooled = try #require(measured["both leads"]?.first)
        let centredMLII = try #require(measured["MLII"]?.first)
        #expect(abs(centredPooled - 0.313) < 0.002 && abs(centredMLII - 0.372) < 0.002, "\(measured)")
        for (name, values) in pooled {
            #expect(values.count == 5 && values.allSatisfy { abs($0 / centredPooled - 1) < 0.06 }, "\(name): \(values)")
        }
        for (name, values) in mlii {
            #expect(values.allSatisfy { abs($0 / centredMLII - 1) < 0.1 }, "\(name) on MLII: \(values)")
        }
        for (name, values) in seed where name != "DANCER" {
            #expect(values.allSatisfy { (0.47...0.483).contains($0) }, "seed \(name): \(values)")
        }
        #expect(seed["DANCER"]?.allSatisfy { $0 > 0.5 } == true)
        // Per-segment min-max scaling to [0, 1] comes near the seed's amplitude, but a segment's
        // mean then holds so much of its power that returning it would beat the seed's U-Net.
        let minMax = try #require(measured["both leads"].flatMap { $0.count == 4 ? $0 : nil }, "\(measured)")
        #expect(abs(minMax[2] - 0.456) < 0.002 && abs(minMax[3] - 8.95) < 0.02, "\(minMax)")
        let seedUNet = try #require(seed["U-Net"])
        #expect(seedUNet[0..<3].allSatisfy { $0 < minMax[3] }, "\(seedUNet)")
    }

    @Test("a missing PROTOCOL.md, one without the seed table, an empty evals folder, a missing record and evaluations of different test records are each named")
    func refusals() throws {
        guard Self.pythonAvailable else { return }
        let root = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let noTable = root.appendingPathComponent("PROTOCOL.md")
        try Data("# Protocol\n\nno numbers here\n".utf8).write(to: noTable)
        let cases: [([String], String)] = [
            (["--protocol", root.appendingPathComponent("absent.md").path], "absent.md: missing (give the shared PROTOCOL.md with --protocol)"),
            (["--protocol", noTable.path], "PROTOCOL.md: found no seed table"),
        ]
        for (arguments, message) in cases {
            let outcome = try run(arguments)
            #expect(outcome.status != 0 && outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        }
        guard FileManager.default.fileExists(atPath: Self.protocolFile.path) else {
            print("\(Self.protocolFile.path) not found: the evals and mitdb refusals are not checked"); return
        }
        let empty = try run(["--protocol", Self.protocolFile.path, "--evals", root.path])
        #expect(empty.status != 0 && empty.stderr.contains("\(root.path): no *-emb.json evaluation files"), "\(empty.stderr)")
        let noRecords = try run(["--protocol", Self.protocolFile.path, "--mitdb", root.path])
        #expect(noRecords.status != 0 && noRecords.stderr.contains("\(root.path)/103.hea: missing"), "\(noRecords.stderr)")
        let evals = root.appendingPathComponent("evals")
        try FileManager.default.createDirectory(at: evals, withIntermediateDirectories: true)
        for (model, records) in [("a", #"["103"]"#), ("b", #"["103", "105"]"#)] {
            try Data(#"{"model": "\#(model)", "testRecords": \#(records), "levels": []}"#.utf8)
                .write(to: evals.appendingPathComponent("\(model)-emb.json"))
        }
        let mixed = try run(["--protocol", Self.protocolFile.path, "--evals", evals.path])
        #expect(mixed.status != 0 && mixed.stderr.contains("b-emb.json: test records ['103', '105'] differ"), "\(mixed.stderr)")
    }
}
