import Foundation
import Random
import Testing
@testable import ECG

/// A valid two-signal EDF file edited into a hostile one, and the error it must raise.
struct HostileEDF: Sendable, CustomTestStringConvertible {
    /// Bytes written over the file at `offset`.
    struct Patch: Sendable {
        var offset: Int
        var bytes: [UInt8]

        /// Signals in the template file.
        static let signalCount = 2

        /// A fixed-header field (`offset`, `width`) set to `text`, space-padded.
        static func field(_ offset: Int, _ width: Int, _ text: String) -> Patch { field(offset, width, Array(text.utf8)) }

        /// A fixed-header field set to raw bytes, space-padded.
        static func field(_ offset: Int, _ width: Int, _ bytes: [UInt8]) -> Patch {
            Patch(offset: offset, bytes: bytes + Array(repeating: 0x20, count: width - bytes.count))
        }

        /// Field `base` (of `width` bytes per signal) of signal `signal` set to `text`.
        static func signalField(_ signal: Int, _ base: Int, _ width: Int, _ text: String) -> Patch {
            field(256 + base * signalCount + signal * width, width, text)
        }
    }

    var name: String
    var patches: [Patch] = []
    /// Keep only this many bytes.
    var length: Int?
    /// Bytes appended after the data.
    var extra: [UInt8] = []
    var errorCase: String
    var problem: [String]
    var testDescription: String { name }

    /// The hostile bytes made from `template`.
    func apply(to template: Data) -> Data {
        var data = template
        for patch in patches { data.replaceSubrange(patch.offset..<(patch.offset + patch.bytes.count), with: patch.bytes) }
        if let length { data = data.prefix(length) }
        return data + extra
    }
}

