import Foundation

extension SafeTensorsFile {
    /// The file's bytes in the standard layout, deterministically.
    ///
    /// Tensors are sorted by name (UTF-8 byte order) and packed in that order; `__metadata__`
    /// (keys sorted) comes first in the header, which is padded with spaces to a multiple of 8 bytes.
    ///
    /// ```swift
    /// let bytes = try SafeTensorsFile(tensors: ["w": SafeTensor(floats: [1, 2], shape: [2])]).serialized()
    /// ```
    public func serialized() throws -> Data {
        let names = tensors.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var header = "{"
        var members: [String] = []
        if !metadata.isEmpty {
            let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let pairs = keys.map { "\(Self.jsonString($0)):\(Self.jsonString(metadata[$0] ?? ""))" }
            members.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for name in names {
            guard let tensor = tensors[name] else { continue }
            guard !name.isEmpty, name != "__metadata__" else {
                throw SafeTensorsError.invalidTensorName(file: nil, tensor: name)
            }
            try tensor.checkByteCount(name: name)
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            members.append("\(Self.jsonString(name)):{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":[\(shape)],"
                + "\"data_offsets\":[\(offset),\(offset + tensor.data.count)]}")
            offset += tensor.data.count
        }
        header += members.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        headerBytes += Array(repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)

        var output = Data(capacity: 8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { output.append(contentsOf: $0) }
        output.append(contentsOf: headerBytes)
        for name in names { if let tensor = tensors[name] { output.append(tensor.data) } }
        return output
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
