@testable import AllHandsCore
import Foundation
import Storage
import XCTest

/// The rotation as iCalendar: one event per assignment with a UID that survives every export,
/// a removed seat published as a cancellation under the same UID, one person's calendar holding
/// only theirs, and the default period around the clock's now.
final class RotationExportTests: XCTestCase {
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400
    /// 09:00 EST on the day after the fixture's Wednesday.
    static let morning = ShiftTests.nineAM + day

    /// Tomorrow morning employee1 with support1 as their buddy and lead1 listening; tomorrow
    /// afternoon employee2 alone.
    func planned() throws -> (f: Fixture, morning: Shift, afternoon: Shift) {
        let f = try Fixture.withShiftPeople()
        let lead = try f.workspace("lead1")
        let morning = try lead.shifts.add(startsAt: Self.morning, endsAt: Self.morning + 3 * Self.hour, maxSeats: 5,
                                          label: "Thu morning", people: ["employee1", "support1", "lead1"])
        let afternoon = try lead.shifts.add(startsAt: Self.morning + 4 * Self.hour, endsAt: Self.morning + 7 * Self.hour,
                                            people: ["employee2"])
        try f.database().write { db in
            try db.execute("""
                UPDATE shift_assignments SET role = 'buddy' WHERE shift_id = ?1 AND person_id = (SELECT id FROM people WHERE login = 'support1');
                """, morning.id)
            try db.execute("""
                UPDATE shift_assignments SET role = 'listener' WHERE shift_id = ?1 AND person_id = (SELECT id FROM people WHERE login = 'lead1');
                """, morning.id)
            try db.execute("""
                UPDATE shift_assignments SET paired_with = (SELECT id FROM people WHERE login = 'support1')
                WHERE shift_id = ?1 AND person_id = (SELECT id FROM people WHERE login = 'employee1');
                """, morning.id)
        }
        return (f, morning, afternoon)
    }

    func uid(_ f: Fixture, _ shift: Shift, _ login: String) throws -> String {
        let id = try XCTUnwrap(try f.workspace().people.find(login: login)?.id)
        return RotationExport.uid(shiftID: shift.id, startsAt: shift.startsAt, personID: id)
    }

    /// The event with `uid`, failing the test when there is not exactly one.
    func event(_ uid: String, in calendar: ICalendar, file: StaticString = #filePath, line: UInt = #line) throws -> ICalendar.Event {
        let found = calendar.events.filter { $0.uid == uid }
        XCTAssertEqual(found.count, 1, "events with UID \(uid)", file: file, line: line)
        return try XCTUnwrap(found.first, file: file, line: line)
    }

    // MARK: - Events

    func testEveryAssignmentIsOneEventSayingTheRoleTheBuddyAndTheOthersOnTheShift() throws {
        let (f, morning, afternoon) = try planned()
        let export = try f.workspace("employee2").rotationExport
        let rotation = try export.calendar()
        XCTAssertEqual(rotation.name, "Example Co support rotation")
        XCTAssertEqual(rotation.events.map(\.uid), [try uid(f, morning, "employee1"), try uid(f, morning, "lead1"),
                                                   try uid(f, morning, "support1"), try uid(f, afternoon, "employee2")])
        XCTAssertEqual(rotation.events.map(\.summary), [
            "Support shift (Thu morning) — A employee", "Listening session (Thu morning) — A lead",
            "Buddy: support shift (Thu morning) — A support", "Support shift — B employee",
        ])
        XCTAssertTrue(rotation.events.allSatisfy { $0.stamp == Fixture.now && $0.status == .confirmed && $0.sequence == 0 })
        XCTAssertEqual(rotation.events.first?.start, morning.startsAt)
        XCTAssertEqual(rotation.events.first?.end, morning.endsAt)

        let newcomer = try export.calendar(for: "employee1")
        XCTAssertEqual(newcomer.name, "Example Co support rotation: A employee")
        XCTAssertEqual(newcomer.events.map(\.summary), ["Support shift (Thu morning)"])
        XCTAssertEqual(newcomer.events.first?.description, """
            Buddy: A support (support1)
            Also on this shift: A lead (lead1, listening), A support (support1, buddy)
            Shift #\(morning.id)
            """)
        XCTAssertEqual(try export.calendar(for: "support1").events.first?.description, """
            Buddy to: A employee (employee1)
            Also on this shift: A employee (employee1), A lead (lead1, listening)
            Shift #\(morning.id)
            """)
        XCTAssertEqual(try export.calendar(for: "employee2").events.first?.description, """
            Nobody else on this shift.
            Shift #\(afternoon.id)
            """)
    }

