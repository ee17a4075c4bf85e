/// Hides customers' email addresses and phone numbers from listeners
/// (`listening.hideCustomerContacts`): "no screenshots of customer screens". Pure text in, text
/// out, so the console applies the same rule to a thread opened from the listen view.
///
/// A phone number is a run of 7 to 15 digits, alone or in groups split by a space, `-`, `.` or
/// parentheses, that is not part of a word or another number. It is hidden when it starts with
/// `+` or `0`, has a parenthesised group, or is a plain run of 10 digits or more, or is grouped
/// any other way but as thousands (`1 234 567`). Never hidden: ticket numbers (`#1234`), dates
/// (`2026-11-18`, `18.11.2026`), times (`10:30`), amounts (`$1,234.56`, `1 234 567 €`, `12.50`),
/// version and IP numbers (`192.168.0.10`), and short digit runs (ids, years, order numbers).
public enum ContactMask {
    public static let emailHidden = "[email hidden]"
    public static let phoneHidden = "[phone hidden]"

    /// `text` with every email address and phone number replaced.
    public static func mask(_ text: String) -> String {
        maskPhones(maskEmails(text))
    }

    // MARK: - Email addresses

    static func maskEmails(_ text: String) -> String {
        guard text.contains("@") else { return text }
        return text.replacing(/[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}/, with: emailHidden)
    }

    // MARK: - Phone numbers

    static func maskPhones(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isDigit) else { return text }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let end = phone(in: scalars, at: i) {
                out.append(contentsOf: phoneHidden.unicodeScalars)
                i = end
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The end of a phone number starting at `start`, or nil.
    private static func phone(in s: [Unicode.Scalar], at start: Int) -> Int? {
        let first = s[start]
        guard first == "+" || first == "(" || isDigit(first) else { return nil }
        if start > 0 {
            let before = s[start - 1]
            // Inside a word or number, after `#`, a currency sign, a decimal point or a sign.
            if isWordy(before) || before == "#" || before.properties.generalCategory == .currencySymbol
                || before == "." || before == "," || before == "-" || before == "/" || before == "+" {
                return nil
            }
        }
        var i = start
        let plus = first == "+"
        if plus { i += 1 }
        var groups: [Int] = []          // digits per group
        var separators: [String] = []   // what came before each group after the first
        var parenthesised = false
        var end = start
        var pending = ""
        while i < s.count {
            var j = i
            var open = false
            if s[j] == "(" { open = true; j += 1 }
            let digitsStart = j
            while j < s.count, isDigit(s[j]) { j += 1 }
            let count = j - digitsStart
            guard count > 0 else { break }
            if open {
                guard j < s.count, s[j] == ")" else { break }
                j += 1
                parenthesised = true
            }
            // A group followed by `:digit`, `,digit` or `.digit`-then-not-a-group ends the number
            // before it when it reads as a time or a decimal.
            if j + 1 < s.count, s[j] == ":" || s[j] == ",", isDigit(s[j + 1]) {
                if groups.isEmpty { return nil }
                break
            }
            if !groups.isEmpty { separators.append(pending) }
            groups.append(count)
            end = j
            // A separator: one or two of space, `-`, `.`; an opening parenthesis may follow.
            var k = j
            var separator = ""
            while k < s.count, separator.count < 3, s[k] == " " || s[k] == "-" || s[k] == "." {
                separator.unicodeScalars.append(s[k])
                k += 1
            }
            guard k < s.count, isDigit(s[k]) || s[k] == "(" else { break }
            if separator.isEmpty, s[k] != "(" { break }
            pending = separator.isEmpty ? "(" : separator
            i = k
        }
        guard !groups.isEmpty else { return nil }
        if end < s.count {
            let after = s[end]
            if isWordy(after) || after == "%" || after.properties.generalCategory == .currencySymbol { return nil }
            // `1 234 567 €`: an amount with its currency after a space.
            if after == " ", end + 1 < s.count, s[end + 1].properties.generalCategory == .currencySymbol { return nil }
        }
        let digits = groups.reduce(0, +)
        guard (7...15).contains(digits) else { return nil }
        let leadingZero = s[plus ? start + 1 : start] == "0" || (first == "(" && start + 1 < s.count && s[start + 1] == "0")
        if plus || parenthesised { return end }
        if groups.count == 1 { return digits >= 10 ? end : nil }
        if isDate(groups, separators) || isDotted(groups, separators) { return nil }
        if !leadingZero, isThousands(groups) { return nil }
        return end
    }

    /// `2026-11-18`, `18.11.2026`, `11/18/26` (with anything after: `2026-11-18 10:30`).
    private static func isDate(_ groups: [Int], _ separators: [String]) -> Bool {
        guard groups.count >= 3, separators[0] == separators[1], ["-", "."].contains(separators[0]) else { return false }
        let (a, b, c) = (groups[0], groups[1], groups[2])
        return (a == 4 && b <= 2 && c <= 2) || (a <= 2 && b <= 2 && (c == 2 || c == 4))
    }

    /// A version or IP number: every group split by a single dot, none longer than three digits.
    private static func isDotted(_ groups: [Int], _ separators: [String]) -> Bool {
        separators.allSatisfy { $0 == "." } && groups.allSatisfy { $0 <= 3 }
    }

    /// `1 234 567`: one to three digits, then groups of three.
    private static func isThousands(_ groups: [Int]) -> Bool {
        groups[0] <= 3 && groups.dropFirst().allSatisfy { $0 == 3 }
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    private static func isWordy(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil || c == "_"
    }
}
