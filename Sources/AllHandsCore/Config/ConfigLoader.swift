import Foundation

/// Reads a configuration file (JSON5) into `Configuration`, with errors that name the file, the
/// line and column, the key and the problem (`c.json5:3:21: console.tickMilliseconds: …`).
public enum ConfigLoader {
    /// The largest config file read; anything bigger is refused before it is read whole.
    public static let maximumBytes = 1 << 20

    public static func load(path: String) throws -> Configuration {
        try decode(try read(path: path), source: path)
    }

    /// The file's bytes: a folder, an unreadable file or one over `maximumBytes` is refused,
    /// and at most `maximumBytes + 1` bytes are ever read (a pipe or device included).
    static func read(path: String) throws -> Data {
        do {
            return try BoundedFile.read(path, maximumBytes: maximumBytes)
        } catch BoundedFile.Failure.missing {
            throw AllHandsError.notFound(what: "config file \(path)")
        } catch BoundedFile.Failure.folder {
            throw AllHandsError.badConfig("\(path) is a folder, not a config file (give the path of a .json5 file)")
        } catch BoundedFile.Failure.tooBig {
            throw AllHandsError.badConfig("\(path) is over \(maximumBytes / 1024 / 1024) MB; a config file is a few lines of JSON5")
        } catch BoundedFile.Failure.unreadable(let reason) {
            throw AllHandsError.badConfig("cannot read config file \(path): \(reason)")
        }
    }

    public static func decode(_ data: Data, source: String) throws -> Configuration {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        do {
            return try decoder.decode(Configuration.self, from: data)
        } catch let error as DecodingError {
            throw AllHandsError.badConfig(describe(error, in: Array(data), source: source))
        } catch {
            throw AllHandsError.badConfig("\(source): \(error)")
        }
    }

    /// `source:line:column: path: problem`. A syntax error's place comes from `JSON5Locator`
    /// (Foundation does not say where); a value's place is where that value starts.
    static func describe(_ error: DecodingError, in bytes: [UInt8], source: String) -> String {
        let locator: JSON5Locator
        do {
            locator = try JSON5Locator(bytes)
        } catch let syntax as JSON5Locator.SyntaxError {
            return "\(source):\(syntax.location): \(syntax.message)"
        } catch _ {
            return "\(source): \(describe(error))"
        }
        let place = locator.location(of: path(of: error)).map { ":\($0)" } ?? ""
        return "\(source)\(place): \(describe(error))"
    }

    static func path(_ keys: [any CodingKey]) -> String {
        let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? "." + key.stringValue }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : text
    }

    static func path(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context),
             .keyNotFound(_, let context):
            return path(context.codingPath)
        @unknown default:
            return ""
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func named(_ keys: [any CodingKey]) -> String {
            let text = path(keys)
            return text.isEmpty ? "top level" : text
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(named(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(named(context.codingPath)): missing \(type) value"
        case .keyNotFound(let key, let context):
            return "\(named(context.codingPath + [key])): required key is missing"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "\(named(context.codingPath)): \(underlying ?? context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
