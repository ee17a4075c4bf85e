@testable import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI
import XCTest

/// Capturing insights (`i`, `[`/`]`, `:insight N`) in the inline form and in `$EDITOR`, never
/// losing what was typed, and the insights view (issue 11), on `SmallCompany` with the fixed clock.
final class InsightConsoleTests: XCTestCase {
    func typing(_ text: String) -> [Key] { text.map { Key.character($0) } }

    func saved(_ f: ConsoleFixture) throws -> [Insight] {
        try f.console.workspace.insights.list(filter: InsightFilter(), limit: 50, before: nil)
    }

    // MARK: - The inline form

    func testTheFormFromTheListenViewSavesTheSelectedMessage() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 24), login: "mexec")
        f.console.editorCommand = nil
        // The newest entry: ticket 8's internal note; two up is its customer's first message.
        try f.press(.character("k"), .character("k"))
        let entry = try XCTUnwrap(f.console.listen?.selectedEntry)
        XCTAssertEqual(entry.kind, .newTicket)
        try f.press(.character("i"))
        XCTAssertEqual(f.console.state.screen, .insightForm)
        XCTAssertEqual(f.console.insightForm?.quote.text, entry.body)
        try f.press(.tab)
        try f.press(typing("They gave up on email resets"))
        try f.press(.tab)
        try f.press(typing("accounts onboarding"))
        assertSnapshot(f.backend.textWithStyles(), named: "insight-form-80x24")
        try f.press(.ctrl("d"))

        XCTAssertEqual(f.console.state.screen, .listen, "back where the person was")
        let insight = try XCTUnwrap(try saved(f).first)
        XCTAssertEqual(f.console.state.message, "Insight #\(insight.id) saved")
        XCTAssertEqual(insight.quote, entry.body.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(insight.note, "They gave up on email resets")
        XCTAssertEqual(Set(insight.tags.map { $0.split(separator: ":").last.map(String.init) ?? $0 }), ["accounts", "onboarding"])
        XCTAssertEqual(insight.ticketID, entry.ticketID)
        XCTAssertEqual(insight.messageID, entry.id)
        XCTAssertEqual(insight.author, "mexec")
        XCTAssertEqual(insight.createdAt, ConsoleFixture.now)
    }

    /// On a ticket: the newest customer message by default; `[`/`]` mark another; `:insight N`
    /// takes the Nth.
    func testOnATicketTheMarkerOrTheNumberChoosesTheMessage() throws {
        let f = try ConsoleFixture()
        f.console.editorCommand = nil
        try f.command("goto 1")
        let messages = try XCTUnwrap(f.console.detail?.messages)
        XCTAssertEqual(messages.map(\.kind), [.customer, .reply, .note])

        try f.press(.character("i"))
        XCTAssertEqual(f.console.insightForm?.messageID, messages[0].id, "the newest customer message")
        try f.press(.escape)
        XCTAssertEqual(f.console.state.screen, .ticket(id: 1))

        try f.press(.character("]"))
        XCTAssertEqual(f.console.messageMark, 0, "the first press marks the newest customer message")
        try f.press(.character("]"))
        XCTAssertEqual(f.console.messageMark, 1)
        XCTAssertTrue(f.screen.contains("\n \(TicketPage.markedPrefix)2. Reply · fkim · "), f.screen)
        XCTAssertEqual(f.console.state.message, "Message 2 of 3 marked: i keeps an insight from it")
        try f.press(.character("i"))
        XCTAssertEqual(f.console.insightForm?.messageID, messages[1].id)
        try f.press(.escape)

        try f.command("insight 3")
        XCTAssertEqual(f.console.insightForm?.messageID, messages[2].id)
        try f.press(.escape)
        try f.command("insight 9")
        XCTAssertEqual(f.console.state.message, "usage: :insight N, N from 1 to 3 (the Nth message of #1)")
    }

    /// Nothing typed is lost: Esc keeps the text for the next `i` on the message; a refused save
    /// stays in the form with the reason.
    func testNothingTypedIsLost() throws {
        let f = try ConsoleFixture()
        f.console.editorCommand = nil
        try f.command("goto 2")
        try f.press(.character("i"), .tab)
        try f.press(typing("Admins are blocked"))
        try f.press(.escape)
        XCTAssertEqual(f.console.state.message, "Insight not saved: i on the same message brings your text back")
        try f.press(.character("i"))
        XCTAssertEqual(f.console.insightForm?.note.text, "Admins are blocked")
        XCTAssertEqual(f.console.state.message, "Your unsaved insight on this message is back")

        // An empty quote is refused; the note stays.
        try f.press(.tab, .tab) // back to the quote
        XCTAssertEqual(f.console.insightForm?.field, .quote)
        for _ in 0..<10 { try f.press(.ctrl("u"), .backspace) }
        XCTAssertEqual(f.console.insightForm?.quote.text, "")
        try f.press(.ctrl("d"))
        XCTAssertEqual(f.console.state.screen, .insightForm)
        XCTAssertTrue(f.console.state.messageIsError)
        XCTAssertEqual(f.console.state.message, "Not saved: the quote is empty (the customer's words are the point)")
        XCTAssertEqual(f.console.insightForm?.note.text, "Admins are blocked")
        XCTAssertEqual(try saved(f), [])

        // A tag the domain refuses: the text stays, with its reason.
        try f.press(typing("Cannot invite"))
        try f.press(.tab, .tab)
        try f.press(typing(String(repeating: "x", count: 300)))
        try f.press(.ctrl("d"))
        XCTAssertEqual(f.console.state.screen, .insightForm, f.console.state.message ?? "")
        XCTAssertTrue(f.console.state.message?.hasPrefix("Not saved: ") ?? false, f.console.state.message ?? "")
        XCTAssertTrue(f.console.state.message?.hasSuffix(". Your text is here") ?? false, f.console.state.message ?? "")
        XCTAssertEqual(f.console.insightForm?.quote.text, "Cannot invite")
        XCTAssertEqual(f.console.insightForm?.note.text, "Admins are blocked")
    }

    // MARK: - $EDITOR

    /// The template's three sections come back as the three fields; an editor that fails leaves
    /// its text in the inline form.
    func testTheEditorWritesTheTemplateAndAFailureKeepsTheText() throws {
        let f = try ConsoleFixture()
        try f.command("goto 2")
        // The "editor" adds a note under [note] and a tag under [tags].
        f.console.editorCommand = "sed -i -e '/^\\[note\\]$/a Blocked at the second admin' -e '/^\\[tags\\]$/a accounts'"
        try f.press(.character("i"))
        let insight = try XCTUnwrap(try saved(f).first, f.console.state.message ?? "")
        XCTAssertEqual(f.console.state.message, "Insight #\(insight.id) saved")
        XCTAssertEqual(insight.quote, "Hello,\nCannot invite a second admin\n\nThanks.")
        XCTAssertEqual(insight.note, "Blocked at the second admin")
        XCTAssertEqual(insight.tags.count, 1)
        XCTAssertEqual(f.console.state.screen, .ticket(id: 2))

        f.console.editorCommand = "fail() { sed -i -e '/^\\[note\\]$/a Half a thought' \"$1\"; exit 3; }; fail"
        try f.press(.character("i"))
        XCTAssertEqual(f.console.state.screen, .insightForm)
        XCTAssertEqual(f.console.state.message, "Not saved: the editor exited with status 3. Your text is here")
        XCTAssertEqual(f.console.insightForm?.note.text, "Half a thought")
        XCTAssertEqual(try saved(f).count, 1)
    }

    /// From the search results: the hit's message.
    func testFromSearchResultsTheHitsMessage() throws {
        let f = try ConsoleFixture()
        f.console.editorCommand = nil
        try f.command("search looking")
        let hit = try XCTUnwrap(f.console.searchHits.first)
        guard case .message(let id) = hit.source else { return XCTFail("the hit is not in a message: \(hit.source)") }
        try f.press(.character("i"))
        XCTAssertEqual(f.console.state.screen, .insightForm)
        XCTAssertEqual(f.console.insightForm?.messageID, id)
        XCTAssertEqual(f.console.insightForm?.quote.text, "Thanks for writing in. I am looking into it now.")
        try f.press(.ctrl("d"))
        XCTAssertEqual(f.console.state.screen, .search)
        XCTAssertEqual(try saved(f).first?.messageID, id)
    }

    func testTheTemplateRoundTrips() {
        let form = InsightForm(ticketID: 4, messageID: 9, source: "Customer · Lee", quote: "Line one\n#1 is odd\n[not a section]",
                               note: "why", tags: "a b")
        let text = InsightFile.build(form)
        XCTAssertTrue(text.hasPrefix("# An insight from #4 · Customer · Lee.\n"), text)
        let fields = InsightFile.parse(text)
        XCTAssertEqual(fields?.quote, "Line one\n#1 is odd\n[not a section]")
        XCTAssertEqual(fields?.note, "why")
        XCTAssertEqual(fields?.tags, "a b")
        XCTAssertNil(InsightFile.parse("[quote]\nwords\n[tags]\n"), "a missing section is not guessed")
        XCTAssertEqual(InsightForm(ticketID: 1, messageID: nil, source: "", quote: "q", tags: "a, b\nc").tagNames, ["a", "b", "c"])
    }

    // MARK: - The insights view

    func addInsights(_ f: ConsoleFixture) throws -> (Insight, Insight) {
        let fkim = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "fkim")
        let first = try fkim.insights.add(quote: "I was charged twice and nobody told me why. Our finance team spent a whole afternoon on it.",
                                          note: "Duplicate charges cost customers real time", tags: ["billing"], ticketID: 1, messageID: nil)
        f.clock.epochSeconds += 3_600
        let mexec = try Workspace(database: f.otherProcess(), config: .default, clock: f.clock, login: "mexec")
        let second = try mexec.insights.add(quote: "I never realized how hard it is to add a second admin.", note: "",
                                            tags: ["accounts"], ticketID: 2, messageID: nil)
        return (first, second)
    }

    func testTheInsightsViewShowsBlocksNewestFirstAndFilters() throws {
        let f = try ConsoleFixture()
        let (first, second) = try addInsights(f)
        try f.press(.character("I"))
        XCTAssertEqual(f.console.state.screen, .insights)
        XCTAssertEqual(f.console.insights.items.map(\.id), [second.id, first.id])
        let screen = f.backend.textWithStyles()
        assertSnapshot(screen, named: "insights-120x40")

        try f.command("insights tag billing")
        XCTAssertEqual(f.console.insights.items.map(\.id), [first.id])
        XCTAssertTrue(f.screen.hasPrefix(" Insights · tag billing · newest first "), f.screen)
        try f.command("insights author mexec")
        XCTAssertEqual(f.console.insights.items.map(\.id), [second.id])
        try f.command("insights customer dana@northwind.example")
        XCTAssertEqual(f.console.insights.items.map(\.id), [first.id])
        try f.command("insights afternoon")
        XCTAssertEqual(f.console.insights.items.map(\.id), [first.id])
        try f.command("insights author nobody")
        XCTAssertTrue(f.console.state.messageIsError, f.console.state.message ?? "")
        XCTAssertEqual(f.console.insights.filter, InsightFilter(search: "afternoon"), "a refused filter changes nothing")
        try f.press(.character("/"))
        XCTAssertEqual(f.console.state.commandLine?.text, "insights ")
        try f.press(.escape)
        XCTAssertEqual(f.console.state.stack, [.main], "one insights view")
        XCTAssertEqual(f.console.completions("insights au"), ["author"])

        // Enter opens the insight's ticket; q comes back.
        try f.press(.enter)
        XCTAssertEqual(f.console.state.screen, .ticket(id: 1))
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .insights)
        try f.press(.character("q"))
        XCTAssertEqual(f.console.state.screen, .main)
    }

    /// Another process keeps an insight: the listening region moves and the view reloads.
    func testAnotherProcessesInsightShowsOnTheNextTick() throws {
        let f = try ConsoleFixture()
        try f.press(.character("I"))
        XCTAssertTrue(f.screen.contains(" No insights yet. i on a customer's message keeps their words here for everyone."), f.screen)
        let (_, second) = try addInsights(f)
        try f.console.tick()
        XCTAssertEqual(f.console.insights.items.first?.id, second.id)
        XCTAssertTrue(f.screen.contains("“I never realized how hard it is to add a second admin.”"), f.screen)
    }

    func testTheFilterWords() {
        let filter = InsightsModel.parse("late fee tag billing author ana customer a@b.example")
        XCTAssertEqual(filter, InsightFilter(search: "late fee", tag: "billing", author: "ana", customer: "a@b.example"))
        XCTAssertEqual(InsightsModel.parse(nil), InsightFilter())
        XCTAssertEqual(InsightsModel.parse("tag"), InsightFilter(search: "tag"))
        XCTAssertEqual(InsightsModel.label(filter), "tag billing · by ana · customer a@b.example · “late fee”")
    }
}
