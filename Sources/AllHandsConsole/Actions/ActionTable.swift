import AllHandsCore
import TerminalUI

/// Where an action applies.
public enum ActionContext: String, CaseIterable, Sendable {
    /// Anywhere.
    case global
    /// The main screen, whatever pane has focus.
    case main
    /// The main screen with the queue focused.
    case queue
    /// One ticket: the one selected in the queue, or the one open in the ticket view.
    case ticket
    /// Any scrolling view: the queue, the ticket view, help.
    case scrolling
    /// The ticket view and the help screen.
    case view
    /// The search results.
    case search
    /// The inline composer (when no `$VISUAL`/`$EDITOR` is set).
    case compose
    /// The question asked before a send when someone else wrote meanwhile.
    case confirm
    /// The hand-off at the end of a shift.
    case handoff
    /// The welcome screen of an empty database.
    case welcome
    /// The main screen with the rotation pane focused.
    case rotationPane
    /// The rotation calendar (month and week views, fairness).
    case rotation
    /// The main screen with the tags pane focused.
    case tagsPane
    /// The tags board: every tag's trend, the matrix, the time window.
    case tags
    /// The queue opened from the tags board by a tag or a matrix cell.
    case tagQueue
    /// A tag before and after a marked date.
    case tagCompare
    // Walk-a-mile follow-ups: the call-down and check-in view, and writing notes inline.
    /// The call-down and check-in view (and the customer's tickets opened from it).
    case followUps
    /// Writing a call-down's or check-in's notes in the inline editor.
    case followUpNotes

    // Walk-a-mile listening (issue 11).
    /// The listen view's timeline.
    case listen
    /// The ticket view (not the queue): moving the message marker.
    case thread
    /// A thread opened from the listen view: read only.
    case listenThread
    /// The insights view.
    case insights
    /// The inline insight form.
    case insightForm

    /// Where it applies, as the help screen says it inside a sentence ("in the ticket view").
    public var place: String {
        switch self {
        case .global: "everywhere"
        case .main: "on the main screen"
        case .queue: "in the queue"
        case .ticket: "on a ticket"
        case .scrolling: "while moving around"
        case .view: "in the ticket and help views"
        case .search: "in search results"
        case .compose: "in the inline editor"
        case .confirm: "when asked before a send"
        case .handoff: "when ending a shift"
        case .welcome: "on the welcome screen"
        case .rotationPane: "on the rotation pane"
        case .rotation: "on the rotation calendar"
        case .tagsPane: "on the tags pane"
        case .tags: "on the tags board"
        case .tagQueue: "in a queue opened from the tags board"
        case .tagCompare: "when comparing a tag before and after a date"
        case .listen: "in the listen view"
        case .thread: "in the ticket view"
        case .listenThread: "in a thread opened from the listen view"
        case .insights: "in the insights view"
        case .insightForm: "in the insight form"
        case .followUps: "in the call-down and check-in view"
        case .followUpNotes: "while writing notes inline"
        }
    }

    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .main: "Main screen"
        case .queue: "Queue"
        case .ticket: "On a ticket (selected or open)"
        case .scrolling: "Moving around"
        case .view: "Ticket and help views"
        case .search: "Search results"
        case .compose: "Writing a reply or note (inline editor)"
        case .confirm: "Someone wrote while you were writing"
        case .handoff: "Ending a shift"
        case .welcome: "Welcome screen"
        case .rotationPane: "Main screen, rotation pane focused"
        case .rotation: "Rotation calendar"
        case .tagsPane: "Main screen, tags pane focused"
        case .tags: "Tags board"
        case .tagQueue: "A queue opened from the tags board"
        case .tagCompare: "A tag before and after a date"
        case .listen: "Listen view (read only: nothing reaches a customer)"
        case .thread: "Ticket view"
        case .listenThread: "A thread opened from the listen view (read only: replies, notes, status, tags and goodwill are not offered)"
        case .insights: "Insights"
        case .insightForm: "Capturing an insight (inline form)"
        case .followUps: "Call-downs, check-ins and action items"
        case .followUpNotes: "Writing call or check-in notes (inline editor)"
        }
    }
}

