import ArgumentParser
import DenoiserKit
import Foundation
import Zoo

extension Dancer {
    /// `dancer info MODEL`: what a model is, its default configuration and its checkpoints.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a model's card, default configuration and checkpoints (with metrics and model card).")

        @Argument(help: "Model id (see `dancer list`).")
        var model: String

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let report = try ModelReport(model: model, zoo: ModelZoo.shared)
            if json {
                print(try JSONText.encode(report))
                return
            }
            print(report.text())
        }
    }
}

/// Everything `dancer info` shows about one model.
struct ModelReport: Codable {
    struct CheckpointInfo: Codable {
        var name: String, file: String, sha256: String, size: Int
        var metrics: [String: Double]?
        /// The archive's MODEL_CARD.md, when the archive is present.
        var modelCard: String?
    }

    var card: ModelCard
    var kind: String
    var defaultConfiguration: JSONValue?
    var checkpoints: [CheckpointInfo]

    init(model: String, zoo: ModelZoo) throws {
        let entry = try zoo.entry(model)
        card = try zoo.card(model)
        kind = try zoo.factory(model).kind == .neural ? "neural" : "classical"
        defaultConfiguration = try entry.config ?? zoo.factory(model).defaultConfiguration()
        let root = try? zoo.resolveRepositoryRoot()
        checkpoints = entry.checkpoints.map { c in
            let card = root.flatMap { try? Checkpoint.read(from: $0.appendingPathComponent(c.file)).modelCard }
            return CheckpointInfo(name: c.name, file: c.file, sha256: c.sha256, size: c.size, metrics: c.metrics,
                                  modelCard: card.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    func text() -> String {
        var lines = [
            "\(card.id) — \(card.summary)",
            "family: \(card.family.rawValue) (\(kind)); reference: \(card.reference)",
            "works at \(Int(card.sampleRate)) Hz on \(card.segmentLength)-sample segments; parameters: \(card.parameterCount.formatted())",
        ]
        if let defaultConfiguration, let config = try? JSONText.encode(defaultConfiguration) {
            lines.append("default configuration: " + config.replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "  ", with: ""))
        }
        guard !checkpoints.isEmpty else {
            lines.append(kind == "classical"
                ? "checkpoints: none (a classical filter learns nothing; `dancer eval --config` tries other settings)"
                : "checkpoints: none registered (train one with `dancer train`, or import PyTorch weights with `dancer import`)")
            return lines.joined(separator: "\n")
        }
        let table = TextTable(headers: ["checkpoint", "file", "size", "metrics"])
        for c in checkpoints {
            let metrics = (c.metrics ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\(String(format: "%.4g", $0.value))" }
            table.add([c.name, c.file, c.size.formatted(), metrics.isEmpty ? "—" : metrics.joined(separator: " ")])
        }
        lines += ["", table.render()]
        for c in checkpoints {
            if let text = c.modelCard { lines += ["", "── MODEL_CARD.md of \(c.name) ──", text] }
        }
        return lines.joined(separator: "\n")
    }
}
