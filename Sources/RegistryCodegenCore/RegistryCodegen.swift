import Foundation

/// Turns `Registry.json` into the zoo's registration code: one factory per model id.
/// A pure function of its inputs, so it is tested against a golden file; the build-tool
/// plugin runs it through the `registry-codegen` executable.
public enum RegistryCodegen {
    /// Why the registry cannot be turned into code. Each case names the entry.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case invalidJSON(String)
        case missingField(entry: String, field: String)
        case duplicateID(String)
        case unknownTarget(id: String, target: String, known: [String])
        case missingChecksum(id: String, checkpoint: String)
        case unknownFamily(id: String, family: String)

        public var description: String {
            switch self {
            case .invalidJSON(let reason): return "Registry.json: \(reason)"
            case .missingField(let entry, let field): return "Registry.json: entry \(entry) has no '\(field)'"
            case .duplicateID(let id): return "Registry.json: model id '\(id)' is registered twice"
            case .unknownTarget(let id, let target, let known):
                return "Registry.json: '\(id)' names target '\(target)', which the Zoo target does not depend on (add it to Package.swift; known: \(known.joined(separator: ", ")))"
            case .missingChecksum(let id, let checkpoint):
                return "Registry.json: checkpoint '\(checkpoint)' of '\(id)' has no sha256"
            case .unknownFamily(let id, let family):
                return "Registry.json: '\(id)' has family '\(family)'; expected dance, unet, baseline-neural or classical"
            }
        }
    }

    /// One registered model, as far as code generation needs it.
    struct Model {
        var id: String, target: String, type: String, isClassical: Bool
    }

    /// The Swift source registering every model of `registryJSON`, whose targets must be
    /// among `knownTargets` (the Zoo target's dependencies).
    public static func generate(registryJSON: Data, knownTargets: Set<String>) throws -> String {
        let models = try parse(registryJSON, knownTargets: knownTargets)
        let imports = Set(models.map(\.target)).sorted().map { "import \($0)" }.joined(separator: "\n")
        let entries = models.map { model in
            "    \"\(model.id)\": .\(model.isClassical ? "classical" : "neural")(\(model.type).self),"
        }.joined(separator: "\n")
        let json = String(decoding: registryJSON, as: UTF8.self)
        return """
        // GENERATED from Registry.json by registry-codegen — do not edit.
        // To add a model: a target, a Registry.json entry, its name in Package.swift's zoo list.
        import DenoiserKit
        \(imports)

        /// One factory per registered model id.
        let generatedFactories: [String: ModelFactory] = [
        \(entries)
        ]

        /// `Registry.json` as it was when this file was generated.
        let generatedRegistryJSON = #\"\"\"
        \(json.trimmingCharacters(in: .newlines))
        \"\"\"#

        """
    }

    static func parse(_ data: Data, knownTargets: Set<String>) throws -> [Model] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure.invalidJSON("not a JSON object")
        }
        guard let entries = root["models"] as? [[String: Any]] else { throw Failure.invalidJSON("no 'models' array") }
        var seen: Set<String> = []
        return try entries.enumerated().map { index, entry in
            func field(_ name: String) throws -> String {
                guard let value = entry[name] as? String, !value.isEmpty else {
                    throw Failure.missingField(entry: (entry["id"] as? String) ?? "#\(index)", field: name)
                }
                return value
            }
            let id = try field("id"), target = try field("target"), type = try field("type"), family = try field("family")
            guard seen.insert(id).inserted else { throw Failure.duplicateID(id) }
            guard knownTargets.contains(target) else {
                throw Failure.unknownTarget(id: id, target: target, known: knownTargets.sorted())
            }
            guard ["dance", "unet", "baseline-neural", "classical"].contains(family) else {
                throw Failure.unknownFamily(id: id, family: family)
            }
            for checkpoint in entry["checkpoints"] as? [[String: Any]] ?? [] {
                let name = checkpoint["name"] as? String ?? "?"
                guard let sha = checkpoint["sha256"] as? String, !sha.isEmpty else {
                    throw Failure.missingChecksum(id: id, checkpoint: name)
                }
            }
            return Model(id: id, target: target, type: type, isClassical: family == "classical")
        }
    }
}
