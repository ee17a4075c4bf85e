import AllHandsConsole
import AllHandsCore
import Foundation
import TerminalUI

/// The notes of a call-down or a check-in, as a person gives them: `--text`, else what is piped
/// on stdin, else the person's `$VISUAL`/`$EDITOR` on the current notes (as git and the
/// console's compose do), else typed at the terminal and ended with Ctrl-D.
enum NotesInput {
    static func read(text: String?, current: String, what: String) throws -> String {
        if let text { return text }
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDIN_FILENO) == 1, let editor = ExternalEditor.command(environment: environment) else {
            return try MessageInput.read(what)
        }
        let result: ExternalEditor.EditResult
        do {
            result = try ExternalEditor.edit(initialText: current, command: editor, backend: NoScreen(),
                                             fileName: "allhands-notes.txt", environment: environment)
        } catch {
            throw CLIFailure(ExitCode.cannotCreate, "cannot edit the \(what): \(error.description)")
        }
        switch result {
        case .saved(var edited):
            while edited.last?.isNewline == true { edited.removeLast() }
            return edited
        case .failed(let failure, let left):
            if let left, left != current { Output.note("What the editor left (not saved):\n\(left)") }
            throw CLIFailure(ExitCode.software, "\(failure.description); the \(what) were not changed")
        }
    }

    /// The CLI has no screen to hand over while the editor runs.
    private final class NoScreen: Backend {
        var size: Size { Size(width: 80, height: 24) }
        func draw(_ grid: Grid) {}
        func readKey(timeoutMilliseconds: Int) -> Key? { nil }
        func suspend() {}
        func resume() {}
        func shutdown() {}
    }
}

extension Arguments {
    /// Every value of a repeatable option (`--with a --with b,c`), comma lists split; removes them all.
    mutating func repeated(_ name: String) throws -> [String] {
        var values: [String] = []
        var index = 0
        while index < tokens.count {
            if tokens[index] == name, index + 1 < tokens.count {
                values.append(tokens[index + 1])
                index += 2
            } else {
                if tokens[index].hasPrefix(name + "=") { values.append(String(tokens[index].dropFirst(name.count + 1))) }
                index += 1
            }
        }
        _ = try option(name)
        return values.flatMap(ShiftCommands.logins)
    }
}