    func testTheSameAssignmentKeepsItsUIDAcrossExportsAndOnlyTheStampMoves() throws {
        let (f, _, _) = try planned()
        let first = try f.workspace(at: "employee1", Fixture.now).rotationExport.calendar(to: Self.morning + Self.day)
        let later = try f.workspace(at: "employee1", Fixture.now + Self.hour).rotationExport.calendar(to: Self.morning + Self.day)
        XCTAssertEqual(first.events.count, 4)
        XCTAssertEqual(later.events.map(\.uid), first.events.map(\.uid))
        XCTAssertEqual(Set(later.events.map(\.stamp)), [Fixture.now + Self.hour])
        let restamped = later.events.map { event in
            var event = event
            event.stamp = Fixture.now
            return event
        }
        XCTAssertEqual(restamped, first.events)
    }

    func testARemovedSeatIsPublishedAsACancellationUnderTheUIDItHad() throws {
        let (f, morning, afternoon) = try planned()
        let lead = try f.workspace("lead1")
        let seat = try uid(f, morning, "employee1")
        let before = try event(seat, in: try lead.rotationExport.calendar(for: "employee1"))
        XCTAssertEqual(before.status, .confirmed)

        try lead.shifts.unassign("employee1", fromShift: morning.id)
        let mine = try lead.rotationExport.calendar(for: "employee1")
        let cancelled = try event(seat, in: mine)
        XCTAssertEqual(cancelled.status, .cancelled)
        XCTAssertGreaterThan(cancelled.sequence, before.sequence)
        XCTAssertEqual([cancelled.start, cancelled.end], [before.start, before.end])
        XCTAssertEqual(cancelled.summary, "Cancelled: Support shift (Thu morning)")
        XCTAssertEqual(cancelled.description, "A employee (employee1) is no longer on this shift.\nShift #\(morning.id)")
        XCTAssertEqual(try event(seat, in: try lead.rotationExport.calendar()).status, .cancelled)
        XCTAssertFalse(try event(try uid(f, morning, "support1"), in: try lead.rotationExport.calendar())
            .description.contains("employee1"), "the others no longer list them")

        try lead.shifts.remove(id: afternoon.id)
        let gone = try event(try uid(f, afternoon, "employee2"), in: try lead.rotationExport.calendar(for: "employee2"))
        XCTAssertEqual(gone.status, .cancelled)
        XCTAssertEqual(gone.description, "B employee (employee2) is no longer on this shift.\nShift #\(afternoon.id) (removed)")

        try lead.shifts.assign("employee1", toShift: morning.id)
        let back = try event(seat, in: try lead.rotationExport.calendar(for: "employee1"))
        XCTAssertEqual(back.status, .confirmed, "put back in the seat, the same UID is confirmed again")
        XCTAssertGreaterThan(back.sequence, cancelled.sequence, "and above the cancellation, so calendars take it")
        try lead.shifts.unassign("employee1", fromShift: morning.id)
        XCTAssertGreaterThan(try event(seat, in: try lead.rotationExport.calendar(for: "employee1")).sequence, back.sequence,
                             "every version of the seat is one above the last")
    }

    func testACancellationSurvivesWhenTheRemovedShiftsIdComesBackForAnotherShift() throws {
        let (f, _, afternoon) = try planned()
        let lead = try f.workspace("lead1")
        let old = try uid(f, afternoon, "employee2")
        try lead.shifts.remove(id: afternoon.id)
        // SQLite hands the highest id out again once that row is gone.
        let next = try lead.shifts.add(startsAt: Self.morning + Self.day, endsAt: Self.morning + Self.day + 3 * Self.hour,
                                       people: ["employee2"])
        XCTAssertEqual(next.id, afternoon.id)
        let calendar = try lead.rotationExport.calendar(for: "employee2")
        XCTAssertEqual(try event(old, in: calendar).status, .cancelled, "the old seat stays cancelled")
        XCTAssertEqual(try event(try uid(f, next, "employee2"), in: calendar).status, .confirmed)
    }

