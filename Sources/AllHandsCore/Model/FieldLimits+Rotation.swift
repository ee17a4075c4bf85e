import Foundation

extension FieldLimits {
    /// Why someone is away ("parental leave", "conference"): the same bound as other reasons.
    public static let timeOffReason = reason
    /// The note that goes with a swap offer ("dentist; happy to take your Friday").
    public static let swapNote = 500

    /// `text` without surrounding whitespace, which may be empty, refused when longer than
    /// `limit`: `what` names the field in the message.
    static func optional(_ text: String, _ what: String, limit: Int) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard length(trimmed) <= limit else {
            throw AllHandsError.invalid("\(what) is too long: \(length(trimmed)) characters, at most \(limit)")
        }
        return trimmed
    }
}
