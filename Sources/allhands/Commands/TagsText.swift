import Foundation

/// How `tags compare` and `tags report` write numbers for programs (JSON and CSV); for people
/// they use `English.change`, `share` and `oneDecimal`, as the console does.
enum TagsText {
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
