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

    /// A change in whole percent, signed: `+50%`, `-71%`, `0%`.
    public static func change(_ percent: Double) -> String {
        let whole = percent.rounded()
        return whole == 0 ? "0%" : String(format: "%+.0f%%", whole)
    }

    /// A share as a percent to one decimal: `12.5%` for 0.125.
    public static func share(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// An average to one decimal: `3.5` (tickets per week).
    public static func oneDecimal(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// The word with its indefinite article: "an employee", "a lead".
    public static func withArticle(_ word: String) -> String {
        guard let first = word.lowercased().first else { return word }
        return ("aeiou".contains(first) ? "an " : "a ") + word
    }
}
