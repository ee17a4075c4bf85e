/// Amounts of money as whole minor units (cents), parsed from and written as `12.50`.
public enum Money {
    /// `12`, `12.5`, `12.50` → 1250; nil for anything else (signs, three decimals, letters).
    public static func minorUnits(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12,
              parts[0].allSatisfy(\.isASCIIDigit), let whole = Int(parts[0]) else { return nil }
        var cents = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit),
                  let value = Int(fraction) else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        return whole * 100 + cents
    }

    /// `12.50 USD`.
    public static func format(_ minorUnits: Int, _ currency: String) -> String {
        let sign = minorUnits < 0 ? "-" : ""
        let value = abs(minorUnits)
        let cents = value % 100
        return "\(sign)\(value / 100).\(cents < 10 ? "0" : "")\(cents) \(currency)"
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
