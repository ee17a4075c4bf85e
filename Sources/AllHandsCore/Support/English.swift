import Foundation

/// The few rules of English that messages need, in one place: "1 message", "2 messages",
/// "1 person", "an employee".
public enum English {
    /// `count` and the noun, singular for exactly one: `count(1, "ticket")` is "1 ticket",
    /// `count(3, "person", plural: "people")` is "3 people".
    public static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// Hours as people write them: `3`, `36`, `2.5`.
    public static func hours(_ hours: Double) -> String {
        hours == hours.rounded() ? String(Int(hours)) : String(format: "%.1f", hours)
    }

    /// The word with its indefinite article: "an employee", "a lead".
    public static func withArticle(_ word: String) -> String {
        guard let first = word.lowercased().first else { return word }
        return ("aeiou".contains(first) ? "an " : "a ") + word
    }
}
