import AllHandsConsole
import TerminalUI
import XCTest

final class ActionTableTests: XCTestCase {
    func testEveryActionHasAKeyOrACommandAndADescription() {
        for action in ActionTable.all {
            XCTAssertTrue(!action.keys.isEmpty || action.command != nil, "\(action.id) cannot be reached")
            XCTAssertFalse(action.description.isEmpty, "\(action.id) has no description")
        }
        XCTAssertEqual(Set(ActionTable.all.map(\.id)), Set(ActionID.allCases), "every action id is in the table")
    }

    func testNoKeyMeansTwoThingsInOneContext() {
        for context in ActionContext.allCases {
            var seen: [Key: ActionID] = [:]
            for action in ActionTable.all where action.context == context {
                for key in action.keys {
                    XCTAssertNil(seen[key], "\(key.label) is bound twice in \(context)")
                    seen[key] = action.id
                }
            }
        }
    }

    func testCommandsAreUniqueAndCompleteByPrefix() {
        let commands = ActionTable.all.compactMap(\.command)
        XCTAssertEqual(commands.count, Set(commands).count)
        for required in ["quit", "help", "goto", "refresh"] { XCTAssertTrue(commands.contains(required), required) }
        XCTAssertEqual(ActionTable.completions("re"), ["rebalance", "refresh", "release", "reply"])
        XCTAssertEqual(ActionTable.completions("got"), ["goto"])
    }

    func testTheSpecificContextWins() {
        XCTAssertEqual(ActionTable.action(for: .character("q"), in: [.view, .scrolling, .global])?.id, .back)
        XCTAssertEqual(ActionTable.action(for: .character("q"), in: [.queue, .scrolling, .main, .global])?.id, .quit)
        XCTAssertEqual(ActionTable.action(for: .character("j"), in: [.queue, .scrolling, .main, .global])?.id, .down)
        XCTAssertNil(ActionTable.action(for: .character("j"), in: [.welcome, .global]))
    }

    func testEveryShiftActionIsReachableByKeyOrCommand() {
        let commands = Set(ActionTable.all.compactMap(\.command))
        for required in ["claim", "release", "assign", "reply", "note", "status", "priority", "tag", "untag", "macro",
                         "goodwill", "boundary", "history", "search", "new", "view", "sort", "endshift", "approvals"] {
            XCTAssertTrue(commands.contains(required), required)
        }
        XCTAssertEqual(ActionTable.action(for: .character("t"), in: [.queue, .ticket, .scrolling, .main, .global])?.id, .claim)
        XCTAssertEqual(ActionTable.action(for: .character("r"), in: [.view, .ticket, .scrolling, .global])?.id, .reply)
        XCTAssertEqual(ActionTable.action(for: .character("/"), in: [.view, .ticket, .scrolling, .global])?.id, .search)
    }

    func testActionsThatTakeAnArgumentOpenTheCommandLineWithIt() {
        for action in ActionTable.all where action.prefills {
            XCTAssertNotNil(action.command, "\(action.id) prefills a command it does not have")
            XCTAssertNotNil(action.argument, "\(action.id) prefills but takes no argument")
        }
    }

    func testHintsShowWhatTheKeyReallyDoesHere() {
        let view = ActionTable.hints(in: [.view, .scrolling, .global]).map(\.label)
        XCTAssertTrue(view.contains("back"))
        XCTAssertFalse(view.contains("quit"), "q means back in the ticket view")
    }
}
