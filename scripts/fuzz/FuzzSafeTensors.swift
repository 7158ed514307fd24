// libFuzzer entry point for the safetensors parser (`SafeTensorsFile(data:)`, Sources/SafeTensors).
// Built and run by scripts/fuzz/run.sh; any Swift runtime trap or sanitizer report is a crash.
import Foundation
import SafeTensors

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    guard let file = try? SafeTensorsFile(data: data) else { return 0 }
    // Everything a caller does with a file that parsed: convert every tensor, write it back, read that again.
    for tensor in file.tensors.values {
        _ = try? tensor.floats()
        _ = try? tensor.int64s()
    }
    if let bytes = try? file.serialized() { _ = try? SafeTensorsFile(data: bytes) }
    return 0
}
