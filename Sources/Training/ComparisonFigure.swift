import Foundation

/// The seed paper's comparison figure: every method on the same noisy excerpt, one row per
/// method and one column per lead, each panel drawing the clean reference (grey) under the
/// method's output (colour) with the output SNR of that lead in its corner.
///
/// ```swift
/// var figure = ComparisonFigure(title: "emb at −4 dB, record 103", sampleRate: 360,
///                               leadNames: ["MLII", "V5"], clean: [mlii, v5])
/// figure.rows.append(.init(method: "noisy input", outputs: [noisyMLII, noisyV5]))
/// figure.rows.append(.init(method: "DANCER", outputs: [outMLII, outV5]))
/// let svg = figure.render()
/// ```
public struct ComparisonFigure: Sendable {
    /// One method's output for every lead.
    public struct Row: Sendable {
        public var method: String
        public var outputs: [[Float]]
        public init(method: String, outputs: [[Float]]) { (self.method, self.outputs) = (method, outputs) }
    }

    public var title: String
    public var sampleRate: Double
    public var leadNames: [String]
    /// The clean reference of every lead (mean-centred, as the protocol scores it).
    public var clean: [[Float]]
    public var rows: [Row] = []
    public var panelWidth = 520.0
    public var panelHeight = 92.0

    public init(title: String, sampleRate: Double, leadNames: [String], clean: [[Float]]) {
        (self.title, self.sampleRate, self.leadNames, self.clean) = (title, sampleRate, leadNames, clean)
    }

    /// The output SNR (dB) of `output` against lead `lead`'s clean reference.
    public func snr(_ output: [Float], lead: Int) -> Double {
        var signal = 0.0, error = 0.0
        for (x, y) in zip(clean[lead], output) {
            signal += Double(x) * Double(x)
            error += Double(x - y) * Double(x - y)
        }
        return 10 * log10(signal / max(error, 1e-30))
    }

    /// The SVG document (no XML declaration, so it can be inlined into HTML).
    public func render() -> String {
        let labelWidth = 200.0, top = 44.0, gap = 10.0, bottom = 36.0
        let width = labelWidth + Double(leadNames.count) * (panelWidth + gap)
        let height = top + Double(rows.count) * (panelHeight + gap) + bottom
        var out = [#"<svg xmlns="http://www.w3.org/2000/svg" width="\#(n(width))" height="\#(n(height))" viewBox="0 0 \#(n(width)) \#(n(height))" font-family="sans-serif" font-size="12">"#,
                   #"<rect x="0" y="0" width="\#(n(width))" height="\#(n(height))" fill="white"/>"#,
                   #"<text x="\#(n(width / 2))" y="20" text-anchor="middle" font-size="15" font-weight="bold">\#(escape(title))</text>"#]
        for (lead, name) in leadNames.enumerated() {
            let x = labelWidth + Double(lead) * (panelWidth + gap) + panelWidth / 2
            out.append(#"<text x="\#(n(x))" y="38" text-anchor="middle" font-weight="bold">\#(escape(name))</text>"#)
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * (panelHeight + gap)
            out.append(#"<text x="\#(n(labelWidth - 8))" y="\#(n(y + panelHeight / 2 + 4))" text-anchor="end" font-weight="bold">\#(escape(row.method))</text>"#)
            let colour = index == 0 ? "#B2182B" : SVGLinePlot.palette[(index - 1) % SVGLinePlot.palette.count]
            for lead in leadNames.indices where lead < row.outputs.count {
                let x = labelWidth + Double(lead) * (panelWidth + gap)
                out += panel(row.outputs[lead], lead: lead, x: x, y: y, colour: colour)
            }
        }
        let seconds = Double(clean.first?.count ?? 0) / sampleRate
        out.append(##"<text x="\##(n(width / 2))" y="\##(n(height - 12))" text-anchor="middle" fill="#444">time (\##(String(format: "%.1f", seconds)) s per panel); grey: clean reference; value: output SNR of the lead</text>"##)
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// One panel: frame, clean trace, output trace and the SNR label. Both traces share the
    /// lead's vertical scale (the clean signal's range, widened by 20 %), so outliers clip.
    private func panel(_ output: [Float], lead: Int, x: Double, y: Double, colour: String) -> [String] {
        let reference = clean[lead]
        let low = Double(reference.min() ?? -1), high = Double(reference.max() ?? 1)
        let margin = max((high - low) * 0.2, 1e-6)
        let range = (low - margin, high + margin)
        func polyline(_ values: [Float], stroke: String, widthPx: Double) -> String {
            let count = max(values.count - 1, 1)
            let points = values.enumerated().map { i, v -> String in
                let clamped = min(max(Double(v), range.0), range.1)
                let px = x + Double(i) / Double(count) * panelWidth
                let py = y + panelHeight - (clamped - range.0) / (range.1 - range.0) * panelHeight
                return "\(n(px)),\(n(py))"
            }
            return #"<polyline fill="none" stroke="\#(stroke)" stroke-width="\#(n(widthPx))" points="\#(points.joined(separator: " "))"/>"#
        }
        return [
            ##"<rect x="\##(n(x))" y="\##(n(y))" width="\##(n(panelWidth))" height="\##(n(panelHeight))" fill="none" stroke="#bbb"/>"##,
            polyline(reference, stroke: "#9a9a9a", widthPx: 1.6),
            polyline(output, stroke: colour, widthPx: 1.0),
            ##"<text x="\##(n(x + panelWidth - 6))" y="\##(n(y + 14))" text-anchor="end" fill="#222">\##(String(format: "%.2f dB", snr(output, lead: lead)))</text>"##,
        ]
    }

    private func n(_ value: Double) -> String { String(format: "%.1f", value) }

    private func escape(_ text: String) -> String { SVGLinePlot.escape(text) }
}