public enum ActionID: String, CaseIterable, Sendable {
    case quit, back, help, commandLine, refresh
    case nextPane, previousPane, focusQueue, focusRotation, focusTags
    case down, up, pageDown, pageUp, top, bottom
    case open, goto, loadDemo
    case nextView, previousView, view, nextSort, sort, search, newTicket, endShift, approvals, approve, decline,
         boundaries
    case claim, release, assign, reply, note, status, solve, priority, tag, untag, macro, goodwill, boundary, history,
         discard
    case send, keepDraft, sendAnyway, editAgain
    case handoffRelease, handoffNext, handoffConfirm
    case calendar, previousDay, nextDay, previousPeriod, nextPeriod, today, weekView, monthView, nextShiftInDay,
         previousShiftInDay, cycleFilter, filter, fairness, seat, unseat, plan, rebalance, check, timeOff, offerSwap, swaps,
         takeSwap, approveSwap, declineSwap, withdrawSwap, fairnessDown, fairnessUp
    case openTags, previousColumn, nextColumn, switchTagArea, nextTagWindow, tagWindow, compare
    // Walk-a-mile listening (issue 11).
    case listen, cycleListenFilter, openInsights, searchInsights, captureInsight, previousMessage, nextMessage, saveInsight, nextInsightField,
         leaveInsight
    // Walk-a-mile follow-ups.
    case followUps, everyonesCallDowns, callState, called, noAnswer, declinedCall, editNotes, addAction, actionDone,
         actionDropped, allActions, saveNotes, keepNotes
}

/// What the argument of a `:` command is, so Tab can complete it.
public enum ArgumentKind: Sendable {
    case status, priority, tag, macro, login, view, sort, goodwillKind, draftKind
    /// `all`, `mine`, `team:NAME` and logins, for the calendar's filter.
    case calendarFilter
    /// The people in the calendar's selected shift.
    case shiftPeople
    /// `24h`, `7d`, `30d`, `90d`.
    case tagWindow
    /// `all`, `tag NAME`, `shadow LOGIN` for `:listen`.
    case listenFilter
    /// `tag NAME`, `author LOGIN`, `customer EMAIL` for `:insights`.
    case insightsFilter
}

/// One thing a user can do: its keys, its `:` command, what it does and where. This table
/// alone drives key dispatch, the `?` help screen, the status-bar hints and completion on the
/// command line, so they cannot drift apart.
public struct ConsoleAction: Sendable {
    public let id: ActionID
    public let keys: [Key]
    /// The `:` command name, if it can be run by name.
    public let command: String?
    /// What `:command` takes, for help (`N` for `:goto N`).
    public let argument: String?
    /// What Tab completes after the command word.
    public let completes: ArgumentKind?
    public let description: String
    public let context: ActionContext
    /// A one-word label for the status bar, for the actions worth a hint there.
    public let hint: String?
    /// The right the domain will ask for. The console only uses it to show the action disabled
    /// with the reason; the domain still decides.
    public let requires: Action?
    /// A key that opens the command line with `:command ` typed, for actions that need an
    /// argument (`s` types `:status `, and Tab completes the statuses).
    public let prefills: Bool

    init(_ id: ActionID, _ keys: [Key], command: String? = nil, argument: String? = nil, completes: ArgumentKind? = nil,
         _ description: String, in context: ActionContext, hint: String? = nil, requires: Action? = nil,
         prefills: Bool = false) {
        self.id = id
        self.keys = keys
        self.command = command
        self.argument = argument
        self.completes = completes
        self.description = description
        self.context = context
        self.hint = hint
        self.requires = requires
        self.prefills = prefills
    }

