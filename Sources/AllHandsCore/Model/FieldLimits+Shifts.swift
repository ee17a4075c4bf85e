import Foundation

extension FieldLimits {
    /// A shift's label ("Tue morning", "EMEA late").
    public static let shiftLabel = 100
    /// The reason given for a goodwill gesture, a declined one, or a boundary.
    public static let reason = 1_000

    /// `text` without surrounding whitespace, refused when empty or longer than `limit`:
    /// `what` names the field in the message.
    static func required(_ text: String, _ what: String, limit: Int) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AllHandsError.invalid("\(what) is required") }
        guard length(trimmed) <= limit else {
            throw AllHandsError.invalid("\(what) is too long: \(length(trimmed)) characters, at most \(limit)")
        }
        return trimmed
    }
}
