import Foundation

/// A small, dependency-free SVG line plot: axes with ticks and labels, grid, one polyline with
/// markers (and optional ± error bars) per series, a legend, and optional dashed reference lines.
///
/// ```swift
/// var plot = SVGLinePlot(title: "emb", xLabel: "input SNR (dB)", yLabel: "output SNR (dB)")
/// plot.series.append(.init(name: "DANCER", points: [.init(x: -4, y: 8.3), .init(x: 4, y: 11.7)]))
/// let svg = plot.render()
/// ```
public struct SVGLinePlot {
    /// One point, with an optional ± error.
    public struct Point: Equatable, Sendable {
        public var x: Double, y: Double, error: Double?
        public init(x: Double, y: Double, error: Double? = nil) { (self.x, self.y, self.error) = (x, y, error) }
    }

    /// One line of the plot.
    public struct Series: Equatable, Sendable {
        public var name: String
        public var points: [Point]
        /// Drawn dashed and grey without markers (reference lines such as `y = x`).
        public var isReference: Bool
        /// A fixed colour (e.g. a model's colour in a companion plot); `nil` takes the next
        /// colour of the palette (grey for a reference line).
        public var colour: String?
        /// The SVG `stroke-dasharray` of the line and its legend sample (e.g. `"2 3"`); `nil` is
        /// solid, or `"6 4"` for a reference line.
        public var dashes: String?
        public init(name: String, points: [Point], isReference: Bool = false, colour: String? = nil, dashes: String? = nil) {
            (self.name, self.points, self.isReference, self.colour, self.dashes) = (name, points, isReference, colour, dashes)
        }

        /// The dash pattern drawn: ``dashes``, else the reference lines' default.
        var strokeDashes: String {
            (dashes ?? (isReference ? "6 4" : nil)).map { #" stroke-dasharray="\#($0)""# } ?? ""
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series] = []
    public var width = 720.0
    public var height = 440.0

    /// Colour-blind-safe palette (Okabe–Ito, then Tableau). Okabe–Ito's yellow (#F0E442) is
    /// darkened to #C4A800: the same hue, but a thin line of it stays visible on white.
    public static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#C4A800",
                          "#000000", "#8C564B", "#7F7F7F"]

    public init(title: String, xLabel: String, yLabel: String) {
        (self.title, self.xLabel, self.yLabel) = (title, xLabel, yLabel)
    }

    /// Average advance of a 12-px sans-serif character, for sizing the legend.
    static let characterWidth = 7.0

    /// Room right of the axes for the legend: at least 200 px, more for long series names.
    var legendWidth: Double {
        max(200, 16 + 30 + Double(series.map(\.name.count).max() ?? 0) * Self.characterWidth + 12)
    }

    /// The drawing's width: `width`, grown when the legend needs more than 200 px.
    var canvasWidth: Double { width - 200 + legendWidth }

    private var frame: (left: Double, top: Double, right: Double, bottom: Double) {
        (64, 40, width - 200, height - 56)
    }

