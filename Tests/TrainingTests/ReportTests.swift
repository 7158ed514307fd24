import DenoiserKit
import ECG
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SafeTensors
import Testing
@testable import Training

@Suite("Results report")
struct ReportTests {
    /// A synthetic evaluation: output SNR = `gain` + 0.8·input, three runs.
    static func evaluation(_ model: String, _ noise: NoiseType, gain: Double, stress: Bool = false) -> EvaluationReport {
        let levels = TestSet.snrLevels.map { snr in
            EvaluationLevel(snr: snr, runs: (0..<3).map { run in
                summary(snrIn: snr, snrOut: gain + 0.8 * snr + 0.05 * Double(run), rmse: 0.2 - 0.01 * snr)
            })
        }
        // The classical filters have no checkpoint, as in `dancer eval`.
        let checkpoint = ["fft", "dwt"].contains(model) ? nil : "\(model)-\(noise.rawValue)-s{run}.zip"
        var report = EvaluationReport(model: model, checkpoint: checkpoint, noise: noise,
                                      seeds: [1, 2, 3], testRecords: RecordSplit.testRecords, segmentsPerLevel: 27_918,
                                      levels: levels)
        if stress {
            let results = StressTestEvaluator.records.flatMap { record in
                [(0, "MLII"), (1, "V1")].map { lead, name in
                    StressTestResult(record: record.name, nominalSNR: record.snr, lead: lead, leadName: name, windows: 550,
                                     statistics: MetricStatistics([summary(snrIn: record.snr / 2, snrOut: gain + record.snr / 2, rmse: 0.1)]))
                }
            }
            report.stressTest = StressTestReport(reference: "mitdb/118", stretches: [[108_000, 151_200]],
                                                 stretchSource: "test", windowLength: 512, results: results)
        }
        return report
    }

    static func summary(snrIn: Double, snrOut: Double, rmse: Double) -> MetricsSummary {
        var summary = MetricsSummary([])
        (summary.count, summary.snrIn, summary.snrOut, summary.snrImprovement) = (100, snrIn, snrOut, snrOut - snrIn)
        (summary.rmse, summary.prd, summary.cosine, summary.ssd, summary.mad) = (rmse, 30, 0.95, 10, 0.5)
        return summary
    }

