import Foundation

/// Progress of a long job on stderr: a bar with percentage, rate and ETA redrawn in place when
/// stderr is a terminal; a plain line every few seconds otherwise (logs, CI, batch jobs).
///
/// ```swift
/// let bar = ProgressBar(label: "denoising 100.hea", total: samples, unit: "samples")
/// bar.update(done)      // as often as you like: redraws are throttled
/// bar.finish()
/// ```
final class ProgressBar {
    enum Style { case terminal, lines, silent }

    private let label: String, unit: String
    private var total: Int?
    private let style: Style
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var done = 0
    private var drawnDone = -1
    private let interval: TimeInterval

    init(label: String, total: Int?, unit: String = "", style: Style? = nil) {
        self.label = label
        self.total = total
        self.unit = unit
        self.style = style ?? (StandardError.isTerminal ? .terminal : .lines)
        interval = self.style == .terminal ? 0.1 : 5
    }

    /// Records progress (`total` may change, e.g. when a download learns its size).
    func update(_ done: Int, total: Int? = nil) {
        self.done = done
        if let total { self.total = total }
        let now = Date()
        guard style != .silent, now.timeIntervalSince(lastDraw) >= interval else { return }
        lastDraw = now
        draw(final: false)
    }

    /// Draws the final state and ends the line.
    func finish() {
        guard style != .silent else { return }
        if style == .lines && drawnDone == done { return }
        draw(final: true)
    }

    /// The status text: `label [████░░░░]  42%  1.2M/2.9M samples  3.4M samples/s  ETA 0:07`.
    func line(width: Int = 24) -> String {
        let elapsed = max(Date().timeIntervalSince(start), 1e-3)
        let rate = Double(done) / elapsed
        var parts = [label]
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int((fraction * Double(width)).rounded(.down))
            parts.append("[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "]")
            parts.append(String(format: "%3.0f%%", fraction * 100))
            parts.append("\(Self.compact(done))/\(Self.compact(total)) \(unit)")
            let remaining = rate > 0 ? Double(total - done) / rate : 0
            parts.append("\(Self.compact(Int(rate)))\(unit.isEmpty ? "" : " " + unit)/s")
            parts.append("ETA \(Self.clock(remaining))")
        } else {
            parts.append("\(Self.compact(done)) \(unit)  \(Self.compact(Int(rate)))/s")
        }
        return parts.joined(separator: "  ")
    }

    private func draw(final: Bool) {
        drawnDone = done
        switch style {
        case .terminal: StandardError.print("\r" + line() + "\u{1B}[K", terminator: final ? "\n" : "")
        case .lines: StandardError.print(line())
        case .silent: break
        }
    }

    /// 1234567 → "1.2M".
    static func compact(_ value: Int) -> String {
        let v = Double(value)
        if v >= 1e9 { return String(format: "%.1fG", v / 1e9) }
        if v >= 1e6 { return String(format: "%.1fM", v / 1e6) }
        if v >= 1e4 { return String(format: "%.1fk", v / 1e3) }
        return String(value)
    }

    /// Seconds as `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.isFinite ? max(0, seconds) : 0)
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
