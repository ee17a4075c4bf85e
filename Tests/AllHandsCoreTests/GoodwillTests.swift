import AllHandsCore
import Foundation
import Storage
import XCTest

/// Goodwill: granted within the shift's budget, awaiting a lead above it or off shift,
/// decided once by a lead other than the giver, audited on the ticket.
final class GoodwillTests: XCTestCase {
    static let nineAM = ShiftTests.nineAM
    static let hour = ShiftTests.hour
    /// The default config's budget: 50.00 USD a shift.
    let budget = Configuration.default.goodwill.budgetPerShift

    /// employee1 on shift 09:00–12:00 and again 13:00–14:00; a ticket; workspaces at 10:00.
    func onShift() throws -> (f: Fixture, me: Workspace, ticket: Int) {
        let f = try Fixture.withShiftPeople()
        let lead = try f.workspace(at: "lead1", Self.nineAM - 86_400)
        _ = try lead.shifts.add(startsAt: Self.nineAM, endsAt: Self.nineAM + 3 * Self.hour, people: ["employee1"])
        _ = try lead.shifts.add(startsAt: Self.nineAM + 4 * Self.hour, endsAt: Self.nineAM + 5 * Self.hour,
                                people: ["employee1"])
        let ticket = try f.addTicket(f.workspace())
        return (f, try f.workspace(at: "employee1", Self.nineAM + Self.hour), ticket)
    }

