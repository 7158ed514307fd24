// libFuzzer entry point for the WFDB header parser (`WFDBHeader`, Sources/ECG/WFDBHeader.swift).
// Built and run by scripts/fuzz/run.sh; any Swift runtime trap or sanitizer report is a crash.
import ECG
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWFDBHeader(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    // Decode the bytes the way `WFDBHeader(contentsOf:)` does: UTF-8, else ISO Latin-1.
    guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else { return 0 }
    guard let header = try? WFDBHeader(parsing: text, file: "fuzz.hea") else { return 0 }
    // What the writer makes of a parsed header must parse again (errors are fine, traps are not).
    _ = try? WFDBHeader(parsing: header.text(), file: "fuzz-roundtrip.hea")
    return 0
}
