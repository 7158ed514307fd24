import ECG
import Foundation

/// A small SVG line chart of signal traces (noisy, denoised, and the clean reference when
/// known) for `dancer denoise --plot` and `dancer demo`.
///
/// ```swift
/// let svg = SVGPlot(title: "100.hea, MLII", sampleRate: 360, noisy: a, denoised: b).render()
/// ```
struct SVGPlot {
    /// One trace: its legend name, samples and stroke colour.
    struct Trace {
        var name: String, values: [Float], colour: String
    }

    var title: String
    var sampleRate: Double
    var traces: [Trace]
    var width = 1000.0, height = 320.0, margin = 40.0

    /// Noisy (grey) and denoised (blue), plus the clean reference (black) when given.
    init(title: String, sampleRate: Double, noisy: [Float], denoised: [Float], clean: [Float]? = nil) {
        self.title = title
        self.sampleRate = sampleRate
        traces = [Trace(name: "noisy", values: noisy, colour: "#999999")]
        if let clean { traces.append(Trace(name: "clean", values: clean, colour: "#000000")) }
        traces.append(Trace(name: "denoised", values: denoised, colour: "#1f5fbf"))
    }

    func render() -> String {
        let all = traces.flatMap(\.values).filter(\.isFinite)
        var low = Double(all.min() ?? -1), high = Double(all.max() ?? 1)
        if high - low < 1e-9 { low -= 1; high += 1 }
        let count = max(traces.map(\.values.count).max() ?? 2, 2)
        func x(_ i: Int) -> Double { margin + Double(i) / Double(count - 1) * (width - 2 * margin) }
        func y(_ v: Float) -> Double { height - margin - (Double(v) - low) / (high - low) * (height - 2 * margin) }
        func polyline(_ trace: Trace) -> String {
            let points = trace.values.enumerated().map { String(format: "%.1f,%.1f", x($0.offset), y($0.element)) }
            return "<polyline fill=\"none\" stroke=\"\(trace.colour)\" stroke-width=\"1\" points=\"\(points.joined(separator: " "))\"/>"
        }
        let legend = traces.enumerated().map { index, trace in
            let left = width - margin - 110
            let top = margin + 6 + Double(index) * 16
            return "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left + 20)\" y2=\"\(top)\" stroke=\"\(trace.colour)\" stroke-width=\"2\"/>"
                + "<text x=\"\(left + 26)\" y=\"\(top + 4)\">\(escape(trace.name))</text>"
        }.joined(separator: "\n")
        let seconds = Double(count) / sampleRate
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(margin)" y="20">\(escape(title)), \(String(format: "%.1f", seconds)) s (mV)</text>
        <line x1="\(margin)" y1="\(height - margin)" x2="\(width - margin)" y2="\(height - margin)" stroke="black"/>
        <text x="\(margin)" y="\(height - 10)">0 s</text>
        <text x="\(width - margin - 40)" y="\(height - 10)">\(String(format: "%.1f", seconds)) s</text>
        <text x="4" y="\(margin)">\(String(format: "%.2f", high))</text>
        <text x="4" y="\(height - margin)">\(String(format: "%.2f", low))</text>
        \(traces.map(polyline).joined(separator: "\n"))
        \(legend)
        </svg>

        """
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// A sink that passes everything on and keeps the first `limit` samples of lead 0 (for the plot).
final class FirstLeadCapture: SignalSink {
    private let wrapped: SignalSink
    private let limit: Int
    private(set) var captured: [Float] = []

    init(_ wrapped: SignalSink, limit: Int) {
        self.wrapped = wrapped
        self.limit = limit
    }

    func append(_ leads: [[Float]]) throws {
        if captured.count < limit, let first = leads.first { captured += first.prefix(limit - captured.count) }
        try wrapped.append(leads)
    }

    func finish() throws { try wrapped.finish() }
    func cancel() { wrapped.cancel() }
}
