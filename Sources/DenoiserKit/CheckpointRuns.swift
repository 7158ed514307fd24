/// How the checkpoints of repeated training runs are named in `Registry.json`.
///
/// The protocol's run r trains with seed r and evaluates with noise seed r. The run-1
/// checkpoint keeps the plain name (`emb`, what users load by default); run r > 1 of it is
/// `emb-run<r>`, in `Models/<id>/<id>-emb-run<r>.zip`.
///
/// ```swift
/// CheckpointRuns.name("emb", run: 3)        // "emb-run3"
/// CheckpointRuns.parse("emb-run3")          // ("emb", 3)
/// CheckpointRuns.parse("emb")               // ("emb", 1)
/// ```
public enum CheckpointRuns {
    /// The separator between a checkpoint's base name and its run number.
    public static let marker = "-run"

    /// The registered name of run `run` of `base`.
    public static func name(_ base: String, run: Int) -> String {
        run == 1 ? base : base + marker + String(run)
    }

    /// The base name and run number a registered name stands for (run 1 when it has no
    /// `-run<r>` suffix with r ≥ 2).
    public static func parse(_ name: String) -> (base: String, run: Int) {
        guard let range = name.range(of: marker, options: .backwards), range.lowerBound > name.startIndex else { return (name, 1) }
        let digits = name[range.upperBound...]
        guard digits.first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let run = Int(digits), run >= 2 else { return (name, 1) }
        return (String(name[..<range.lowerBound]), run)
    }
}

extension Registry.Entry {
    /// The registered checkpoints of the runs of `base` (`emb`, `emb-run2`, …) by run number.
    public func runs(of base: String) -> [Int: Registry.CheckpointEntry] {
        var runs: [Int: Registry.CheckpointEntry] = [:]
        for checkpoint in checkpoints {
            let parsed = CheckpointRuns.parse(checkpoint.name)
            if parsed.base == base { runs[parsed.run] = checkpoint }
        }
        return runs
    }
}
