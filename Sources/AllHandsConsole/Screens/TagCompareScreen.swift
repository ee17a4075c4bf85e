import AllHandsCore
import Foundation
import TerminalUI

/// Moving the needle: on the tags board, `m` asks for a date (a release, a fix) and shows the
/// selected tag's tickets week by week before and after it (`TagService.compare`). Dates are
/// read in the company's zone, as `tags compare` reads them, so both give the same weeks. `m` on the comparison marks another date; `q` goes back.
extension Console {
    /// `m` or `:compare DATE [WEEKS]` on the board: asks for the date unless given.
    func startCompare(_ argument: String?) throws {
        guard let trend = tags.selectedTag else {
            return flash("A date is compared for one tag: select a tag in the list (Tab goes back to it)", error: true)
        }
        try askOrCompare(tag: trend.tag.qualifiedName, argument)
    }

    private func askOrCompare(tag: String, _ argument: String?) throws {
        if let argument { return try compare(tag: tag, argument) }
        prompt = Prompt(purpose: .compareDate(tag: tag), editor: LineEditor())
    }

    /// `DATE [WEEKS]`, the date as YYYY-MM-DD in the company's zone (the weeks are its calendar's).
    func compare(tag: String, _ text: String) throws {
        let words = text.split(separator: " ").map(String.init)
        let zone = ShiftTime.companyZone(workspace.config)
        guard let date = words.first, ShiftTime.isDateAlone(date), words.count <= 2 else {
            return flash("Type a date as YYYY-MM-DD, in the company's time zone (\(zone.identifier)), and optionally the "
                         + "weeks each side: 2026-11-01 8", error: true)
        }
        var weeks = tags.compareWeeks
        if words.count == 2 {
            let range = TagService.compareWeeks
            guard let n = Int(words[1]), range.contains(n) else {
                return flash("WEEKS must be between \(range.lowerBound) and \(range.upperBound)", error: true)
            }
            weeks = n
        }
        let at = try ShiftTime.parse(date, timeZone: zone, what: "DATE")
        tags.comparison = try workspace.tags.compare(tag: tag, at: at, weeks: weeks)
        tags.compareWeeks = weeks
        tags.compareScroll = 0
        if state.screen != .tagCompare { state.push(.tagCompare) }
    }

    /// The comparison on show again, for `Ctrl-L`.
    func rerunCompare() throws {
        guard let c = tags.comparison else { return }
        tags.comparison = try workspace.tags.compare(tag: c.tag.qualifiedName, at: c.at, weeks: tags.compareWeeks)
    }

    func performOnTagCompare(_ id: ActionID, argument: String?) throws -> Outcome {
        guard let comparison = tags.comparison else { return .unhandled }
        let page = max(1, layout.content.height - 2)
        switch id {
        case .back: state.pop()
        case .compare: try askOrCompare(tag: comparison.tag.qualifiedName, argument)
        case .down: scrollCompare(by: 1)
        case .up: scrollCompare(by: -1)
        case .pageDown: scrollCompare(by: page)
        case .pageUp: scrollCompare(by: -page)
        case .top: scrollCompare(by: -Int.max / 2)
        case .bottom: scrollCompare(by: Int.max / 2)
        default: return .unhandled
        }
        return .handled
    }

    func scrollCompare(by delta: Int) {
        let limit = TagCompareView.maxScroll(lines: compareLines(width: layout.content.width).count, rect: layout.content)
        tags.compareScroll = min(max(0, tags.compareScroll.addingReportingOverflow(delta).partialValue), limit)
    }

    func compareLines(width: Int) -> [StyledLine] {
        guard let c = tags.comparison else { return [] }
        return TagCompareView.lines(c, weeks: tags.compareWeeks, zone: ShiftTime.companyZone(workspace.config), glyphs: glyphs, width: width)
    }

    func drawTagCompare(_ grid: inout Grid, _ rect: Rect) {
        guard let c = tags.comparison else { return }
        TagCompareView.draw(&grid, rect, title: TagCompareView.title(c, weeks: tags.compareWeeks),
                            lines: compareLines(width: rect.width), scroll: tags.compareScroll)
    }
}