    public var keyLabels: String { keys.map(\.label).joined(separator: " ") }
}

public enum ActionTable {
    public static let all: [ConsoleAction] = [
        .init(.quit, [.character("q"), .ctrl("c")], command: "quit", "Quit allhands", in: .global, hint: "quit"),
        .init(.back, [.character("q"), .escape], command: "back", "Back to where you were", in: .view, hint: "back"),
        .init(.loadDemo, [.character("d")], command: "demo", "Load the demo company (\(DemoOptions().people) people, \(DemoOptions().tickets) tickets) to look around", in: .welcome, hint: "demo"),
        .init(.help, [.character("?"), .function(1)], command: "help", "Show every key and command", in: .global, hint: "help"),
        .init(.commandLine, [.character(":")], "Open the command line (Tab completes, Enter runs, Esc cancels)", in: .global),
        .init(.refresh, [.ctrl("l")], command: "refresh", "Reload everything from the database and redraw", in: .global),
        .init(.search, [.character("/")], command: "search", argument: "WORDS", "Search subjects and messages (word*, \"a phrase\")", in: .global, hint: "search"),
        .init(.goto, [], command: "goto", argument: "N", "Open ticket N", in: .global),
        .init(.calendar, [.character("C")], command: "calendar", "Open the rotation calendar: month and week views, who is where, fairness, and the rota's actions", in: .global),

        .init(.nextPane, [.tab, .right], command: "next", "Focus the next pane", in: .main, hint: "pane"),
        .init(.previousPane, [.backTab, .left], command: "previous", "Focus the previous pane", in: .main),
        .init(.focusQueue, [.character("1")], command: "queue", "Focus the queue", in: .main),
        .init(.focusRotation, [.character("2")], command: "rotation", "Focus the rotation", in: .main),
        .init(.focusTags, [.character("3")], "Focus the live tags", in: .main),
        .init(.openTags, [.character("T")], command: "tags", "Open the tags board: every tag's trend, the area × type matrix, the time window, and whether a date such as a release moved a tag", in: .main),
        .init(.nextView, [.character("v")], "Next view: Unassigned, Mine, All open, Pending, Recently solved, Everything (and a tag's view once chosen with :view tag NAME)", in: .main, hint: "view"),
        .init(.previousView, [.character("V")], "Previous view", in: .main),
        .init(.view, [], command: "view", argument: "NAME [TAG]", completes: .view, "Show one view (by-tag takes a tag)", in: .main),
        .init(.nextSort, [.character("o")], "Order the queue by priority, age, or first-response due", in: .main, hint: "order"),
        .init(.sort, [], command: "sort", argument: "priority|age|due", completes: .sort, "Order the queue", in: .main),
        .init(.newTicket, [.character("c")], command: "new", argument: "EMAIL SUBJECT", "Create a ticket for a phone call, chat or internal report (the first message is written next)", in: .main, hint: "new", requires: .updateTicket, prefills: true),
        .init(.endShift, [.character("E")], command: "endshift", "End your shift: release or hand off each open ticket you hold", in: .main),
        .init(.calendar, [.enter], "Open the rotation calendar", in: .rotationPane, hint: "calendar"),
        .init(.approvals, [], command: "approvals", "Goodwill gestures waiting for a lead's approval", in: .global, requires: .approveGoodwill),
        .init(.approve, [], command: "approve", argument: "ID", "Approve goodwill gesture ID", in: .global, requires: .approveGoodwill),
        .init(.decline, [], command: "decline", argument: "ID REASON", "Decline goodwill gesture ID, saying why", in: .global, requires: .approveGoodwill),
        .init(.boundaries, [], command: "boundaries", "Requesters whose conduct was marked abusive", in: .global, requires: .reviewBoundaries),
        .init(.swaps, [], command: "swaps", "Swaps on offer or waiting for a lead's approval, with their numbers", in: .global),
        .init(.takeSwap, [], command: "take", argument: "ID", "Take swap ID: an open offer (it moves once a lead approves, where the policy asks)", in: .global, requires: .takeShifts),
        .init(.withdrawSwap, [], command: "withdraw", argument: "ID", "Take back swap ID, your own offer", in: .global, requires: .takeShifts),
        .init(.approveSwap, [], command: "approveswap", argument: "ID", "Approve taken swap ID: the seat moves", in: .global, requires: .manageShifts),
        .init(.declineSwap, [], command: "declineswap", argument: "ID", "Decline swap ID: nobody's seat moves", in: .global, requires: .manageShifts),

        .init(.down, [.character("j"), .down], "Move down one line", in: .scrolling, hint: "move"),
        .init(.up, [.character("k"), .up], "Move up one line", in: .scrolling),
        .init(.pageDown, [.pageDown, .ctrl("f"), .character(" ")], "Move down one page", in: .scrolling),
        .init(.pageUp, [.pageUp, .ctrl("b")], "Move up one page", in: .scrolling),
        .init(.top, [.character("g"), .home], command: "top", "Go to the top", in: .scrolling),
        .init(.bottom, [.character("G"), .end], command: "bottom", "Go to the bottom", in: .scrolling),
        .init(.open, [.enter], "Open the selected ticket with its whole thread", in: .queue, hint: "open"),

        .init(.claim, [.character("t")], command: "claim", "Take the ticket: it becomes yours unless someone got it first", in: .ticket, hint: "take", requires: .updateTicket),
        .init(.release, [.character("u")], command: "release", "Release your ticket back to the queue", in: .ticket, requires: .updateTicket),
        .init(.assign, [.character("A")], command: "assign", argument: "LOGIN", completes: .login, "Give the ticket to someone (me or none: take or release it)", in: .ticket, requires: .updateTicket, prefills: true),
        .init(.reply, [.character("r")], command: "reply", "Reply to the customer, in $VISUAL/$EDITOR or the inline editor", in: .ticket, hint: "reply"),
        .init(.note, [.character("n")], command: "note", "Write an internal note (never sent to the customer)", in: .ticket, hint: "note", requires: .updateTicket),
        .init(.status, [.character("s")], command: "status", argument: "STATUS", completes: .status, "Set the status: new, open, pending, solved, closed", in: .ticket, hint: "status", requires: .updateTicket, prefills: true),
        .init(.solve, [.character("S")], command: "solve", "Solve the ticket (needs a tag of each required dimension)", in: .ticket, requires: .updateTicket),
        .init(.priority, [.character("p")], command: "priority", argument: "PRIORITY", completes: .priority, "Set the priority: urgent, high, normal, low", in: .ticket, requires: .updateTicket, prefills: true),
        .init(.tag, [.character("+")], command: "tag", argument: "TAG…", completes: .tag, "Add tags (Tab completes from the taxonomy)", in: .ticket, hint: "tag", requires: .updateTicket, prefills: true),
        .init(.untag, [.character("-")], command: "untag", argument: "TAG…", completes: .tag, "Remove tags", in: .ticket, requires: .updateTicket, prefills: true),
        .init(.macro, [.character("m")], command: "macro", argument: "NAME", completes: .macro, "Reply with a saved template; it may also set the status and tags", in: .ticket, prefills: true),
        .init(.goodwill, [.character("$")], command: "goodwill", argument: "KIND AMOUNT REASON…", completes: .goodwillKind, "Make a goodwill gesture (refund, credit, swag, other) with one good reason", in: .ticket, requires: .updateTicket, prefills: true),
        .init(.boundary, [], command: "boundary", argument: "REASON…", "Mark the requester's conduct as abusive, saying why", in: .ticket, requires: .updateTicket),
        .init(.discard, [], command: "discard", argument: "reply|note", completes: .draftKind, "Throw away your unsent draft", in: .ticket, requires: .updateTicket),
        .init(.history, [.character("h")], command: "history", "Show or hide the ticket's history (who changed what, when)", in: .view),

        .init(.send, [.ctrl("d"), .ctrl("x")], "Send what you wrote", in: .compose, hint: "send"),
        .init(.keepDraft, [.escape], "Stop writing; the text is kept as a draft on the ticket", in: .compose, hint: "keep draft"),
        .init(.sendAnyway, [.character("y")], "Send anyway", in: .confirm, hint: "send anyway"),
        .init(.editAgain, [.character("e")], "Edit your text again", in: .confirm, hint: "edit"),
        .init(.keepDraft, [.character("q"), .escape], "Do not send; keep the text as a draft", in: .confirm, hint: "keep draft"),
        .init(.handoffRelease, [.character("r")], "Release the selected ticket to the queue", in: .handoff, hint: "release"),
        .init(.handoffNext, [.character("h")], "Hand the selected ticket to the next person on the next shift", in: .handoff, hint: "hand to"),
        .init(.handoffConfirm, [.enter], "End the shift with these choices", in: .handoff, hint: "end shift"),
        .init(.back, [.character("q"), .escape], "Back without ending the shift", in: .handoff, hint: "back"),
        .init(.open, [.enter], "Open the selected ticket", in: .search, hint: "open"),
        .init(.back, [.character("q"), .escape], "Back to where you were", in: .search, hint: "back"),

        .init(.back, [.character("q"), .escape], "Back to where you were", in: .rotation, hint: "back"),
        .init(.down, [.character("j"), .down], "Next week (month view) or next shift (week view)", in: .rotation, hint: "move"),
        .init(.up, [.character("k"), .up], "Previous week (month view) or previous shift (week view)", in: .rotation),
        .init(.previousDay, [.character("h"), .left], "Previous day", in: .rotation),
        .init(.nextDay, [.character("l"), .right], "Next day", in: .rotation),
        .init(.nextShiftInDay, [.tab], "Next shift of the selected day", in: .rotation),
        .init(.previousShiftInDay, [.backTab], "Previous shift of the selected day", in: .rotation),
        .init(.previousPeriod, [.character("["), .pageUp], "Previous month (week in the week view)", in: .rotation),
        .init(.nextPeriod, [.character("]"), .pageDown], "Next month (week in the week view)", in: .rotation),
        .init(.today, [.character("t")], command: "today", "Go to today, with the shift on now selected", in: .rotation, hint: "today"),
        .init(.weekView, [.character("w")], command: "week", "Week view: each shift with its time, seats filled/min/max, problems and people; the now line", in: .rotation, hint: "week"),
        .init(.monthView, [.character("m")], command: "month", "Month view: each day's shifts and the worst problem among them; the selected day's shifts below", in: .rotation, hint: "month"),
        .init(.cycleFilter, [.character("f")], "Show everyone's shifts, then yours, then your team's", in: .rotation, hint: "filter"),
        .init(.filter, [], command: "filter", argument: "WHO", completes: .calendarFilter, "Show whose shifts and fairness: all, mine, a LOGIN or team:NAME", in: .rotation),
        .init(.fairnessDown, [.character("}")], "Scroll the fairness panel down a page (j k PgDn PgUp scroll it while it is shown in the calendar's place)", in: .rotation),
        .init(.fairnessUp, [.character("{")], "Scroll the fairness panel up a page", in: .rotation),
        .init(.fairness, [.character("F")], command: "fairness", "Show or hide the fairness panel in the calendar's place (it stays beside the calendar from 120 columns)", in: .rotation, hint: "fairness"),
        .init(.seat, [.character("a")], command: "seat", argument: "LOGIN", completes: .login, "Put someone (me for yourself) in the selected shift", in: .rotation, hint: "assign", requires: .manageShifts, prefills: true),
        .init(.plan, [.character("P")], command: "plan", argument: "[FROM [TO]]", "Plan: create the template shifts from today for 13 weeks and fill them fairly, keeping every seat already planned (FROM and TO in company time for another range)", in: .rotation, hint: "plan", requires: .manageShifts),
        .init(.rebalance, [.character("R")], command: "rebalance", argument: "[FROM]", "Rebalance the future after time off, departures or new hires, changing as few seats as possible; the people affected are told", in: .rotation, hint: "rebalance", requires: .manageShifts),
        .init(.check, [.character("c")], command: "check", "List every gap, missing buddy, over-full shift, broken rule and over- or under-loaded person of the days on show, with the reason", in: .rotation, hint: "check"),
        .init(.timeOff, [.character("T")], command: "timeoff", argument: "[LOGIN] FROM TO [REASON…]", completes: .login, "Ask for time off (yours; leads anyone's), dates in company time: the planned shifts it hits are marked for re-planning", in: .rotation, hint: "time off", requires: .takeShifts, prefills: true),
        .init(.offerSwap, [.character("o")], command: "offer", argument: "[LOGIN]", completes: .login, "Offer your seat in the selected shift to anyone (:offer LOGIN to one person)", in: .rotation, hint: "offer", requires: .takeShifts),
        .init(.swaps, [.character("s")], "Swaps on offer or waiting for a lead's approval (:take ID takes one)", in: .rotation, hint: "swaps"),
        .init(.unseat, [.character("x")], command: "unseat", argument: "LOGIN", completes: .shiftPeople, "Take someone out of the selected shift", in: .rotation, hint: "unassign", requires: .manageShifts, prefills: true),

        .init(.openTags, [.enter], "Open the tags board", in: .tagsPane, hint: "tags board"),

        .init(.back, [.character("q"), .escape], "Back to where you were", in: .tags, hint: "back"),
        .init(.down, [.character("j"), .down], "Next tag; past the last one, into the matrix; in the matrix, the row below", in: .tags, hint: "move"),
        .init(.up, [.character("k"), .up], "Previous tag; in the matrix, the row above (out of its first row, back to the list)", in: .tags),
        .init(.previousColumn, [.character("h"), .left], "The matrix cell to the left", in: .tags),
        .init(.nextColumn, [.character("l"), .right], "The matrix cell to the right", in: .tags),
        .init(.switchTagArea, [.tab, .backTab], "Between the list and the matrix, back where the cursor was", in: .tags),
        .init(.open, [.enter], "Open the queue of the selected tag, or of a matrix cell's two tags (q comes back here)", in: .tags, hint: "queue"),
        .init(.nextTagWindow, [.character("w")], "Next time window: 24h, 7d, 30d, 90d; the change column compares it with the one before", in: .tags, hint: "window"),
        .init(.tagWindow, [], command: "window", argument: "24h|7d|30d|90d", completes: .tagWindow, "Show one time window", in: .tags),
        .init(.compare, [.character("m")], command: "compare", argument: "DATE [WEEKS]", "Mark a date (YYYY-MM-DD in the company's time zone) such as a release: the selected tag's tickets per week, 4 weeks (or WEEKS) before and after it, the change and the share of all tickets", in: .tags, hint: "mark date"),
        .init(.back, [.character("q"), .escape], "Back to the tags board, where you were; the queue shows your own view again", in: .tagQueue, hint: "back"),
        .init(.back, [.character("q"), .escape], "Back to the tags board", in: .tagCompare, hint: "back"),
        .init(.compare, [.character("m")], "Mark another date for the same tag (:compare DATE WEEKS for more or fewer weeks)", in: .tagCompare, hint: "mark date"),

        // Walk-a-mile listening (issue 11).
        .init(.listen, [.character("L")], command: "listen", argument: "[all | tag NAME | shadow LOGIN]", completes: .listenFilter, "Listen: a live, read-only timeline of new tickets, customer messages, replies and internal notes; all of them, one tag's, or everything one agent touches (shadow)", in: .global, requires: .listen),
        .init(.openInsights, [.character("I")], command: "insights", argument: "[tag NAME] [author LOGIN] [customer EMAIL] [WORDS]", completes: .insightsFilter, "Insights: customers' words kept by anyone, newest first; filter by tag, author or customer, or search their words", in: .global, requires: .listen),
        .init(.captureInsight, [.character("i")], command: "insight", argument: "[N]", "Keep an insight: the customer's words (the marked message, else the newest customer message; N: the Nth message), why they matter, tags", in: .ticket, requires: .listen),
        .init(.previousMessage, [.character("[")], "Mark the previous message of the thread (for i)", in: .thread),
        .init(.nextMessage, [.character("]")], "Mark the next message of the thread (for i)", in: .thread),
        .init(.back, [.character("q"), .escape], "Back to where you were; the listening session ends", in: .listen, hint: "back"),
        .init(.open, [.enter], "Open the selected entry's whole thread, read only", in: .listen, hint: "thread"),
        .init(.cycleListenFilter, [.character("f")], "Follow all, then the selected ticket's first tag, then the selected entry's agent (shadow)", in: .listen, hint: "filter"),
        .init(.captureInsight, [.character("i")], "Keep an insight from the selected entry's message", in: .listen, hint: "insight", requires: .listen),
        .init(.bottom, [.character("G"), .end], "Go to the newest entry and follow it again", in: .listen),
        .init(.captureInsight, [.character("i")], "Keep an insight from the marked message, else the newest customer message", in: .listenThread, hint: "insight", requires: .listen),
        .init(.back, [.character("q"), .escape], "Back to the listen view", in: .listenThread, hint: "back"),
        .init(.back, [.character("q"), .escape], "Back to where you were", in: .insights, hint: "back"),
        .init(.open, [.enter], "Open the insight's ticket", in: .insights, hint: "ticket"),
        .init(.searchInsights, [.character("/")], "Search the insights' words, or filter them (types :insights )", in: .insights, hint: "search"),
        .init(.captureInsight, [.character("i")], "Keep an insight from the selected result's message", in: .search, requires: .listen),
        .init(.saveInsight, [.ctrl("d"), .ctrl("x")], "Save the insight", in: .insightForm, hint: "save"),
        .init(.nextInsightField, [.tab, .backTab], "Next field (Shift-Tab: previous)", in: .insightForm, hint: "field"),
        .init(.leaveInsight, [.escape], "Leave without saving; i on the same message brings the text back", in: .insightForm, hint: "leave"),
    ] + followUpActions

