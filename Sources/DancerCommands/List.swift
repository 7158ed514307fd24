import ArgumentParser
import DenoiserKit
import Foundation
import Zoo

extension Dancer {
    /// `dancer list`: every model of the zoo.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the zoo's models: id, family, parameters, checkpoints.")

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        struct Row: Codable {
            let id: String, family: String, parameters: Int, checkpoints: [String], summary: String
        }

        func run() throws {
            let zoo = ModelZoo.shared
            if let problem = zoo.registryProblem { throw problem }
            let rows = try zoo.names.map { id -> Row in
                let entry = try zoo.entry(id), card = try zoo.card(id)
                return Row(id: id, family: entry.family.rawValue, parameters: card.parameterCount,
                           checkpoints: entry.checkpoints.map(\.name), summary: entry.summary)
            }
            if json {
                print(try JSONText.encode(rows))
                return
            }
            let table = TextTable(headers: ["id", "family", "params", "checkpoints", "summary"])
            for row in rows {
                table.add([row.id, row.family, row.parameters == 0 ? "—" : row.parameters.formatted(),
                           row.checkpoints.isEmpty ? "—" : row.checkpoints.joined(separator: ","), row.summary])
            }
            print(table.render(maxLastColumn: 70))
        }
    }
}
