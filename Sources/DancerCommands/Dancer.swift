import ArgumentParser

/// The `dancer` command: a model zoo of ECG denoisers.
///
/// ```swift
/// let command = try Dancer.parseAsRoot(["info", "dancer"])
/// ```
public struct Dancer: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dancer",
        abstract: "DANCER Zoo — ECG denoisers: list, denoise, train, evaluate, benchmark.",
        subcommands: [List.self, Info.self, Denoise.self, Mix.self, Verify.self, Export.self, Import.self,
                      Train.self, Evaluate.self, Report.self, DataCommand.self, Demo.self, Bench.self])

    public init() {}
}