    // Walk-a-mile follow-ups: the call-down and check-in view (FollowUpsScreen).
    static let followUpActions: [ConsoleAction] = [
        .init(.followUps, [.character("W")], command: "calldown", argument: "[WEEK|all|mine]", "Walk a mile: this week's call-down list (or week YYYY-Www; all for everyone's), your check-ins and your open action items", in: .global),
        .init(.back, [.character("q"), .escape], "Back (from a customer's tickets to the list)", in: .followUps, hint: "back"),
        .init(.open, [.enter], "A call-down's or check-in's customer: their recent tickets; a ticket there: open it", in: .followUps, hint: "tickets"),
        .init(.everyonesCallDowns, [.character("a")], "Everyone's call-downs, or yours again", in: .followUps, hint: "all"),
        .init(.called, [.character("c")], "The selected call-down: called", in: .followUps, hint: "called"),
        .init(.noAnswer, [.character("n")], "The selected call-down: no answer", in: .followUps, hint: "no answer"),
        .init(.declinedCall, [.character("x")], "The selected call-down: the customer declined", in: .followUps, hint: "declined"),
        .init(.callState, [], command: "callstate", argument: "STATE", "Set the selected call-down's state: to-call, called, no-answer, declined", in: .followUps),
        .init(.editNotes, [.character("e")], command: "notes", "Write the selected call-down's or check-in's notes in $VISUAL/$EDITOR or the inline editor", in: .followUps, hint: "notes"),
        .init(.addAction, [.character("+")], command: "action", argument: "TITLE [--due DATE] [--owner LOGIN]", "Add an action item linked to the selected call-down, check-in or ticket (due in a week and yours unless said: DATE is 2026-12-01, today, tomorrow, +3d or +2w)", in: .followUps, hint: "action", requires: .listen, prefills: true),
        .init(.actionDone, [.character("d")], command: "done", "The selected action item is done (its owner or a lead)", in: .followUps, hint: "done"),
        .init(.actionDropped, [.character("D")], command: "drop", "Drop the selected action item (its owner or a lead)", in: .followUps),
        .init(.allActions, [], command: "actions", argument: "all|mine", "Everyone's open action items, or yours", in: .followUps),
        .init(.saveNotes, [.ctrl("d"), .ctrl("x")], "Save the notes", in: .followUpNotes, hint: "save"),
        .init(.keepNotes, [.escape], "Stop writing; the text stays here until e brings it back", in: .followUpNotes, hint: "keep"),
    ]

