import Foundation
import Testing
@testable import ECG

@Suite("Input scaling")
struct InputScalingTests {
    @Test("peak is max|x| + 1e-8; std is the root mean square about the mean + 1e-8")
    func scales() {
        let segment: [Float] = [0.2, -0.9, 0.4, 0.3]
        #expect(InputScaling.peak.scale(of: segment) == Float(0.9) + InputScaling.epsilon)
        let mean = segment.reduce(0, +) / 4
        let std = (segment.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        #expect(abs(InputScaling.standardDeviation.scale(of: segment) - std) < 1e-7)
        // A DC offset moves the peak but not the standard deviation.
        let shifted = segment.map { $0 + 5 }
        #expect(abs(InputScaling.standardDeviation.scale(of: shifted) - std) < 1e-6)
        #expect(InputScaling.peak.scale(of: shifted) == Float(0.4) + 5 + InputScaling.epsilon)
    }

    @Test("silent and empty segments still divide by a positive number")
    func silence() {
        for scaling in InputScaling.allCases {
            #expect(scaling.scale(of: [Float](repeating: 0, count: 512)) == InputScaling.epsilon)
            #expect(scaling.scale(of: [Float]()) == InputScaling.epsilon)
        }
    }

    @Test("the flag values: peak and std")
    func rawValues() {
        #expect(InputScaling.allCases.map(\.rawValue) == ["peak", "std"])
        #expect(InputScaling(rawValue: "zscore") == nil)
    }

    @Test("rescaling a batch: std gives unit-deviation inputs, keeps mV, and peak changes no bit")
    func rescaledBatch() {
        var batch = SegmentBatch(capacity: 2, segmentLength: 4)
        // Filled as the protocol fills: divided by the peak of the noisy segment.
        let noisyMillivolts: [[Float]] = [[1, -2, 0.5, 0.5], [0.1, 0.3, -0.2, -0.2]]
        let cleanMillivolts: [[Float]] = [[0.8, -1.5, 0.4, 0.3], [0.05, 0.2, -0.1, -0.15]]
        for i in 0..<2 {
            let s = InputScaling.peak.scale(of: noisyMillivolts[i])
            batch.scales[i] = s
            for t in 0..<4 {
                batch.noisy[i * 4 + t] = noisyMillivolts[i][t] / s
                batch.clean[i * 4 + t] = cleanMillivolts[i][t] / s
            }
        }
        var unchanged = batch
        unchanged.rescale(to: .peak)
        #expect(unchanged.noisy == batch.noisy && unchanged.clean == batch.clean && unchanged.scales == batch.scales)

        var standardised = batch
        standardised.rescale(to: .standardDeviation)
        for i in 0..<2 {
            let noisy = Array(standardised.noisy[(i * 4)..<((i + 1) * 4)])
            #expect(abs(InputScaling.standardDeviation.scale(of: noisy) - 1) < 1e-5)
            #expect(abs(standardised.scales[i] - InputScaling.standardDeviation.scale(of: noisyMillivolts[i])) < 1e-6)
            for (restored, original) in zip(standardised.restored(standardised.clean, segment: i), cleanMillivolts[i]) {
                #expect(abs(restored - original) < 1e-6)
            }
            for (restored, original) in zip(standardised.restored(standardised.noisy, segment: i), noisyMillivolts[i]) {
                #expect(abs(restored - original) < 1e-6)
            }
        }
    }
}
