/// The longest text each field may hold, in code points: one definition for validation, imports
/// and messages, so one 1 MB name can never make a listing print hundreds of megabytes.
public enum FieldLimits {
    public static let login = 32
    public static let name = 200
    public static let team = 100
    /// RFC 5321's limit on a forward path.
    public static let email = 254
    public static let subject = 500
    /// A message or draft: long enough for any real answer, bounded so one paste cannot bloat a thread.
    public static let messageBody = 100_000

    /// The length limits are measured in: Unicode code points, so a "character" piled with
    /// thousands of combining marks counts every one of them.
    public static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// `text` cut to a length fit to quote in a message ("'aaaa…' is not valid").
    public static func excerpt(_ text: String, length: Int = 40) -> String {
        guard Self.length(text) > length else { return text }
        var cut = String.UnicodeScalarView()
        cut.append(contentsOf: text.unicodeScalars.prefix(length - 1))
        return String(cut) + "…"
    }
}
