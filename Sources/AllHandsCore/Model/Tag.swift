/// A label on tickets. Tags in a taxonomy dimension (`area`, `type`) measure where customers
/// struggle; free tags (no dimension) are allowed too.
public struct Tag: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var dimension: String?

    public init(id: Int, name: String, dimension: String?) {
        self.id = id
        self.name = name
        self.dimension = dimension
    }

    /// `area:billing` for taxonomy tags, the bare name for free tags.
    public var qualifiedName: String {
        dimension.map { "\($0):\(name)" } ?? name
    }
}

/// A tag with how many active tickets carry it and how that changed in the last 24 hours.
public struct TagCount: Sendable, Equatable {
    public var tag: Tag
    /// Active (new, open, pending) tickets with the tag.
    public var open: Int
    /// Tickets tagged with it that were created in the last 24 hours.
    public var last24h: Int
    /// Tickets with the tag over all time.
    public var total: Int
}

extension Tag {
    /// Tag names are short slugs: lower-case letters, digits, `-` and `_`, at most 40 characters,
    /// starting with a letter or a digit (a name starting with `-` could not be named on the
    /// command line, where it reads as an option).
    /// How a refusal describes the rule.
    public static let nameRule = "lower-case letters a–z, digits, '-' and '_', starting with a letter or a digit, at most 40"

    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else {
            return false
        }
        return name.count <= 40 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}
