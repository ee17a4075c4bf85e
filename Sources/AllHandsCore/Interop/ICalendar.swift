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
        String(decoding: utf8(cleaning: cleaning), as: UTF8.self)
    }

    /// The stream as UTF-8 bytes, as a file or a pipe gets it.
    public func utf8(cleaning: (String) -> String = { $0 }) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(400 + events.count * 500)
        func line(_ content: String) { Self.appendFolded(content, to: &out) }
        func text(_ name: String, _ value: String) { line(name + ":" + Self.escape(value, cleaning: cleaning)) }
        line("BEGIN:VCALENDAR")
        text("PRODID", productID)
        line("VERSION:2.0")
        line("CALSCALE:GREGORIAN")
        line("METHOD:PUBLISH")
        text("X-WR-CALNAME", name)
        for event in events {
            line("BEGIN:VEVENT")
            text("UID", event.uid)
            line("DTSTAMP:" + Self.utc(event.stamp))
            line("DTSTART:" + Self.utc(event.start))
            line("DTEND:" + Self.utc(event.end))
            line("SEQUENCE:\(event.sequence)")
            line("STATUS:" + event.status.rawValue)
            text("SUMMARY", event.summary)
            if !event.description.isEmpty { text("DESCRIPTION", event.description) }
            if let modified = event.lastModified { line("LAST-MODIFIED:" + Self.utc(modified)) }
            line("END:VEVENT")
        }
        line("END:VCALENDAR")
        return out
    }

    /// A UTC date-time in the basic format: `20261124T140000Z`.
    public static func utc(_ instant: Int64) -> String {
        Timestamp.iso8601(instant).filter { $0 != "-" && $0 != ":" }
    }

    /// A TEXT value escaped (RFC 5545 3.3.11). Line breaks (CRLF, CR or LF) become `\n`; `cleaning`
    /// runs over each line once the control characters are gone.
    public static func escape(_ text: String, cleaning: (String) -> String = { $0 }) -> String {
        var escaped: [UInt8] = []
        for (index, line) in lines(text).enumerated() {
            if index > 0 { escaped += [0x5C, 0x6E] }
            var cleaned = cleaning(line)
            cleaned.withUTF8 { appendEscaped($0, to: &escaped) }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// The lines of `text` (ended by CRLF, CR or LF) with a tab as a space and every other
    /// control character (general category Cc: C0, DEL, and C1, which is `C2 80`…`C2 9F` in
    /// UTF-8) dropped.
    static func lines(_ text: String) -> [String] {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return [text] }
        var lines: [String] = []
        var line: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0D, 0x0A:
                lines.append(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            case 0x09:
                line.append(0x20)
            case 0x00..<0x20, 0x7F:
                break
            case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                index += 1
            default:
                line.append(byte)
            }
            index += 1
        }
        lines.append(String(decoding: line, as: UTF8.self))
        return lines
    }

    /// Appends UTF-8 `line` with `\` `;` `,` escaped and, whatever `cleaning` returned, no
    /// control character (a C1 control is `C2 80`…`C2 9F` in UTF-8).
    private static func appendEscaped(_ line: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var index = 0
        while index < line.count {
            let byte = line[index]
            switch byte {
            case 0x5C, 0x3B, 0x2C:
                out += [0x5C, byte]
            case 0x00..<0x20, 0x7F:
                break
            case 0xC2 where index + 1 < line.count && (0x80...0x9F).contains(line[index + 1]):
                index += 1
            default:
                out.append(byte)
            }
            index += 1
        }
    }

    /// One content line folded into physical lines of at most `lineLimit` octets, joined by CRLF
    /// and a space (the space is the first octet of its line). Breaks fall between Unicode
    /// scalars, never inside one's UTF-8 bytes.
    public static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        appendFolded(line, to: &out)
        return String(decoding: out.dropLast(2), as: UTF8.self)
    }

    /// Appends `line` folded, and the CRLF that ends it.
    private static func appendFolded(_ line: String, to out: inout [UInt8]) {
        var line = line
        line.withUTF8 { bytes in
            var start = 0
            var limit = lineLimit
            while bytes.count - start > limit {
                // Back off from the limit to the start of a character (not a continuation byte).
                var end = start + limit
                while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
                out += UnsafeBufferPointer(rebasing: bytes[start..<end])
                out += [0x0D, 0x0A, 0x20]
                start = end
                limit = lineLimit - 1
            }
            out += UnsafeBufferPointer(rebasing: bytes[start...])
        }
        out += [0x0D, 0x0A]
    }
}
