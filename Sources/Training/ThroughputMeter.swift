/// Running means of the training loss and throughput over two windows — since the last
/// progress line and since the last validation — plus the time estimates behind the ETA.
///
/// ```swift
/// var meter = ThroughputMeter(batchSize: 64)
/// meter.recordStep(loss: 0.08, seconds: 0.4)
/// meter.reportThroughput   // 160 segments/s
/// ```
struct ThroughputMeter {
    let batchSize: Int
    private var report = Window()
    private var validation = Window()
    /// Smoothed seconds per training step.
    private var secondsPerStep: Double?
    /// Duration of the last validation (and save).
    private var validationSeconds: Double = 0

    struct Window {
        var lossSum = 0.0, steps = 0, seconds = 0.0
        mutating func add(loss: Double, seconds: Double) {
            lossSum += loss
            steps += 1
            self.seconds += seconds
        }
        var meanLoss: Double { steps > 0 ? lossSum / Double(steps) : .nan }
        func throughput(batchSize: Int) -> Double { seconds > 0 ? Double(steps * batchSize) / seconds : 0 }
    }

    init(batchSize: Int) { self.batchSize = batchSize }

    mutating func recordStep(loss: Double, seconds: Double) {
        report.add(loss: loss, seconds: seconds)
        validation.add(loss: loss, seconds: seconds)
        secondsPerStep = secondsPerStep.map { 0.95 * $0 + 0.05 * seconds } ?? seconds
    }

    var reportLoss: Double { report.meanLoss }
    var reportThroughput: Double { report.throughput(batchSize: batchSize) }
    var validationLoss: Double { validation.meanLoss }
    var validationThroughput: Double { validation.throughput(batchSize: batchSize) }
    /// Training seconds since the last validation.
    var trainingSeconds: Double { validation.seconds }

    mutating func closeReport() { report = Window() }

    mutating func closeValidation(seconds: Double) {
        validation = Window()
        validationSeconds = seconds
    }

    /// Estimated seconds for `steps` more steps and `validations` more validations.
    func secondsRemaining(steps: Int, validations: Int) -> Double {
        guard let secondsPerStep else { return .nan }
        return Double(steps) * secondsPerStep + Double(validations) * validationSeconds
    }
}