    func testOnePersonsCalendarHoldsOnlyTheirSeatsAndCancellations() throws {
        let (f, morning, afternoon) = try planned()
        let lead = try f.workspace("lead1")
        try lead.shifts.unassign("employee2", fromShift: afternoon.id)
        try lead.shifts.assign("employee2", toShift: morning.id)
        let export = try f.workspace("employee1").rotationExport
        XCTAssertEqual(try export.calendar(for: "employee2").events.map(\.uid),
                       [try uid(f, morning, "employee2"), try uid(f, afternoon, "employee2")])
        XCTAssertEqual(try export.calendar(for: "employee2").events.map(\.status), [.confirmed, .cancelled])
        XCTAssertEqual(try export.calendar(for: "admin").events, [], "the admin sits in no shift")

        let all = try export.calendars()
        XCTAssertEqual(all.people.map(\.login), ["employee1", "employee2", "lead1", "support1"])
        XCTAssertEqual(all.rotation, try export.calendar())
        for person in all.people {
            XCTAssertEqual(person.calendar, try export.calendar(for: person.login), person.login)
            let id = try XCTUnwrap(try f.workspace().people.find(login: person.login)?.id)
            XCTAssertFalse(person.calendar.events.isEmpty)
            XCTAssertTrue(person.calendar.events.allSatisfy { $0.uid.hasSuffix("-person-\(id)@allhands") }, person.login)
        }
        XCTAssertThrowsError(try export.calendar(for: "nobody")) { error in
            XCTAssertEqual(error as? AllHandsError, .notFound(what: "person 'nobody'"))
        }
    }

    func testANameCannotStartALineOfItsOwnInADescription() throws {
        let (f, morning, _) = try planned()
        try f.workspace().people.add(Person(login: "evil", name: "Evil\nBuddy: nobody"))
        try f.workspace("lead1").shifts.assign("evil", toShift: morning.id)
        let description = try XCTUnwrap(try f.workspace().rotationExport.calendar(for: "employee1").events.first?.description)
        XCTAssertEqual(description.split(separator: "\n").count, 3, description)
        XCTAssertTrue(description.contains("Evil Buddy: nobody (evil)"), description)
    }

    // MARK: - The period

    func testWithoutARangeAnExportRunsFromThirtyDaysBackToAYearAhead() throws {
        let (f, morning, _) = try planned()
        let export = try f.workspace().rotationExport
        let now = Fixture.now
        XCTAssertTrue(try export.range() == (now - 30 * Self.day, now + 365 * Self.day))
        let far = now + 1_000 * Self.day
        XCTAssertTrue(try export.range(from: far) == (far, far + 365 * Self.day), "a later start moves the end")
        let early = now - 1_000 * Self.day
        XCTAssertTrue(try export.range(to: early) == (early - 395 * Self.day, early), "an earlier end moves the start")
        XCTAssertThrowsError(try export.range(from: now, to: now))

        let uid = try uid(f, morning, "employee1")
        let within = try f.workspace(at: "employee1", morning.endsAt + 29 * Self.day).rotationExport.calendar()
        XCTAssertEqual(within.events.filter { $0.uid == uid }.count, 1)
        let past = try f.workspace(at: "employee1", morning.endsAt + 31 * Self.day).rotationExport.calendar()
        XCTAssertTrue(past.events.isEmpty, "a shift over a month ago is left out")
        XCTAssertEqual(try f.workspace(at: "employee1", morning.endsAt + 31 * Self.day).rotationExport
            .calendar(from: morning.startsAt, to: morning.endsAt).events.count, 3, "unless the range asks for it")
        XCTAssertTrue(try export.calendar(from: morning.endsAt, to: morning.endsAt + Self.hour).events.isEmpty,
                      "[from, to): a shift ending at `from` is not in it")
    }
}
