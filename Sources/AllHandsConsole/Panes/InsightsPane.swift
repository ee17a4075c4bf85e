import AllHandsCore
import Foundation
import TerminalUI

/// The insights view's list as loaded: newest first, the filter that chose them, the selected one.
struct InsightsModel: Equatable {
    var filter = InsightFilter()
    var items: [Insight] = []
    var selected = 0

    static let limit = 200

    var selectedInsight: Insight? { items.indices.contains(selected) ? items[selected] : nil }

    mutating func move(by delta: Int) {
        guard !items.isEmpty else { return }
        selected = min(max(0, selected.addingReportingOverflow(delta).partialValue), items.count - 1)
    }

    /// Reloaded: the same insight stays selected when it is still there.
    mutating func replace(_ loaded: [Insight]) {
        let id = selectedInsight?.id
        items = loaded
        selected = loaded.firstIndex { $0.id == id } ?? min(selected, max(0, loaded.count - 1))
    }

    /// `:insights [tag NAME] [author LOGIN] [customer EMAIL] [WORDS…]`: the pairs anywhere, the
    /// other words searched in the quotes and notes.
    static func parse(_ argument: String?) -> InsightFilter {
        var filter = InsightFilter()
        var words: [String] = []
        var parts = (argument ?? "").split(separator: " ").map(String.init)[...]
        while let word = parts.popFirst() {
            switch word {
            case "tag" where !parts.isEmpty: filter.tag = parts.popFirst()
            case "author" where !parts.isEmpty: filter.author = parts.popFirst()
            case "customer" where !parts.isEmpty: filter.customer = parts.popFirst()
            default: words.append(word)
            }
        }
        filter.search = words.isEmpty ? nil : words.joined(separator: " ")
        return filter
    }

    /// `tag billing · “late fee”`: the filter as the title says it; `all` for none.
    static func label(_ filter: InsightFilter) -> String {
        var parts: [String] = []
        if let tag = filter.tag { parts.append("tag " + tag) }
        if let author = filter.author { parts.append("by " + author) }
        if let customer = filter.customer { parts.append("customer " + customer) }
        if let search = filter.search { parts.append("“" + search + "”") }
        return parts.isEmpty ? "all" : parts.joined(separator: " · ")
    }
}

/// Each insight as a small block: the quote in quotation marks, wrapped; the note; the
/// customer; the tags; `#ticket · by login · date`; a blank row between blocks.
enum InsightsPane {
    static func block(_ insight: Insight, width: Int, timeZone: TimeZone, hideContacts: Bool) -> [StyledLine] {
        let textWidth = max(10, width - 4)
        var lines: [StyledLine] = []
        let quote = "“" + Sanitizer.lines(insight.quote).joined(separator: " ") + "”"
        for row in TextWrap.wrap(quote, width: textWidth) { lines.append(StyledLine([Span("  " + row, .customer)])) }
        if !insight.note.isEmpty {
            for row in TextWrap.wrap(Sanitizer.lines(insight.note).joined(separator: " "), width: textWidth - 2) {
                lines.append(StyledLine([Span("    " + row)]))
            }
        }
        var about: [String] = []
        if let name = insight.customerName { about.append(Sanitizer.clean(hideContacts ? ContactMask.mask(name) : name)) }
        if let email = insight.customerEmail, !hideContacts { about.append("<" + Sanitizer.clean(email) + ">") }
        if !insight.tags.isEmpty { about.append("· " + insight.tags.map(Sanitizer.clean).joined(separator: " ")) }
        if !about.isEmpty { lines.append(StyledLine([Span("    " + TextWidth.truncate(about.joined(separator: " "), to: textWidth - 2), .accent)])) }
        let ticket = insight.ticketID.map { "#\($0) · " } ?? ""
        let footer = "\(ticket)by \(Sanitizer.clean(insight.author)) · \(Timestamp.date(insight.createdAt, timeZone: timeZone))"
        lines.append(StyledLine([Span("    " + TextWidth.truncate("\(footer) · insight #\(insight.id)", to: textWidth - 2), .muted)]))
        return lines
    }

    /// Draws the blocks from the one that keeps the selected block in view; the selected block
    /// carries a bar in its margin and its quote is highlighted.
    static func draw(_ grid: inout Grid, _ rect: Rect, model: InsightsModel, timeZone: TimeZone, hideContacts: Bool,
                     emptyText: String) {
        guard rect.height > 0 else { return }
        guard !model.items.isEmpty else {
            grid.write(" " + emptyText, x: rect.x, y: rect.y, role: .muted, limit: rect.width)
            return
        }
        var rows: [(line: StyledLine, index: Int)] = []
        var selectedStart = 0
        for (index, insight) in model.items.enumerated() {
            if index == model.selected { selectedStart = rows.count }
            rows += block(insight, width: rect.width, timeZone: timeZone, hideContacts: hideContacts).map { ($0, index) }
            rows.append((StyledLine([]), -1))
        }
        let first = selectedStart >= rect.height - 4 ? max(0, min(selectedStart - 1, rows.count - rect.height)) : 0
        for (row, item) in rows.dropFirst(first).prefix(rect.height).enumerated() {
            let y = rect.y + row
            item.line.draw(&grid, x: rect.x, y: y, width: rect.width)
            if item.index == model.selected { grid.write("▌", x: rect.x, y: y, role: .accent) }
        }
        if model.items.indices.contains(model.selected) {
            let y = rect.y + selectedStart - first
            if y >= rect.y, y < rect.maxY { grid.paint(Rect(x: rect.x + 1, y: y, width: rect.width - 1, height: 1), role: .selection) }
        }
    }
}
