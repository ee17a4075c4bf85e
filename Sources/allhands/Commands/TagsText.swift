import Foundation

/// How `tags compare` and `tags report` write numbers: for people in tables, for programs in
/// JSON and CSV.
enum TagsText {
    /// `+50%`, `-71%`, `0%`: a change, whole percent, signed.
    static func change(_ percent: Double) -> String {
        let whole = percent.rounded()
        return whole == 0 ? "0%" : String(format: "%+.0f%%", whole)
    }

    /// `12.5%` for a share of 0.125.
    static func share(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// `3.5`: tickets per week.
    static func perWeek(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// A number for JSON and CSV, to two decimals (so the output does not depend on the last
    /// bits of a division).
    static func exact(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }

    /// A share as a percent for JSON and CSV: 12.5 for 0.125.
    static func percent(_ fraction: Double) -> Double {
        exact(fraction * 100)
    }

    /// A table line without the padding its empty last cells left.
    static func trimmingTrailingSpaces(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
