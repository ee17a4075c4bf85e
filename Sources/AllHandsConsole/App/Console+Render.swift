import AllHandsCore
import Foundation
import TerminalUI

/// Drawing: a pure function of what was loaded and the UI state.
extension Console {
    func currentPage() -> TextPage? {
        let width = layout.content.width
        switch state.screen {
        case .ticket:
            return detail.map { d in
                state.showHistory
                    ? TicketPage.history(d, entries: history, width: width, timeZone: timeZone)
                    : isListeningThread
                    ? TicketPage.page(listenedDetail(d), width: width, timeZone: timeZone, now: now, sla: workspace.config.sla,
                                      banner: Self.listeningBanner + (hidesContacts ? " · contacts hidden" : ""),
                                      marked: messageMark)
                    : TicketPage.page(d, width: width, timeZone: timeZone, now: now, sla: workspace.config.sla, marked: messageMark)
            }
        case .help: return HelpScreen.page(width: width)
        case .welcome: return WelcomeScreen.page(width: width, databasePath: workspace.databasePath)
        case .report(let kind): return reportPage(kind, width: width)
        case .handoff: return handoffPage(width: width)
        case .confirmSend: return compose.map { ConfirmSendPage.page($0, width: width, timeZone: timeZone) }
        case .main, .search, .compose, .rotation, .tags, .tagCompare, .listen, .insights, .insightForm: return nil
        case .followUps, .followUpNotes: return nil
        }
    }

    /// The whole frame for the current size and state. Reads no database: everything it shows
    /// was loaded by a key or a tick.
    public func render() -> Grid {
        let size = backend.size
        var grid = Grid(size)
        let l = Layout.compute(size: size, focus: state.focus)
        if l.mode == .tooSmall {
            TooSmallScreen.draw(&grid, size: size)
            return grid
        }
        let t = now
        switch state.screen {
        case .main:
            if let tabs = l.tabBar { TabBar.draw(&grid, tabs, focus: state.focus) }
            if let rect = l.panes[.queue] {
                QueuePane.draw(&grid, rect, queue: queue, focused: state.focus == .queue,
                               bar: ViewBar(current: state.view, sort: state.sort, counts: viewCounts),
                               marks: QueuePane.Marks(dimension: primaryDimension, changed: Set(changedTickets.keys),
                                                      presence: presenceByTicket, sla: workspace.config.sla, now: t))
            }
            if let rect = l.panes[.rotation] {
                RotationPane.draw(&grid, rect, overview: rotation, now: t, timeZone: timeZone, focused: state.focus == .rotation,
                                  actionItems: myActionItems)
            }
            if let rect = l.panes[.tags] {
                TagsPane.draw(&grid, rect, board: tags.board, openTickets: viewCounts[.allOpen], changed: Set(changedTags.keys),
                              focused: state.focus == .tags, glyphs: glyphs)
            }
            if let separator = l.separator {
                for y in separator.y..<separator.maxY { grid.write("│", x: separator.x, y: y, role: .border) }
            }
        case .search:
            SearchResultsPane.draw(&grid, l.content, query: searchQuery, hits: searchHits, selected: searchSelection, now: t)
        case .compose:
            if let compose { ComposePane.draw(&grid, l.content, session: compose) }
        case .rotation:
            drawRotation(&grid, l.content, now: t)
        case .tags:
            drawTags(&grid, l.content)
        case .tagCompare:
            drawTagCompare(&grid, l.content)
        case .listen: drawListen(&grid, l.content, now: t)
        case .insights: drawInsights(&grid, l.content)
        case .insightForm: drawInsightForm(&grid, l.content)
        case .followUps: drawFollowUps(&grid, l.content, now: t)
        case .followUpNotes: if let notes { NotesPane.draw(&grid, l.content, session: notes) }
        case .ticket, .help, .welcome, .report, .handoff, .confirmSend:
            currentPage()?.draw(&grid, l.content, scroll: pageScroll.map { state[keyPath: $0] } ?? 0)
        }
        StatusBar.draw(&grid, l.statusBar, person: workspace.actor.person, via: workspace.actor.via,
                       shift: shiftLine, state: state, contexts: contexts,
                       prompt: prompt.map { ($0.purpose.label, $0.editor) },
                       completions: state.commandLine.map { completions(String($0.text.prefix($0.cursor))) } ?? [],
                       disabled: { [self] in disabledReason($0) != nil },
                       clock: Timestamp.clock(t, timeZone: timeZone))
        return grid
    }

    /// "on shift until 12:00" or "next shift Tue 09:00", in the viewer's zone.
    var shiftLine: String {
        if rotation.meOnShift, let until = rotation.myShiftEnds {
            return "on shift until " + Timestamp.hourMinute(until, timeZone: timeZone)
        }
        return rotation.myNextShift.map { "next shift " + Timestamp.weekdayClock($0, timeZone: timeZone, now: now) }
            ?? "no shift planned"
    }
}