    public static func action(_ id: ActionID) -> ConsoleAction? {
        all.first { $0.id == id }
    }

    /// The action `key` triggers in the given contexts; the most specific context wins.
    public static func action(for key: Key, in contexts: [ActionContext]) -> ConsoleAction? {
        for context in contexts {
            if let match = all.first(where: { $0.context == context && $0.keys.contains(key) }) { return match }
        }
        return nil
    }

    /// The action a command-line word names.
    public static func action(command: String) -> ConsoleAction? {
        all.first { $0.command == command }
    }

    /// Command names starting with `prefix`, for Tab completion.
    public static func completions(_ prefix: String) -> [String] {
        all.compactMap(\.command).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Status-bar hints for the given contexts: `key label` pairs, with the action so the bar
    /// can show a disabled one as such.
    public static func hints(in contexts: [ActionContext]) -> [(keys: String, label: String, action: ConsoleAction)] {
        // What a newcomer needs first: open, take, reply; moving around is what everyone knows.
        let order: [ActionID] = [.open, .cycleListenFilter, .captureInsight, .saveInsight, .nextInsightField, .leaveInsight, .calendar, .openTags, .compare, .nextTagWindow, .claim, .reply, .help, .note, .tag, .status, .send, .sendAnyway, .editAgain,
                                 .handoffRelease, .handoffNext, .handoffConfirm, .keepDraft, .loadDemo, .weekView, .monthView,
                                 .cycleFilter, .offerSwap, .seat, .swaps, .timeOff, .unseat, .plan, .rebalance, .check, .today,
                                 .fairness, .searchInsights, .called, .noAnswer, .editNotes, .addAction, .actionDone, .back,
                                 .search, .nextView, .down, .nextSort, .newTicket, .nextPane, .quit]
        // A key bound in a more specific context hides the same key further out (q is "back"
        // in the ticket view, not "quit"), so the hint shows what the key really does here.
        // What each key does here, as `action(for:in:)` finds it, in one pass (the bar is drawn
        // with every frame).
        var bound: [Key: ConsoleAction] = [:]
        for context in contexts {
            for action in all where action.context == context {
                for key in action.keys where bound[key] == nil { bound[key] = action }
            }
        }
        let reachable = all.filter { action in
            action.hint != nil && contexts.contains(action.context)
                && action.keys.first.map { key in bound[key]?.context == action.context && bound[key]?.id == action.id } ?? false
        }
        return reachable
            .sorted { (order.firstIndex(of: $0.id) ?? order.count) < (order.firstIndex(of: $1.id) ?? order.count) }
            .map { action in (action.id == .down ? "j/k" : action.keys.first?.label ?? "", action.hint ?? "", action) }
    }
}