    /// The SVG document (no XML declaration, so it can also be inlined into HTML).
    public func render() -> String {
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.flatMap { [$0.y - ($0.error ?? 0), $0.y + ($0.error ?? 0)] } }.filter(\.isFinite)
        let xTicks = Self.ticks(min: xs.min() ?? 0, max: xs.max() ?? 1)
        let yTicks = Self.ticks(min: ys.min() ?? 0, max: ys.max() ?? 1)
        let xRange = (xTicks.first ?? 0, xTicks.last ?? 1), yRange = (yTicks.first ?? 0, yTicks.last ?? 1)
        let f = frame
        func px(_ x: Double) -> Double { f.left + (x - xRange.0) / max(xRange.1 - xRange.0, 1e-12) * (f.right - f.left) }
        func py(_ y: Double) -> Double { f.bottom - (y - yRange.0) / max(yRange.1 - yRange.0, 1e-12) * (f.bottom - f.top) }
        var out = [#"<svg xmlns="http://www.w3.org/2000/svg" width="\#(n(canvasWidth))" height="\#(n(height))" viewBox="0 0 \#(n(canvasWidth)) \#(n(height))" font-family="sans-serif" font-size="12">"#]
        out.append(#"<rect x="0" y="0" width="\#(n(canvasWidth))" height="\#(n(height))" fill="white"/>"#)
        out.append(#"<text x="\#(n((f.left + f.right) / 2))" y="22" text-anchor="middle" font-size="15" font-weight="bold">\#(Self.escape(title))</text>"#)
        for tick in xTicks {
            out.append(#"<line x1="\#(n(px(tick)))" y1="\#(n(f.top))" x2="\#(n(px(tick)))" y2="\#(n(f.bottom))" stroke="gainsboro"/>"#)
            out.append(#"<line x1="\#(n(px(tick)))" y1="\#(n(f.bottom))" x2="\#(n(px(tick)))" y2="\#(n(f.bottom + 5))" stroke="black"/>"#)
            out.append(#"<text x="\#(n(px(tick)))" y="\#(n(f.bottom + 19))" text-anchor="middle">\#(Self.escape(Self.label(tick)))</text>"#)
        }
        for tick in yTicks {
            out.append(#"<line x1="\#(n(f.left))" y1="\#(n(py(tick)))" x2="\#(n(f.right))" y2="\#(n(py(tick)))" stroke="gainsboro"/>"#)
            out.append(#"<line x1="\#(n(f.left - 5))" y1="\#(n(py(tick)))" x2="\#(n(f.left))" y2="\#(n(py(tick)))" stroke="black"/>"#)
            out.append(#"<text x="\#(n(f.left - 8))" y="\#(n(py(tick) + 4))" text-anchor="end">\#(Self.escape(Self.label(tick)))</text>"#)
        }
        out.append(#"<rect x="\#(n(f.left))" y="\#(n(f.top))" width="\#(n(f.right - f.left))" height="\#(n(f.bottom - f.top))" fill="none" stroke="black"/>"#)
        out.append(#"<text x="\#(n((f.left + f.right) / 2))" y="\#(n(height - 14))" text-anchor="middle">\#(Self.escape(xLabel))</text>"#)
        out.append(#"<text x="16" y="\#(n((f.top + f.bottom) / 2))" text-anchor="middle" transform="rotate(-90 16 \#(n((f.top + f.bottom) / 2)))">\#(Self.escape(yLabel))</text>"#)
        var colourIndex = 0
        for (index, line) in series.enumerated() {
            let colour = line.colour ?? (line.isReference ? "#999999" : Self.palette[colourIndex % Self.palette.count])
            if !line.isReference && line.colour == nil { colourIndex += 1 }
            out += draw(line, colour: colour, px: px, py: py)
            out += legendEntry(line, colour: colour, row: index)
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private func draw(_ line: Series, colour: String, px: (Double) -> Double, py: (Double) -> Double) -> [String] {
        let points = line.points.filter { $0.y.isFinite }
        let path = points.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ")
        var out = [#"<polyline points="\#(path)" fill="none" stroke="\#(colour)" stroke-width="2"\#(line.strokeDashes)/>"#]
        guard !line.isReference else { return out }
        for point in points {
            if let error = point.error, error > 0 {
                out.append(#"<line x1="\#(n(px(point.x)))" y1="\#(n(py(point.y - error)))" x2="\#(n(px(point.x)))" y2="\#(n(py(point.y + error)))" stroke="\#(colour)"/>"#)
            }
            out.append(#"<circle cx="\#(n(px(point.x)))" cy="\#(n(py(point.y)))" r="3.5" fill="\#(colour)"/>"#)
        }
        return out
    }

    private func legendEntry(_ line: Series, colour: String, row: Int) -> [String] {
        let x = frame.right + 16, y = frame.top + 10 + Double(row) * 20
        return [
            #"<line x1="\#(n(x))" y1="\#(n(y))" x2="\#(n(x + 24))" y2="\#(n(y))" stroke="\#(colour)" stroke-width="2"\#(line.strokeDashes)/>"#,
            #"<text x="\#(n(x + 30))" y="\#(n(y + 4))">\#(Self.escape(line.name))</text>"#,
        ]
    }

    /// About `count` "nice" ticks (the step of 1, 2 or 5 × 10ᵏ nearest `range / count`) covering `min…max`.
    static func ticks(min low: Double, max high: Double, count: Int = 5) -> [Double] {
        let (low, high) = low == high ? (low - 1, high + 1) : (low, high)
        let raw = (high - low) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.min { abs(log($0 / raw)) < abs(log($1 / raw)) } ?? magnitude
        let first = floor(low / step) * step, last = ceil(high / step) * step
        return stride(from: first, through: last + step / 2, by: step).map { ($0 / step).rounded() * step }
    }

    /// A tick label without trailing zeros and with a true minus sign.
    static func label(_ value: Double) -> String {
        let text = String(format: "%g", abs(value) < 1e-9 ? 0 : value)
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// Text escaped for XML content and attributes.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private func n(_ value: Double) -> String { String(format: "%.1f", value) }
}
