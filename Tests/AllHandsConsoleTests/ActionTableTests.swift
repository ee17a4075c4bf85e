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
        XCTAssertEqual(ActionTable.completions("r"), ["refresh", "rotation"])
        XCTAssertEqual(ActionTable.completions("go"), ["goto"])
    }

    func testTheSpecificContextWins() {
        XCTAssertEqual(ActionTable.action(for: .character("q"), in: [.view, .scrolling, .global])?.id, .back)
        XCTAssertEqual(ActionTable.action(for: .character("q"), in: [.queue, .scrolling, .main, .global])?.id, .quit)
        XCTAssertEqual(ActionTable.action(for: .character("j"), in: [.queue, .scrolling, .main, .global])?.id, .down)
        XCTAssertNil(ActionTable.action(for: .character("j"), in: [.welcome, .global]))
    }

    func testHintsShowWhatTheKeyReallyDoesHere() {
        let view = ActionTable.hints(in: [.view, .scrolling, .global]).map(\.label)
        XCTAssertTrue(view.contains("back"))
        XCTAssertFalse(view.contains("quit"), "q means back in the ticket view")
    }
}