@Suite("Bad input: EDF and EDF+ files", .timeLimit(.minutes(2)))
struct BadInputEDFTests {
    /// Two leads, 20 samples at 10 Hz: plain EDF, 2 one-second records of 2 × 10 samples (768 + 80 bytes).
    static let template: Data = {
        let signal = Signal(leads: [syntheticLead(count: 20, rate: 10), syntheticLead(count: 20, rate: 10, seed: 1)],
                            sampleRate: 10, leadNames: ["I", "II"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edf-template-\(UUID().uuidString).edf")
        try! EDFWriter.write(signal, to: url, edfPlus: false)
        defer { try? FileManager.default.removeItem(at: url) }
        return try! Data(contentsOf: url)
    }()

    // Fixed header: version 0/8, header bytes 184/8, reserved 192/44, records 236/8, duration 244/8, signals 252/4.
    // Per signal (× 2 signals): unit 96, physical min/max 104/112, digital min/max 120/128, samples per record 216.
    static let cases: [HostileEDF] = [
        .init(name: "empty file", length: 0, errorCase: "malformedEDF", problem: ["file has 0 bytes, less than the 256-byte fixed header"]),
        .init(name: "header cut inside the signal fields", length: 300, errorCase: "malformedEDF",
              problem: ["file has 300 bytes, less than its 768-byte header (truncated header)"]),
        .init(name: "header size far beyond the file", patches: [.field(184, 8, "99999999")], errorCase: "malformedEDF",
              problem: ["header size field says 99999999 bytes; 2 signals need 768"]),
        .init(name: "negative header size", patches: [.field(184, 8, "-256")], errorCase: "malformedEDF",
              problem: ["header size field says -256 bytes"]),
        .init(name: "non-numeric header size", patches: [.field(184, 8, "abc")], errorCase: "malformedEDF",
              problem: ["header size field 'abc' is not an integer"]),
        .init(name: "zero signals", patches: [.field(252, 4, "0")], errorCase: "malformedEDF", problem: ["signal count 0 is not in 1…4096"]),
        .init(name: "9999 signals", patches: [.field(252, 4, "9999")], errorCase: "malformedEDF", problem: ["signal count 9999 is not in 1…4096"]),
        .init(name: "negative signal count", patches: [.field(252, 4, "-1")], errorCase: "malformedEDF", problem: ["signal count -1 is not in"]),
        .init(name: "binary signal count", patches: [.field(252, 4, [0xFF, 0xFF])], errorCase: "malformedEDF",
              problem: ["signal count field '\\u{FFFD}\\u{FFFD}' is not an integer"]),
        .init(name: "record count -2", patches: [.field(236, 8, "-2")], errorCase: "malformedEDF",
              problem: ["data-record count -2 is negative"]),
        .init(name: "record count 99999999", patches: [.field(236, 8, "99999999")], errorCase: "edfRecordCountMismatch",
              problem: ["header declares 99999999 data records, file size holds 2"]),
        .init(name: "record count in exponent form", patches: [.field(236, 8, "1e3")], errorCase: "malformedEDF",
              problem: ["data-record count field '1e3' is not an integer"]),
        .init(name: "unknown record count, no data", patches: [.field(236, 8, "-1")], length: 768, errorCase: "edfRecordCountMismatch",
              problem: ["header declares -1 data records, file size holds 0"]),
        .init(name: "data cut mid-record", length: 800, errorCase: "edfRecordCountMismatch",
              problem: ["header declares 2 data records, file size holds 0"]),
        .init(name: "a partial record after the data", extra: [1, 2, 3], errorCase: "sizeMismatch",
              problem: ["header implies 848 bytes, file has 851"]),
        .init(name: "record duration 0", patches: [.field(244, 8, "0")], errorCase: "malformedEDF",
              problem: ["data-record duration '0' is not a positive number of seconds"]),
        .init(name: "negative record duration", patches: [.field(244, 8, "-1")], errorCase: "malformedEDF", problem: ["duration '-1'"]),
        .init(name: "NaN record duration", patches: [.field(244, 8, "nan")], errorCase: "malformedEDF", problem: ["duration 'nan'"]),
        .init(name: "infinite record duration", patches: [.field(244, 8, "inf")], errorCase: "malformedEDF", problem: ["duration 'inf'"]),
        .init(name: "record duration with a unit", patches: [.field(244, 8, "1s")], errorCase: "malformedEDF", problem: ["duration '1s'"]),
        .init(name: "record duration of 100 ns (100 MHz)", patches: [.field(244, 8, "1e-7")], errorCase: "invalidSampleRate",
              problem: ["sample rate 100000000.0 Hz is not usable"]),
        .init(name: "record duration of 10^6 s (10 µHz)", patches: [.field(244, 8, "1000000")], errorCase: "invalidSampleRate",
              problem: ["sample rate 1e-05 Hz is not usable"]),
        .init(name: "zero samples per record", patches: [.signalField(0, 216, 8, "0")], errorCase: "malformedEDF",
              problem: ["signal 0 ('I'): samples per record 0 is not in 1…10000000"]),
        .init(name: "negative samples per record", patches: [.signalField(1, 216, 8, "-5")], errorCase: "malformedEDF",
              problem: ["signal 1 ('II'): samples per record -5"]),
        .init(name: "99999999 samples per record", patches: [.signalField(0, 216, 8, "99999999")], errorCase: "malformedEDF",
              problem: ["samples per record 99999999 is not in 1…10000000"]),
        .init(name: "9999999 samples per record, small file", patches: [.signalField(0, 216, 8, "9999999")], errorCase: "edfRecordCountMismatch",
              problem: ["header declares 2 data records, file size holds 0"]),
        .init(name: "non-numeric samples per record", patches: [.signalField(0, 216, 8, "ten")], errorCase: "malformedEDF",
              problem: ["signal 0 ('I'): samples per record 'ten' is not an integer"]),
        .init(name: "digital minimum below 16 bits", patches: [.signalField(0, 120, 8, "-99999")], errorCase: "malformedEDF",
              problem: ["digital range -99999…32767 must be increasing and within −32768…32767"]),
        .init(name: "empty digital range", patches: [.signalField(1, 128, 8, "-32768")], errorCase: "malformedEDF",
              problem: ["signal 1 ('II'): digital range -32768…-32768"]),
        .init(name: "non-numeric digital minimum", patches: [.signalField(0, 120, 8, "low")], errorCase: "malformedEDF",
              problem: ["digital minimum 'low' is not an integer"]),
        .init(name: "NaN physical minimum", patches: [.signalField(0, 104, 8, "nan")], errorCase: "malformedEDF",
              problem: ["physical minimum 'nan' is not a finite number"]),
        .init(name: "infinite physical maximum", patches: [.signalField(0, 112, 8, "inf")], errorCase: "malformedEDF",
              problem: ["physical maximum 'inf' is not a finite number"]),
        .init(name: "physical maximum 1e300", patches: [.signalField(0, 112, 8, "1e300")], errorCase: "malformedEDF",
              problem: ["physical range", "within 32-bit float range"]),
        .init(name: "physical range ±1e36 V (beyond Float in mV)",
              patches: [.signalField(1, 96, 8, "V"), .signalField(1, 104, 8, "-1e36"), .signalField(1, 112, 8, "1e36")],
              errorCase: "malformedEDF", problem: ["signal 1 ('II'): physical range -1e+36…1e+36 V"]),
        .init(name: "empty physical range", patches: [.signalField(0, 104, 8, "1"), .signalField(0, 112, 8, "1")],
              errorCase: "malformedEDF", problem: ["physical range 1.0…1.0"]),
        .init(name: "only annotation channels", patches: [.signalField(0, 0, 16, "EDF Annotations"), .signalField(1, 0, 16, "EDF Annotations")],
              errorCase: "emptySignal", problem: ["(no ordinary signals)"]),
        .init(name: "signals with different rates", patches: [.signalField(1, 216, 8, "5")], length: 768 + 60, errorCase: "malformedEDF",
              problem: ["selected signals have different sample rates (I: 10/record, II: 5/record)"]),
        .init(name: "BDF file (version 0xFF BIOSEMI)", patches: [.field(0, 8, [0xFF] + Array("BIOSEMI".utf8))], errorCase: "malformedEDF",
              problem: ["version field is '\\u{FFFD}BIOSEMI', expected '0'"]),
        .init(name: "discontinuous EDF+D", patches: [.field(192, 44, "EDF+D")], errorCase: "malformedEDF",
              problem: ["discontinuous EDF+D recordings are not supported"]),
    ]

    @Test("a hostile EDF file is a typed error naming file and field", arguments: cases)
    func hostile(_ hostile: HostileEDF) throws {
        let url = try HostileFiles.write([UInt8](hostile.apply(to: Self.template)), named: "h.edf")
        expectECGError(hostile.errorCase, mentioning: [url.path] + hostile.problem) { _ = try EDFReader.read(from: url) }
    }

    @Test("the template itself reads back")
    func template() throws {
        let url = try HostileFiles.write([UInt8](Self.template), named: "ok.edf")
        let signal = try EDFReader.read(from: url)
        #expect(Self.template.count == 848 && signal.sampleCount == 20 && signal.leadNames == ["I", "II"])
    }

    @Test("every truncation is an error, never a shorter signal")
    func everyTruncation() throws {
        let url = try HostileFiles.write([], named: "t.edf")
        for length in 0..<Self.template.count {
            try Self.template.prefix(length).write(to: url)
            let error = #expect(throws: ECGError.self, "\(length) bytes") { try EDFReader.read(from: url) }
            #expect(error?.description.contains(url.path) == true, "\(String(describing: error))")
        }
    }

    @Test("byte-flipped headers and data: a signal or an ECGError, nothing else")
    func fuzz() throws {
        var rng = SeededGenerator(seed: 3)
        let url = try HostileFiles.write([], named: "f.edf")
        for round in 0..<1000 {
            var data = Self.template
            for _ in 0..<(1 + rng.index(below: 3)) {
                // Mostly the header, where the numbers live.
                let limit = rng.index(below: 4) == 0 ? data.count : 768
                data[rng.index(below: limit)] = UInt8(truncatingIfNeeded: rng.next())
            }
            try data.write(to: url)
            expectSuccessOrECGError("round \(round)") { _ = try EDFReader.read(from: url) }
        }
    }
}
