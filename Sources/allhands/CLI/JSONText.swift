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
        escapeUnsafe(Array(try encoder.encode(value)))
    }

    /// `bytes` (UTF-8 JSON) with every scalar the sanitiser calls unsafe, except `\n` between
    /// tokens, written as a `\uXXXX` escape. Only such scalars' lead bytes (0x7F, 0xC2, 0xD8,
    /// 0xE2) send it down the slow path.
    static func escapeUnsafe(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar != "\n", Sanitizer.isUnsafe(scalar) {
                out += Array(String(format: "\\u%04x", scalar.value).utf8)
            } else {
                out += Array(String(scalar).utf8)
            }
        }
        return out
    }
}

/// Writes a JSON array element by element, buffered, producing exactly the text `JSONText`
/// gives for the whole array, so a listing of a million rows never holds them all.
final class JSONArrayStream {
    private let encoder = JSONText.encoder()
    private var buffer: [UInt8] = []
    private var count = 0
    private let fd: Int32

    init(fd: Int32 = STDOUT_FILENO) {
        self.fd = fd
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    private static let flushAt = 64 * 1024

    func append<T: Encodable>(_ element: T) throws {
        let text = try JSONText.encode(element, with: encoder)
        buffer += count == 0 ? Array("[\n  ".utf8) : Array(",\n  ".utf8)
        // Nest the element one level: two more spaces after each line break. Strings cannot
        // hold a raw line break (the encoder escapes it), so every 0x0A is between tokens.
        for byte in text {
            buffer.append(byte)
            if byte == 0x0A { buffer += [0x20, 0x20] }
        }
        count += 1
        if buffer.count >= Self.flushAt { flush() }
    }

    /// Closes the array (`[]` as the encoder writes it when empty) and writes what is left.
    func finish() throws {
        if count == 0 {
            buffer += try JSONText.encode([Int](), with: encoder)
        } else {
            buffer += Array("\n]".utf8)
        }
        buffer.append(0x0A)
        flush()
    }

    private func flush() {
        Output.writeAll(buffer, to: fd)
        buffer.removeAll(keepingCapacity: true)
    }
}
