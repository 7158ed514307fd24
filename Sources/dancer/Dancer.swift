import ArgumentParser

/// The `dancer` command: a model zoo of ECG denoisers.
@main
struct Dancer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dancer",
        abstract: "DANCER Zoo — ECG denoisers: list, denoise, train, evaluate, benchmark.",
        subcommands: [List.self, Demo.self, Bench.self])
}
