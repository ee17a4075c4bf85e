import Foundation
import TerminalUI

/// The CLI's JSON: pretty, sorted keys, slashes unescaped. The encoder escapes C0 controls
/// inside strings; DEL, C1 controls and bidi controls, which JSON allows raw, are written as
/// `\uXXXX` too, so the output is safe to show in a terminal and decodes to the same text.
enum JSONText {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func encode<T: Encodable>(_ value: T, with encoder: JSONEncoder = encoder()) throws -> [UInt8] {
        let data = try encoder.encode(value)
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        data.withUnsafeBytes { copy($0.bindMemory(to: UInt8.self), to: &out, inString: false) }
        return out
    }

    /// Appends `text` as a JSON string literal, byte for byte as `encode` writes a string.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { copy($0, to: &out, inString: true) }
        out.append(0x22)
    }

    /// Copies UTF-8 `bytes` to `out`, writing every scalar the sanitiser calls unsafe (except a
    /// `\n` between tokens) as `\uXXXX`. Inside a string it also escapes what the encoder does:
    /// `"`, `\`, and C0 controls (`\b \f \n \r \t`, else `\u00xx`).
    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], inString: Bool) {
        var i = 0
        let count = bytes.count
        while i < count {
            // Copy a run of plain printable ASCII in one go: most text is nothing else.
            let runStart = i
            let plain = inString ? plainInString : plainBetweenTokens
            while i < count, plain[Int(bytes[i])] { i += 1 }
            if i > runStart { out += UnsafeBufferPointer(rebasing: bytes[runStart..<i]) }
            guard i < count else { return }
            let byte = bytes[i]
            if byte < 0x80 {
                if byte >= 0x20 && byte != 0x7F && (!inString || (byte != 0x22 && byte != 0x5C)) {
                    out.append(byte)
                } else if inString {
                    switch byte {
                    case 0x22, 0x5C: out += [0x5C, byte]
                    case 0x08: out += [0x5C, UInt8(ascii: "b")]
                    case 0x0C: out += [0x5C, UInt8(ascii: "f")]
                    case 0x0A: out += [0x5C, UInt8(ascii: "n")]
                    case 0x0D: out += [0x5C, UInt8(ascii: "r")]
                    case 0x09: out += [0x5C, UInt8(ascii: "t")]
                    default: appendEscape(UInt32(byte), to: &out)
                    }
                } else if byte == 0x0A || !Sanitizer.isUnsafe(Unicode.Scalar(byte)) {
                    out.append(byte)
                } else {
                    appendEscape(UInt32(byte), to: &out)
                }
                i += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            guard i + length <= count else {
                out += bytes[i...]
                return
            }
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            if let scalar = Unicode.Scalar(value), Sanitizer.isUnsafe(scalar) {
                appendEscape(value, to: &out)
            } else {
                out += bytes[i..<(i + length)]
            }
            i += length
        }
    }

    /// Bytes copied as they are: printable ASCII (but `"` and `\\` inside a string).
    private static let plainBetweenTokens: [Bool] = (0..<256).map { $0 >= 0x20 && $0 < 0x7F }
    private static let plainInString: [Bool] = (0..<256).map { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `\uXXXX` in lower-case hex, as the encoder writes control characters.
    private static func appendEscape(_ value: UInt32, to out: inout [UInt8]) {
        out += [0x5C, UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    /// `"key" : ` indented to `depth`, as the encoder writes an object's key.
    static func key(_ name: String, depth: Int) -> [UInt8] {
        [UInt8](repeating: 0x20, count: 2 * depth) + Array("\"\(name)\" : ".utf8)
    }
}

/// A value that writes itself as an element of a top-level JSON array (fields at depth 2),
/// byte for byte what `JSONText.encode` gives for the array, many times faster: for rows
/// streamed by the million.
protocol JSONArrayElement: Encodable {
    func appendArrayElement(to out: inout [UInt8])
}

/// Writes a JSON array element by element, buffered, producing exactly the text `JSONText`
/// gives for the whole array (`[`, elements nested one level, `]`; `[`, a blank line, `]` when
/// empty), so a listing of a million rows never holds them all.
final class JSONArrayStream {
    private var buffer: [UInt8] = []
    private var count = 0
    private let fd: Int32
    private static let flushAt = 64 * 1024

    init(fd: Int32 = STDOUT_FILENO) {
        self.fd = fd
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    func append<T: JSONArrayElement>(_ element: T) {
        startElement()
        element.appendArrayElement(to: &buffer)
        endElement()
    }

    private func startElement() {
        buffer += count == 0 ? [0x5B, 0x0A, 0x20, 0x20] : [0x2C, 0x0A, 0x20, 0x20]   // "[\n  " or ",\n  "
    }

    private func endElement() {
        count += 1
        if buffer.count >= Self.flushAt { flush() }
    }

    /// Closes the array and writes what is left.
    func finish() {
        buffer += count == 0 ? [0x5B, 0x0A, 0x0A, 0x5D, 0x0A] : [0x0A, 0x5D, 0x0A]
        flush()
    }

    private func flush() {
        Output.writeAll(buffer, to: fd)
        buffer.removeAll(keepingCapacity: true)
    }
}
