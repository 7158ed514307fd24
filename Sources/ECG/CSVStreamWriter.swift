import Foundation

/// Writes a signal as CSV chunk by chunk (same layout as ``CSVSignal/write(_:to:includeTime:includeHeader:)``:
/// a `time,<lead names>` header and time in seconds) to a temporary file beside the target
/// (`.<name>.<uuid>.tmp`), flushed to disk and renamed into place by ``finish()``: the target
/// only ever holds a complete file (or the previous one), a killed writer leaves only the
/// temporary file.
///
/// ```swift
/// let writer = try CSVStreamWriter(url: out, sampleRate: 360, leadNames: ["MLII", "V5"])
/// try writer.append(chunk); try writer.finish()
/// ```
public final class CSVStreamWriter: SignalSink {
    private let url: URL, temporaryURL: URL
    private let handle: FileHandle
    private let sampleRate: Double, leadCount: Int
    private var rowsWritten = 0, finished = false

    /// Starts the file and writes the header row.
    public init(url: URL, sampleRate: Double, leadNames: [String]) throws {
        try Signal.checkSampleRate(sampleRate, context: url.path)
        self.url = url
        temporaryURL = temporarySibling(of: url)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporaryURL.path, contents: nil) else {
                throw ECGError.ioFailure(path: temporaryURL.path, reason: "cannot create")
            }
            handle = try FileHandle(forWritingTo: temporaryURL)
        } catch {
            throw ECGError.ioFailure(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
        self.sampleRate = sampleRate
        leadCount = leadNames.count
        let names = leadNames.map { $0.replacingOccurrences(of: ",", with: " ") }
        try write((["time"] + names).joined(separator: ",") + "\n")
    }

    deinit { if !finished { cancel() } }

    public func append(_ leads: [[Float]]) throws {
        guard leads.count == leadCount, let count = leads.first?.count, leads.allSatisfy({ $0.count == count }) else {
            throw ECGError.invalidArgument("\(url.path): chunk must have \(leadCount) leads of equal length")
        }
        // Written in blocks of rows, so the text of a large chunk is never held whole.
        let block = 1 << 15
        var text = ""
        text.reserveCapacity(min(count, block) * (leadCount + 1) * 14)
        for t in 0..<count {
            text += String(Double(rowsWritten + t) / sampleRate)
            for (l, lead) in leads.enumerated() {
                guard lead[t].isFinite else { throw ECGError.nonFiniteSample(context: url.path, lead: l, index: rowsWritten + t) }
                text += "," + String(lead[t])
            }
            text += "\n"
            if (t + 1) % block == 0 || t == count - 1 {
                try write(text)
                text.removeAll(keepingCapacity: true)
            }
        }
        rowsWritten += count
    }

    public func finish() throws {
        guard !finished else { return }
        finished = true
        do { try synchronizeAndClose(handle, path: url.path) } catch {
            cancel()
            throw error
        }
        try atomicRename(temporaryURL, to: url)
    }

    public func cancel() {
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(at: temporaryURL)
    }

    private func write(_ text: String) throws {
        do { try handle.write(contentsOf: Data(text.utf8)) } catch {
            throw ECGError.ioFailure(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}