    func testWithinTheShiftsBudgetAGestureIsGrantedAndBeyondItAwaitsALead() throws {
        XCTAssertEqual(budget, 5_000)
        let (f, me, ticket) = try onShift()
        XCTAssertEqual(try me.goodwill.budget().left, budget)
        let first = try me.goodwill.give(ticketID: ticket, kind: .refund, amount: 3_000, reason: "  Charged twice. ")
        XCTAssertEqual(first.status, .granted)
        XCTAssertEqual(first.reason, "Charged twice.")
        XCTAssertEqual(first.currency, "USD")
        XCTAssertEqual(try me.goodwill.give(ticketID: ticket, kind: .credit, amount: 1_500, currency: "usd", reason: "r").status,
                       .granted)
        XCTAssertEqual(try me.goodwill.give(ticketID: ticket, kind: .swag, amount: 1_000, reason: "Over").status, .awaiting,
                       "45.00 spent: 10.00 more is over 50.00")
        XCTAssertEqual(try me.goodwill.give(ticketID: ticket, kind: .swag, amount: 500, reason: "Exactly").status, .granted,
                       "an awaiting gesture does not count against the budget")
        XCTAssertEqual(try me.goodwill.budget().left, 0)
        // The next shift has a budget of its own.
        let later = try f.workspace(at: "employee1", Self.nineAM + 4 * Self.hour)
        XCTAssertEqual(try later.goodwill.give(ticketID: ticket, kind: .refund, amount: budget, reason: "New shift").status,
                       .granted)

        let entry = try XCTUnwrap(f.workspace().audit.entries(entity: "ticket", id: String(ticket)).last)
        XCTAssertEqual(entry.action, "goodwill.give")
        XCTAssertEqual(entry.actor, "employee1")
        XCTAssertEqual(entry.after, #"{"amount":"30.00 USD","goodwill":"\#(first.id)","kind":"refund","#
                       + #""reason":"Charged twice.","status":"granted"}"#)
        XCTAssertEqual(try me.goodwill.forTicket(ticket).map(\.amount), [3_000, 1_500, 1_000, 500, budget])
    }

    /// Off shift there is no budget; a lead has the same budget as anyone, and over it another
    /// lead decides (nobody approves their own gesture).
    func testOffShiftEveryGestureAwaitsALeadAndLeadsHaveNoBlankCheque() throws {
        let (f, _, ticket) = try onShift()
        let off = try f.workspace(at: "employee2", Self.nineAM + Self.hour)
        XCTAssertEqual(try off.goodwill.budget().left, 0)
        XCTAssertEqual(try off.goodwill.give(ticketID: ticket, kind: .swag, amount: 1, reason: "Stickers").status, .awaiting)
        let lead = try f.workspace(at: "lead1", Self.nineAM + Self.hour)
        XCTAssertEqual(try lead.goodwill.budget().left, 0, "the lead is not on shift")
        let big = try lead.goodwill.give(ticketID: ticket, kind: .refund, amount: 90_000, reason: "Outage")
        XCTAssertEqual(big.status, .awaiting)
        XCTAssertThrowsError(try lead.goodwill.approve(id: big.id))
    }

    func testAGestureNeedsAnAmountAndAReasonInWords() throws {
        let (_, me, ticket) = try onShift()
        XCTAssertThrowsError(try me.goodwill.give(ticketID: ticket, kind: .credit, amount: 0, reason: "Sorry"))
        XCTAssertThrowsError(try me.goodwill.give(ticketID: ticket, kind: .credit, amount: 100, reason: "\u{1B}[2J")) { error in
            XCTAssertEqual(error as? AllHandsError, .invalid("a reason needs words: say why the customer should have this"))
        }
        XCTAssertThrowsError(try me.goodwill.give(ticketID: ticket, kind: .credit, amount: 100, reason: "\u{202E}"))
        XCTAssertEqual(try me.goodwill.list().count, 0, "nothing was written")
    }

    func testABadGestureIsRefusedWithTheReasonAndNothingIsWritten() throws {
        let (f, me, ticket) = try onShift()
        XCTAssertThrowsError(try me.goodwill.give(ticketID: ticket, kind: .refund, amount: 100, reason: " \n ")) { error in
            XCTAssertEqual(error as? AllHandsError, .invalid("a reason is required"))
        }
        XCTAssertThrowsError(try me.goodwill.give(ticketID: ticket, kind: .refund, amount: 100,
                                                  reason: String(repeating: "x", count: FieldLimits.reason + 1)))
        XCTAssertThrowsError(try me.goodwill.give(ticketID: ticket, kind: .refund, amount: 100, currency: "EUR", reason: "r")) { error in
            XCTAssertEqual(error as? AllHandsError,
                           .invalid("goodwill is given in USD, the currency of the shift budget (not EUR)"))
        }
        XCTAssertThrowsError(try me.goodwill.give(ticketID: ticket, kind: .refund, amount: -1, reason: "r"))
        XCTAssertThrowsError(try me.goodwill.give(ticketID: ticket, kind: .refund, amount: GoodwillService.largestAmount + 1,
                                                  reason: "r"))
        XCTAssertThrowsError(try me.goodwill.give(ticketID: 999, kind: .refund, amount: 1, reason: "r")) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "ticket #999"))
        }
        XCTAssertEqual(try f.database().fetchInt("SELECT count(*) FROM goodwill"), 0)
        XCTAssertTrue(try f.workspace().audit.entries(entity: "ticket").isEmpty)
    }

    func testLeadsSeeEveryonesGesturesAndOthersTheirOwn() throws {
        let (f, me, ticket) = try onShift()
        let mine = try me.goodwill.give(ticketID: ticket, kind: .refund, amount: 9_000, reason: "Big")
        let theirs = try f.workspace(at: "employee2", Self.nineAM).goodwill.give(ticketID: ticket, kind: .swag, amount: 1,
                                                                                reason: "Mug")
        _ = try me.goodwill.give(ticketID: ticket, kind: .swag, amount: 1, reason: "Pen")
        let lead = try f.workspace(at: "lead1", Self.nineAM + Self.hour)
        XCTAssertEqual(try lead.goodwill.list(status: .awaiting).map(\.id), [theirs.id, mine.id])
        XCTAssertEqual(try lead.goodwill.list().count, 3)
        XCTAssertEqual(try me.goodwill.list(status: .awaiting).map(\.id), [mine.id])
        XCTAssertEqual(try me.goodwill.list().map(\.by), ["employee1", "employee1"])
        XCTAssertEqual(try me.goodwill.forTicket(ticket).count, 3, "anyone sees a ticket's gestures")
    }

    func testALeadApprovesOrDeclinesOnceWithANoteOnTheTicket() throws {
        let (f, me, ticket) = try onShift()
        let big = try me.goodwill.give(ticketID: ticket, kind: .refund, amount: 7_500, reason: "Lost a day of work")
        let other = try me.goodwill.give(ticketID: ticket, kind: .credit, amount: 6_000, reason: "Second month")
        let lead = try f.workspace(at: "lead1", Self.nineAM + Self.hour)
        let approved = try lead.goodwill.approve(id: big.id)
        XCTAssertEqual(approved.status, .approved)
        XCTAssertEqual(approved.decidedBy, "lead1")
        XCTAssertEqual(approved.decidedAt, Self.nineAM + Self.hour)
        XCTAssertEqual(try me.goodwill.budget().spent, 7_500, "an approved gesture counts against the giver's shift")

        XCTAssertThrowsError(try f.workspace(at: "admin", Self.nineAM + Self.hour).goodwill.decline(id: big.id, reason: "no")) { error in
            XCTAssertEqual(error as? AllHandsError, .alreadyDecided(what: "goodwill #\(big.id)", outcome: "approved", by: "lead1"))
            XCTAssertEqual((error as? AllHandsError)?.description,
                           "goodwill #\(big.id) was already approved by lead1; nothing was changed")
        }
        XCTAssertThrowsError(try lead.goodwill.decline(id: other.id, reason: "  ")) { error in
            XCTAssertEqual(error as? AllHandsError, .invalid("a reason for declining is required"))
        }
        let declined = try lead.goodwill.decline(id: other.id, reason: "Covered by the refund")
        XCTAssertEqual(declined.status, .declined)

        let thread = try me.tickets.detail(id: ticket).messages
        XCTAssertEqual(thread.map(\.kind), [.note, .note])
        XCTAssertEqual(thread.map(\.body), ["Goodwill #\(big.id) (refund, 75.00 USD) approved by lead1.",
                                            "Goodwill #\(other.id) (credit, 60.00 USD) declined by lead1: Covered by the refund"])
        XCTAssertEqual(try GoodwillTests.statuses(f), ["approved", "declined"])
        let actions = try f.workspace().audit.entries(entity: "ticket", id: String(ticket)).map(\.action)
        XCTAssertEqual(actions, ["goodwill.decline", "goodwill.approve", "goodwill.give", "goodwill.give"])
    }

    func testOnlyLeadsDecideNeverOnTheirOwnAndOnlyWhatAwaits() throws {
        let (f, me, ticket) = try onShift()
        let awaiting = try me.goodwill.give(ticketID: ticket, kind: .refund, amount: 7_500, reason: "r")
        let granted = try me.goodwill.give(ticketID: ticket, kind: .swag, amount: 100, reason: "r")
        for login in ["employee2", "support1"] {
            XCTAssertThrowsError(try f.workspace(at: login, Self.nineAM).goodwill.approve(id: awaiting.id)) { error in
                guard case AllHandsError.notPermitted = error else { return XCTFail("\(error)") }
            }
        }
        let lead = try f.workspace(at: "lead1", Self.nineAM + Self.hour)
        XCTAssertThrowsError(try lead.goodwill.approve(id: granted.id)) { error in
            guard case AllHandsError.notAllowed(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("nothing to decide"), reason)
        }
        XCTAssertThrowsError(try lead.goodwill.approve(id: 999)) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "goodwill #999"))
        }
        // A lead's own gesture is granted; an employee promoted later cannot approve theirs.
        try f.database().write { db in try db.execute("UPDATE people SET role = 'lead' WHERE login = 'employee1'") }
        XCTAssertThrowsError(try f.workspace(at: "employee1", Self.nineAM).goodwill.approve(id: awaiting.id)) { error in
            XCTAssertEqual(error as? AllHandsError, .notAllowed("goodwill #\(awaiting.id) is your own; another lead decides on it"))
        }
        XCTAssertEqual(try GoodwillTests.statuses(f), ["awaiting", "granted"])
    }

    func testAmountsReadAndPrintInCents() {
        XCTAssertEqual(GoodwillService.parseAmount("12.50"), 1_250)
        XCTAssertEqual(GoodwillService.parseAmount("12.5"), 1_250)
        XCTAssertEqual(GoodwillService.parseAmount(" 12 "), 1_200)
        XCTAssertEqual(GoodwillService.parseAmount("0.07"), 7)
        XCTAssertEqual(GoodwillService.parseAmount("1000000"), GoodwillService.largestAmount)
        for bad in ["", "-1", "1.234", "1,000", "12.", ".5", "1e3", "1000000.01", "ten"] {
            XCTAssertNil(GoodwillService.parseAmount(bad), bad)
        }
        XCTAssertEqual(GoodwillService.format(1_250, currency: "USD"), "12.50 USD")
        XCTAssertEqual(GoodwillService.format(7, currency: "EUR"), "0.07 EUR")
    }

    static func statuses(_ f: Fixture) throws -> [String] {
        try f.database().fetchAll("SELECT status FROM goodwill ORDER BY id") { $0.string(0) }
    }
}