    /// Writes fixture evaluations as JSON files and builds the results from them.
    static func fixtureDirectory() throws -> URL {
        let directory = try TestData.scratchDirectory("reportfixtures")
        let models: [(String, Double)] = [("dancer", 8), ("unet", 6.5), ("dancer-channel", 7.9), ("dancer-spatial", 6.7),
                                          ("dancer-dual", 7.5), ("fft", 2), ("acdae", 7.7), ("my-variant", 5)]
        for (model, gain) in models {
            try evaluation(model, .emb, gain: gain, stress: model == "dancer").jsonData()
                .write(to: directory.appendingPathComponent("\(model)-emb.json"))
        }
        try evaluation("dancer", .bw, gain: 9).jsonData().write(to: directory.appendingPathComponent("dancer-bw.json"))
        try Data("not an evaluation".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        return directory
    }

    @Test("Markdown tables: seed layout, rows in the seed's order, ablation, stress test, reference")
    func markdown() throws {
        let evals = try Self.fixtureDirectory(), out = try TestData.scratchDirectory()
        defer { for url in [evals, out] { try? FileManager.default.removeItem(at: url) } }
        let files = try ResultsReport.load(evaluations: evals).write(to: out)
        #expect(Set(files.map(\.lastPathComponent)) == ["README.md", "index.html", "snr-emb.svg", "snr-bw.svg", "gain-emb.svg"])
        let markdown = try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = markdown.components(separatedBy: "\n")
        #expect(lines.contains("| input SNR | −4 | −2 | 0 | 2 | 4 | runs | segments | checkpoint |"))
        let rows = lines.filter { $0.hasPrefix("| ") && $0.contains("s{run}.zip") }
        let embRows = rows.filter { $0.contains("-emb-") }.map { $0.components(separatedBy: " | ")[0] }
        #expect(embRows == ["| U-Net", "| ACDAE", "| DANCER channel shrink", "| DANCER spatial shrink",
                            "| DANCER channel & spatial", "| DANCER", "| my-variant"])
        let dancer = try #require(rows.first { $0.hasPrefix("| DANCER | ") && $0.contains("-emb-") })
        #expect(dancer.contains("| 4.85 ± 0.05 / .2400 ± .0000 |") && dancer.hasSuffix("| 3 | 27918 | dancer-emb-s{run}.zip |"))
        #expect(markdown.contains("### emb: ablation, output SNR (dB)") && markdown.contains("| + channel shrink | "))
        #expect(!markdown.contains("### bw: ablation"))                                 // one model only
        #expect(markdown.contains("| 118e24 MLII | 118e24 V1 |") && markdown.contains("Seed README reference"))
        #expect(markdown.contains("![output SNR vs input SNR, emb](snr-emb.svg)"))
        #expect(markdown.contains("![gain over the U-Net, emb](gain-emb.svg)") && !markdown.contains("gain-bw.svg"))
        #expect(lines.contains { $0.hasPrefix("| FFT | ") && $0.hasSuffix("| 3 | 27918 | – |") })
        for line in lines where line.hasPrefix("|") {                                    // every row has every column
            #expect(line.hasSuffix("|"))
        }
    }

    @Test("SVG plots and index.html are well-formed XML with axes, ticks, legend and every model")
    func svgAndHTML() throws {
        let evals = try Self.fixtureDirectory(), out = try TestData.scratchDirectory()
        defer { for url in [evals, out] { try? FileManager.default.removeItem(at: url) } }
        try ResultsReport.load(evaluations: evals).write(to: out)
        let svg = try XMLCensus(url: out.appendingPathComponent("snr-emb.svg"))
        #expect(svg.root == "svg" && svg.count("polyline") == 9)                           // 8 models + y = x
        #expect(svg.count("circle") == 8 * 5 && svg.texts.contains("input SNR (dB)") && svg.texts.contains("my-variant"))
        #expect(svg.texts.contains("−4") && svg.texts.contains("DANCER channel & spatial"))
        let html = try XMLCensus(url: out.appendingPathComponent("index.html"))
        #expect(html.root == "html" && html.count("svg") == 3 && html.count("table") == 5)
        #expect(html.texts.contains("U-Net"))
    }

    @Test("gain plot: each trained model minus the U-Net per level, in its colour of the main plot, with the seed's margin on emb")
    func gainPlot() throws {
        let evals = try Self.fixtureDirectory()
        defer { try? FileManager.default.removeItem(at: evals) }
        let results = try ResultsReport.load(evaluations: evals)
        let plot = try #require(results.gainPlot(for: .emb))
        #expect(plot.series.map(\.name) == ["U-Net (y = 0)", "seed README: DANCER − U-Net (dashed, to beat)", "ACDAE",
                                            "DANCER channel shrink", "DANCER spatial shrink", "DANCER channel & spatial",
                                            "DANCER", "my-variant"])
        let dancer = try #require(plot.series.first { $0.name == "DANCER" })
        #expect(dancer.points.map(\.x) == TestSet.snrLevels)
        #expect(dancer.points.allSatisfy { abs($0.y - 1.5) < 1e-9 })                       // 8 − 6.5 at every level
        let main = results.plot(for: .emb)
        let mainIndex = try #require(main.series.filter { !$0.isReference }.firstIndex { $0.name == "DANCER" })
        #expect(dancer.colour == SVGLinePlot.palette[mainIndex])
        #expect(plot.series[1].colour == dancer.colour && plot.series[1].isReference)
        #expect(plot.series[1].points.map(\.y).map { ($0 * 100).rounded() / 100 } == [1.32, 1.25, 1.41, 1.16, 1.11])
        #expect(results.gainPlot(for: .bw) == nil)                                          // no U-Net on bw
        let svg = try XMLCensus(text: plot.render())
        #expect(svg.count("polyline") == 8 && svg.count("circle") == 6 * 5)
    }

    @Test("comparison figure: one panel per method and lead, SNR labels right, linked and inlined")
    func comparisonFigure() throws {
        let evals = try Self.fixtureDirectory(), out = try TestData.scratchDirectory()
        defer { for url in [evals, out] { try? FileManager.default.removeItem(at: url) } }
        let clean: [[Float]] = [(0..<200).map { sin(Float($0) / 9) }, (0..<200).map { cos(Float($0) / 7) }]
        var figure = ComparisonFigure(title: "emb at −4 dB", sampleRate: 360, leadNames: ["MLII", "V5"], clean: clean)
        figure.rows.append(.init(method: "noisy input", outputs: clean.map { $0.map { $0 + 0.5 } }))
        figure.rows.append(.init(method: "perfect", outputs: clean))
        figure.rows.append(.init(method: "half", outputs: clean.map { $0.map { $0 / 2 } }))
        #expect(abs(figure.snr(clean[0].map { $0 / 2 }, lead: 0) - 10 * log10(4)) < 1e-4)   // error = x/2 → 6.02 dB
        var results = try ResultsReport.load(evaluations: evals)
        results.figures = [ResultsFigure(fileName: "comparison-emb.svg", title: "All methods", caption: "record 103 <test>", svg: figure.render())]
        let files = try results.write(to: out)
        #expect(files.map(\.lastPathComponent).contains("comparison-emb.svg"))
        let svg = try XMLCensus(url: out.appendingPathComponent("comparison-emb.svg"))
        #expect(svg.count("polyline") == 3 * 2 * 2 && svg.count("rect") == 1 + 3 * 2)  // clean + output per panel
        #expect(svg.texts.isSuperset(of: ["noisy input", "perfect", "half", "MLII", "V5", "6.02 dB"]))
        let html = try XMLCensus(url: out.appendingPathComponent("index.html"))
        #expect(html.count("figure") == 1 && html.texts.contains("record 103 <test>"))
        let markdown = try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(markdown.contains("![All methods](comparison-emb.svg)"))
    }

    @Test("training budgets and validation curves come from the checkpoints")
    func curves() throws {
        let evals = try Self.fixtureDirectory(), out = try TestData.scratchDirectory(), models = try TestData.scratchDirectory()
        defer { for url in [evals, out, models] { try? FileManager.default.removeItem(at: url) } }
        let log = TrainingLog(rows: [500, 1000, 1500].map {
            TrainingLogRow(step: $0, trainLoss: 0.1, validationLoss: 1 / Double($0), validationSNR: 8, learningRate: 1e-3, segmentsPerSecond: 90)
        })
        let record = TrainingRecord(protocolVersion: "mitbih-nstdb-v1", seed: 1, steps: 1500, batchSize: 64, learningRate: 1e-3,
                                    bestStep: 1500, validationLoss: 1 / 1500, notes: "test")
        let manifest = CheckpointManifest(modelId: "dancer", target: "DANCER", config: .object([:]), noise: "emb", training: record)
        let archive = Checkpoint(manifest: manifest, weights: SafeTensorsFile(), modelCard: "",
                                 attachments: [TrainingLog.entryName: Data(log.csv().utf8)])
        try FileManager.default.createDirectory(at: models.appendingPathComponent("dancer"), withIntermediateDirectories: true)
        try archive.write(to: models.appendingPathComponent("dancer/dancer-emb.zip"))
        try archive.write(to: models.appendingPathComponent("dancer/dancer-emb.zip.training.zip"))   // skipped
        var second = archive   // run 2, whose file name sorts before run 1's
        second.manifest.training?.seed = 2
        try second.write(to: models.appendingPathComponent("dancer/dancer-emb-run2.zip"))
        var results = try ResultsReport.load(evaluations: evals)
        results.curves = try TrainingCurve.load(checkpoints: models)
        #expect(results.curves.map(\.label) == ["DANCER (seed 1)", "DANCER (seed 2)"])
        let files = try results.write(to: out).map(\.lastPathComponent)
        #expect(files.contains("training-emb.svg") && !files.contains("training-bw.svg"))
        let markdown = try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(markdown.contains("| DANCER (seed 1) | 1500 | 1500 | 0.00067 | 8.00 | 64 | 0.001 | test |"))
        // The ablation table names each row's budget, and says so when they differ.
        let ablation = try #require(results.ablationTable(.emb))
        #expect(ablation.header.last == "steps trained")
        #expect(ablation.rows.first { $0[0].hasPrefix("DANCER") }?.last == "1500")
        #expect(ablation.rows.first { $0[0] == "U-Net" }?.last == "–")
        #expect(ablation.caption.contains("not all trained for the same number of steps"))
        let svg = try XMLCensus(url: out.appendingPathComponent("training-emb.svg"))
        #expect(svg.count("polyline") == 2 && svg.texts.contains("optimiser step"))
        // Both runs in DANCER's colour of the output-SNR plot; the second one dashed.
        let plot = try #require(results.curvePlot(for: .emb))
        let dancer = results.colour(of: "dancer", noise: .emb)
        #expect(dancer != nil && plot.series.map(\.colour) == [dancer, dancer])
        #expect(plot.series[0].dashes == nil && plot.series[1].dashes != nil)
        #expect(plot.render().contains(#"stroke-dasharray="\#(plot.series[1].dashes ?? "")""#))
    }

    @Test("nice ticks cover the data with steps of 1, 2 or 5 × 10ᵏ")
    func ticks() {
        #expect(SVGLinePlot.ticks(min: -4, max: 4) == [-4, -2, 0, 2, 4])
        #expect(SVGLinePlot.ticks(min: 1.3, max: 11.7) == [0, 2, 4, 6, 8, 10, 12])
        #expect(SVGLinePlot.ticks(min: 3, max: 3) == [2, 2.5, 3, 3.5, 4])
        #expect(SVGLinePlot.escape("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
        // A long series name widens the drawing instead of running off its right edge.
        var plot = SVGLinePlot(title: "t", xLabel: "x", yLabel: "y")
        plot.series = [.init(name: "DANCER", points: [.init(x: 0, y: 1), .init(x: 1, y: 2)])]
        #expect(plot.canvasWidth == plot.width && plot.render().contains(#"width="720.0""#))
        plot.series.append(.init(name: "DANCER channel & spatial (seed 10)", points: [.init(x: 0, y: 1)]))
        let legendTextEnd = plot.width - 200 + 16 + 30 + 34 * SVGLinePlot.characterWidth
        #expect(plot.canvasWidth > legendTextEnd && plot.render().contains(#"width="\#(String(format: "%.1f", plot.canvasWidth))""#))
    }

    @Test("the per-lead table appears for the evaluations that measured it, and only then")
    func leadTable() throws {
        var measured = Self.evaluation("dancer", .emb, gain: 9)
        for index in measured.levels.indices {
            let level = measured.levels[index]
            measured.levels[index] = EvaluationLevel(snr: level.snr, runs: level.runs, byLead: [
                "MLII": level.runs.map { var run = $0; run.snrOut += 1; run.count = 60; return run },
                "V1": level.runs.map { var run = $0; run.snrOut -= 1.5; run.count = 40; return run },
            ])
        }
        let plain = try ResultsReport(entries: [.init(source: "unet.json", report: Self.evaluation("unet", .emb, gain: 8))])
        #expect(plain.leadTable(.emb, lead: "MLII") == nil)
        let results = try ResultsReport(entries: [.init(source: "dancer.json", report: measured),
                                                  .init(source: "unet.json", report: Self.evaluation("unet", .emb, gain: 8))])
        let table = try #require(results.leadTable(.emb, lead: "MLII"))
        #expect(table.rows.count == 1 && table.rows[0].first == "DANCER")
        #expect(table.rows[0].last == "60" && table.rows[0][1].hasPrefix(String(format: "%.2f", 9 + 0.8 * -4 + 1 + 0.05)))
        #expect(MarkdownResults(results: results).render().contains("on the MLII segments alone"))
    }

    @Test("bad evaluation directories name the file")
    func badInputs() throws {
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: TrainingError.self) { try ResultsReport.load(evaluations: directory) }            // empty
        #expect(throws: TrainingError.self) { try ResultsReport.load(evaluations: directory.appendingPathComponent("missing")) }
        try Self.evaluation("unet", .ma, gain: 5).jsonData().write(to: directory.appendingPathComponent("a.json"))
        try Self.evaluation("unet", .ma, gain: 6).jsonData().write(to: directory.appendingPathComponent("b.json"))
        let duplicate = #expect(throws: TrainingError.self) { try ResultsReport.load(evaluations: directory) }
        #expect(duplicate?.description.contains("b.json") == true && duplicate?.description.contains("a.json") == true)
        try Data("{\"model\": 3}".utf8).write(to: directory.appendingPathComponent("b.json"))
        let corrupt = #expect(throws: TrainingError.self) { try ResultsReport.load(evaluations: directory) }
        #expect(corrupt?.description.contains("b.json") == true)
        var diagnostic = Self.evaluation("dancer", .ma, gain: 9)   // on the training noise: not a result
        diagnostic.noisePortion = .trainValidation
        try diagnostic.jsonData().write(to: directory.appendingPathComponent("b.json"))
        let refused = #expect(throws: TrainingError.self) { try ResultsReport.load(evaluations: directory) }
        #expect(refused?.description.contains("b.json") == true && refused?.description.contains("--noise-portion train") == true)
        var tuned = Self.evaluation("fft", .ma, gain: 3)   // a classical filter with changed settings: not the zoo's
        tuned.settings = .object(["lowCutoff": .number(1)])
        try tuned.jsonData().write(to: directory.appendingPathComponent("b.json"))
        let tuning = #expect(throws: TrainingError.self) { try ResultsReport.load(evaluations: directory) }
        #expect(tuning?.description.contains("b.json") == true && tuning?.description.contains("dancer eval --config") == true)
        var experiment = Self.evaluation("dancer", .ma, gain: 9)   // weights trained off the protocol: not a result
        experiment.trainingDepartures = ["NOT the protocol's learning rate: 0.003 (the protocol's 0.001)"]
        try experiment.jsonData().write(to: directory.appendingPathComponent("b.json"))
        let offProtocol = #expect(throws: TrainingError.self) { try ResultsReport.load(evaluations: directory) }
        #expect(offProtocol?.description.contains("b.json") == true && offProtocol?.description.contains("trained off the protocol") == true)
        experiment.trainingDepartures = []   // an empty list is a protocol run
        #expect(try ResultsReport(entries: [.init(source: "b.json", report: experiment)]).entries.count == 1)
        var seenRecords = Self.evaluation("dancer", .ma, gain: 9)   // on training records: not a result
        seenRecords.testRecords = ["103", "101"]
        try seenRecords.jsonData().write(to: directory.appendingPathComponent("b.json"))
        let seen = #expect(throws: TrainingError.self) { try ResultsReport.load(evaluations: directory) }
        #expect(seen?.description.contains("b.json") == true && seen?.description.contains("trained or validated on (101)") == true)
    }

    @Test("classical filters: their recorded settings are tabulated, and must match the registry's")
    func classicalSettings() throws {
        let lowCorner: JSONValue = .object(["lowCutoff": .number(0.67), "highCutoff": .number(40)])
        var fftEmb = Self.evaluation("fft", .emb, gain: 2), fftBw = Self.evaluation("fft", .bw, gain: 5)
        fftEmb.configuration = lowCorner
        fftBw.configuration = lowCorner
        let dancer = Self.evaluation("dancer", .emb, gain: 8)
        let results = try ResultsReport(entries: [.init(source: "fft-emb.json", report: fftEmb),
                                                  .init(source: "fft-bw.json", report: fftBw),
                                                  .init(source: "dancer-emb.json", report: dancer)])
        let table = try #require(results.classicalSettingsTable)
        #expect(table.rows == [["FFT", "fft", #"{"highCutoff":40,"lowCutoff":0.67}"#, "emb, bw"]])
        #expect(MarkdownResults(results: results).render().contains(#"| FFT | fft | {"highCutoff":40,"lowCutoff":0.67} | emb, bw |"#))
        #expect(HTMLResults(results: results).render().contains("<h2>Settings of the classical filters</h2>"))
        #expect(try ResultsReport(entries: [.init(source: "dancer-emb.json", report: dancer)]).classicalSettingsTable == nil)

        func registry(fft config: JSONValue) throws -> Registry {
            let settings = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
            let json = #"{"formatVersion": 1, "protocolVersion": "mitbih-nstdb-v1", "models": ["#
                + #"{"id": "fft", "target": "FFTFilter", "type": "FFTFilter", "family": "classical", "summary": "", "reference": "", "config": "#
                + settings + #", "checkpoints": []},"#
                + #"{"id": "dancer", "target": "DANCER", "type": "DANCER", "family": "dance", "summary": "", "reference": "", "checkpoints": []}]}"#
            return try Registry(data: Data(json.utf8), source: "test-registry.json")
        }
        try results.checkClassicalSettings(against: try registry(fft: lowCorner))          // the neural row is not checked
        let changed = #expect(throws: TrainingError.self) {
            try results.checkClassicalSettings(against: try registry(fft: .object(["lowCutoff": .number(0.5), "highCutoff": .number(40)])))
        }
        #expect(changed?.description.contains("fft-emb.json") == true && changed?.description.contains("evaluate it again") == true)
        var unrecorded = fftBw
        unrecorded.configuration = nil
        let old = try ResultsReport(entries: [.init(source: "fft-bw.json", report: unrecorded)])
        let missing = #expect(throws: TrainingError.self) { try old.checkClassicalSettings(against: try registry(fft: lowCorner)) }
        #expect(missing?.description.contains("fft-bw.json") == true && missing?.description.contains("records no settings") == true)
    }

    @Test("the JSON layout of version 1 stays readable")
    func frozenFormat() throws {
        let json = #"""
        {"formatVersion":1,"model":"fft","noise":"bw","runs":1,"seeds":[1],"protocolVersion":"mitbih-nstdb-v1",
         "testRecords":["103"],"segmentsPerLevel":2,"createdAt":"2026-01-01T00:00:00Z","levels":[{"snr":-4,
         "statistics":{"snrIn":{"mean":-4,"std":0,"count":1},"snrOut":{"mean":"inf","std":0,"count":1},
         "improvement":{"mean":1,"std":0,"count":1},"rmse":{"mean":0.4,"std":0,"count":1},"prd":{"mean":60,"std":0,"count":1},
         "cosine":{"mean":0.8,"std":0,"count":1},"ssd":{"mean":80,"std":0,"count":1},"mad":{"mean":1.2,"std":0,"count":1}},
         "runs":[]}]}
        """#
        let report = try EvaluationReport.decode(Data(json.utf8), source: "v1.json")
        #expect(report.model == "fft" && report.noise == .bw && report.checkpoint == nil && report.stressTest == nil)
        #expect(report.levels[0].statistics.snrOut.mean == .infinity)
    }
}

/// Parses an XML document with `XMLParser` (failing on malformed input) and counts elements.
final class XMLCensus: NSObject, XMLParserDelegate {
    private(set) var elements: [String: Int] = [:]
    private(set) var texts: Set<String> = []
    private(set) var root: String?
    private var text = ""

    convenience init(url: URL) throws {
        try self.init(parser: try #require(XMLParser(contentsOf: url)), source: url.path)
    }

    /// Parses a document held in memory (e.g. a rendered plot).
    convenience init(text: String) throws {
        try self.init(parser: XMLParser(data: Data(text.utf8)), source: "<text>")
    }

    private init(parser: XMLParser, source: String) throws {
        super.init()
        parser.delegate = self
        guard parser.parse() else {
            throw TrainingError.invalidReport(path: source, reason: "malformed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
    }

    func count(_ element: String) -> Int { elements[element] ?? 0 }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        elements[name, default: 0] += 1
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { texts.insert(trimmed) }
        text = ""
    }
}
