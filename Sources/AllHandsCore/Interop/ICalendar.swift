/// An iCalendar object (RFC 5545) published for subscription: a named `VCALENDAR` of `VEVENT`s
/// with times in UTC. A pure writer: values in, text out.
///
/// What the text follows:
/// - every content line ends with CRLF, and none is longer than 75 octets (UTF-8 bytes) without
///   it: longer ones are folded (3.1), a continuation starting with one space that counts toward
///   its 75, and never inside a character's bytes;
/// - TEXT values are escaped (3.3.11): `\` `;` `,` as `\\` `\;` `\,`, a line break as `\n`; a tab
///   becomes a space and every other control character is dropped, since TEXT may hold none;
/// - times are UTC date-times (`20261124T140000Z`), so no `VTIMEZONE` is needed.
public struct ICalendar: Sendable, Equatable {
    /// `STATUS` of an event: a cancelled one tells subscribed calendars to drop it.
    public enum Status: String, Sendable {
        case confirmed = "CONFIRMED"
        case cancelled = "CANCELLED"
    }

    public struct Event: Sendable, Equatable {
        /// The same event keeps it across exports, so a calendar updates or drops it in place.
        public var uid: String
        /// When this copy of the event was made (`DTSTAMP`).
        public var stamp: Int64
        public var start: Int64
        public var end: Int64
        public var summary: String
        public var description: String
        public var status: Status
        /// Revision: a calendar takes the copy with the higher one.
        public var sequence: Int
        public var lastModified: Int64?

        public init(uid: String, stamp: Int64, start: Int64, end: Int64, summary: String, description: String = "",
                    status: Status = .confirmed, sequence: Int = 0, lastModified: Int64? = nil) {
            self.uid = uid
            self.stamp = stamp
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.status = status
            self.sequence = sequence
            self.lastModified = lastModified
        }
    }

    /// Shown by calendar apps as the calendar's name (`X-WR-CALNAME`).
    public var name: String
    public var events: [Event]
    /// Who made it (`PRODID`).
    public var productID: String

    public static let defaultProductID = "-//allhands//rotation//EN"
    /// The longest physical line, in octets, without its CRLF.
    public static let lineLimit = 75

    public init(name: String, events: [Event] = [], productID: String = ICalendar.defaultProductID) {
        self.name = name
        self.events = events
        self.productID = productID
    }

    /// The iCalendar stream. `cleaning` runs over each line of every TEXT value before it is
    /// escaped (the CLI passes the terminal sanitiser, so the stream is safe to show and still
    /// folded correctly).
    public func text(cleaning: (String) -> String = { $0 }) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "PRODID:" + Self.escape(productID, cleaning: cleaning),
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(name, cleaning: cleaning),
        ]
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escape(event.uid, cleaning: cleaning),
                "DTSTAMP:" + Self.utc(event.stamp),
                "DTSTART:" + Self.utc(event.start),
                "DTEND:" + Self.utc(event.end),
                "SEQUENCE:\(event.sequence)",
                "STATUS:" + event.status.rawValue,
                "SUMMARY:" + Self.escape(event.summary, cleaning: cleaning),
            ]
            if !event.description.isEmpty {
                lines.append("DESCRIPTION:" + Self.escape(event.description, cleaning: cleaning))
            }
            if let modified = event.lastModified { lines.append("LAST-MODIFIED:" + Self.utc(modified)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map { Self.fold($0) + "\r\n" }.joined()
    }

    /// A UTC date-time in the basic format: `20261124T140000Z`.
    public static func utc(_ instant: Int64) -> String {
        Timestamp.iso8601(instant).filter { $0 != "-" && $0 != ":" }
    }

    /// A TEXT value escaped (RFC 5545 3.3.11). Line breaks (CRLF, CR or LF) become `\n`; `cleaning`
    /// runs over each line once the control characters are gone.
    public static func escape(_ text: String, cleaning: (String) -> String = { $0 }) -> String {
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\n" where afterCR:
                continue
            case "\r", "\n":
                lines.append(String(line))
                line = String.UnicodeScalarView()
            case "\t":
                line.append(" ")
            default:
                if scalar.properties.generalCategory != .control { line.append(scalar) }
            }
        }
        lines.append(String(line))
        var escaped = ""
        for (index, line) in lines.enumerated() {
            if index > 0 { escaped += "\\n" }
            for character in cleaning(line).unicodeScalars {
                switch character {
                case "\\": escaped += "\\\\"
                case ";": escaped += "\\;"
                case ",": escaped += "\\,"
                default:
                    // Whatever `cleaning` returned, TEXT holds no control character.
                    if character.properties.generalCategory != .control { escaped.unicodeScalars.append(character) }
                }
            }
        }
        return escaped
    }

    /// One content line folded into physical lines of at most `lineLimit` octets, joined by CRLF
    /// and a space (the space is the first octet of its line). Breaks fall between Unicode
    /// scalars, never inside one's UTF-8 bytes.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > lineLimit else { return line }
        var folded = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > lineLimit {
                folded.append(contentsOf: "\r\n ".unicodeScalars)
                octets = 1
            }
            folded.append(scalar)
            octets += size
        }
        return String(folded)
    }
}
