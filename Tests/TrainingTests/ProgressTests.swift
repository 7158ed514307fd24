import Foundation
import Testing
@testable import Training

@Suite("Progress and logs")
struct ProgressTests {
    func report(step: Int, line: Bool) -> TrainingEvent {
        .step(TrainingStepReport(step: step, totalSteps: 100, loss: 0.1, learningRate: 1e-3, segmentsPerSecond: 90,
                                 secondsRemaining: 3_725, isReportLine: line))
    }

    @Test("a terminal gets a \\r-updated status line; a file gets only full lines")
    func printer() {
        var terminal = "", file = ""
        let onTerminal = TrainingProgressPrinter(isTerminal: true) { terminal += $0 }
        let toFile = TrainingProgressPrinter(isTerminal: false) { file += $0 }
        for printer in [onTerminal, toFile] {
            printer.handle(report(step: 1, line: false))
            printer.handle(report(step: 2, line: true))
        }
        #expect(terminal.hasPrefix("\r\u{1B}[Kstep 1/100") && terminal.contains("\r\u{1B}[Kstep 2/100"))
        #expect(file == "step 2/100  loss 0.10000  lr 1.00e-03  90 seg/s  ETA 1:02:05\n")
        #expect(TrainingProgressPrinter.duration(.nan) == "–")
    }

    @Test("the meter averages loss and throughput per window and estimates the rest")
    func meter() {
        var meter = ThroughputMeter(batchSize: 64)
        meter.recordStep(loss: 0.2, seconds: 0.5)
        meter.recordStep(loss: 0.4, seconds: 0.5)
        #expect(abs(meter.reportLoss - 0.3) < 1e-12 && meter.reportThroughput == 128)
        meter.closeReport()
        #expect(meter.reportLoss.isNaN && meter.validationThroughput == 128 && meter.trainingSeconds == 1)
        meter.closeValidation(seconds: 2)
        #expect(meter.secondsRemaining(steps: 10, validations: 1) == 10 * 0.5 + 2)
    }

    @Test("training-log.csv round-trips and rejects other files")
    func csv() throws {
        let log = TrainingLog(rows: [TrainingLogRow(step: 500, trainLoss: 0.0812345, validationLoss: 0.07, validationSNR: 7.123456,
                                                    learningRate: 1e-3, segmentsPerSecond: 91.25)])
        let text = log.csv()
        #expect(text == "step,train_loss,val_loss,val_snr_db,lr,segments_per_s\n500,0.0812345,0.07,7.1235,0.001,91.2\n")
        #expect(try TrainingLog(csv: text, source: "log").rows.map(\.step) == [500])
        #expect(throws: TrainingError.self) { try TrainingLog(csv: "a,b\n1,2", source: "x.csv") }
        #expect(throws: TrainingError.self) { try TrainingLog(csv: "step,x\n1,2", source: "x.csv") }
    }

    @Test("schedules: constant, and cosine decaying to 0 at the last step")
    func schedules() {
        var options = TrainingOptions(model: "unet", noise: .bw, seed: 1)
        options.steps = 100
        #expect(options.learningRateSchedule.learningRate(atStep: 99) == 1e-3)
        options.schedule = .cosine
        #expect(options.learningRateSchedule.learningRate(atStep: 0) == 1e-3)
        #expect(options.learningRateSchedule.learningRate(atStep: 50) == 5e-4)
        #expect(options.learningRateSchedule.learningRate(atStep: 100) == 0)
    }
}
