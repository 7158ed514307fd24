import DenoiserKit
import Foundation
import Testing

/// A registry with one model `a` whose single checkpoint has the given fields (JSON literals).
private func registry(name: String = #""emb""#, file: String = #""Models/a/a-emb.zip""#,
                      sha256: String = "\"\(String(repeating: "0", count: 64))\"", size: String = "1",
                      id: String = #""a""#) -> String {
    #"{"formatVersion": 1, "protocolVersion": "p", "models": [{"id": \#(id), "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": [{"name": \#(name), "file": \#(file), "sha256": \#(sha256), "size": \#(size)}]}]}"#
}

private let modelJSON = #"{"id": "a", "target": "T", "type": "T", "family": "dance", "summary": "", "reference": "", "checkpoints": []}"#

@Suite("Bad input: Registry.json")
struct BadInputRegistryTests {
    @Test func aValidRegistryParses() throws {
        let parsed = try Registry(data: Data(registry().utf8), source: "test.json")
        #expect(parsed.models.first?.checkpoints.first?.file == "Models/a/a-emb.zip")
    }

    @Test(arguments: [
        // Not JSON, or not the right JSON.
        ("", "not valid JSON"),
        ("hello", "not valid JSON"),
        ("{", "not valid JSON"),
        ("[]", "at top level"),
        ("null", "at top level"),
        (#"{"formatVersion": "1", "protocolVersion": "p", "models": []}"#, "at formatVersion"),
        (#"{"formatVersion": 1, "protocolVersion": "p", "models": {}}"#, "at models"),
        (#"{"formatVersion": 1, "protocolVersion": "p", "models": [3]}"#, "at models.[0]"),
        ("{\"formatVersion\": 1, \"protocolVersion\": \"p\", \"models\": [\(modelJSON.replacingOccurrences(of: #""checkpoints": []"#, with: #""checkpoints": "x""#))]}", "at models.[0].checkpoints"),
        (registry(size: #""12""#), "at models.[0].checkpoints.[0].size"),
        (registry(size: "1.5"), "a number does not fit its field"),
        (registry(size: "1e30"), "a number does not fit its field"),
        (registry(sha256: "7"), "at models.[0].checkpoints.[0].sha256"),
        (registry(file: "null"), "at models.[0].checkpoints.[0].file"),
        // Ids and names.
        ("{\"formatVersion\": 1, \"protocolVersion\": \"p\", \"models\": [\(modelJSON), \(modelJSON)]}", "model id 'a' is registered twice"),
        (registry(id: #""a\n""#), "must be lowercase letters, digits and dashes"),
        (registry(id: #""""#), "must be lowercase letters, digits and dashes"),
        (registry(id: #""a/../b""#), "must be lowercase letters, digits and dashes"),
        (registry(id: #""1a""#), "must be lowercase letters, digits and dashes"),
        // sha256.
        (registry(sha256: "\"\(String(repeating: "A", count: 64))\""), "sha256 must be 64 lowercase hex digits"),
        (registry(sha256: "\"\(String(repeating: "0", count: 63))\""), "sha256 must be 64 lowercase hex digits"),
        (registry(sha256: "\"\(String(repeating: "0", count: 65))\""), "sha256 must be 64 lowercase hex digits"),
        (registry(sha256: "\"\(String(repeating: "0", count: 63))g\""), "sha256 must be 64 lowercase hex digits"),
        (registry(sha256: "\"\(String(repeating: "0", count: 64))\\n\""), "sha256 must be 64 lowercase hex digits"),
        (registry(sha256: #""""#), "sha256 must be 64 lowercase hex digits"),
        // Sizes.
        (registry(size: "-1"), "size -1 must be positive"),
        (registry(size: "0"), "size 0 must be positive"),
        // Files that escape the repository or are not archives.
        (registry(file: #""../../etc/passwd""#), "escapes the repository"),
        (registry(file: #""../../etc/passwd.zip""#), "escapes the repository"),
        (registry(file: #""Models/../../x.zip""#), "escapes the repository"),
        (registry(file: #""Models/a/..""#), "escapes the repository"),
        (registry(file: #""./Models/a.zip""#), "escapes the repository or is not normalised"),
        (registry(file: #""/etc/passwd""#), "is absolute"),
        (registry(file: #""/etc/passwd.zip""#), "is absolute"),
        (registry(file: #""~/x.zip""#), "is absolute"),
        (registry(file: #""C:/x.zip""#), "is absolute"),
        (registry(file: #""Models\\..\\..\\x.zip""#), "contains a backslash"),
        (registry(file: #""Models/a.zip\u0000.txt""#), "contains a control character"),
        (registry(file: #""Models/a\n.zip""#), "contains a control character"),
        (registry(file: #""Models/a.txt""#), "does not end in .zip"),
        (registry(file: #""""#), "does not end in .zip"),
        // Repeated keys: Foundation would keep one of them silently.
        (registry(sha256: "\"\(String(repeating: "0", count: 64))\", \"sha256\": \"\(String(repeating: "1", count: 64))\""),
         "key 'models[0].checkpoints[0].sha256' appears more than once"),
        (registry(file: #""Models/a/a-emb.zip", "file": "../../x.zip""#), "key 'models[0].checkpoints[0].file' appears more than once"),
        (#"{"formatVersion": 1, "formatVersion": 1, "protocolVersion": "p", "models": []}"#, "key 'formatVersion' appears more than once"),
        // Duplicate checkpoint names.
        (registry().replacingOccurrences(of: #""checkpoints": [{"#, with: #""checkpoints": [{"name": "emb", "file": "Models/a/b.zip", "sha256": "\#(String(repeating: "1", count: 64))", "size": 2}, {"#),
         "a: checkpoint 'emb' is listed twice"),
        // A later training run whose run 1 is missing.
        (registry(name: #""emb-run2""#, file: #""Models/a/a-emb-run2.zip""#), "a/emb-run2 is run 2 of 'emb', which is not registered"),
    ])
    func refusedWithTheFileAndTheProblem(json: String, problem: String) {
        let error = #expect(throws: ZooError.self) { try Registry(data: Data(json.utf8), source: "/repo/Registry.json") }
        guard case let .invalidRegistry(file, reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(file == "/repo/Registry.json")
        #expect(reason.contains(problem), "\(reason)")
        #expect(error?.description.hasPrefix("/repo/Registry.json: ") == true)
    }

    /// A file that escapes is named in the message, with control characters escaped.
    @Test func escapingFileIsQuotedInTheMessage() {
        let error = #expect(throws: ZooError.self) {
            try Registry(data: Data(registry(file: #""../../etc/passwd.zip""#).utf8), source: "R.json")
        }
        #expect(error?.description == #"R.json: a/emb: file "../../etc/passwd.zip" escapes the repository or is not normalised ('..' or '.'); it must be a relative .zip path inside the repository"#)
    }

    /// Validation also runs on registries changed in code (`validate(source:)`).
    @Test func validateCatchesEscapesInRegistriesChangedInCode() throws {
        var changed = try Registry(data: Data(registry().utf8), source: "test.json")
        changed.models[0].checkpoints[0].file = "/etc/passwd.zip"
        #expect(throws: ZooError.self) { try changed.validate(source: "code") }
    }
}
