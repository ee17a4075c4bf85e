import AllHandsConsole
import AllHandsCore
import Foundation
import Storage
import TerminalUI

/// Parses the command line, runs the command, and turns every failure into a message and a
/// sysexits code. Nothing here decides what a user may do: the domain does. Everything printed
/// goes through `Output`, which sanitises it.
enum CLI {
    static func run(_ argv: [String], environment: [String: String]) -> Int32 {
        // Tables measure CJK and emoji in terminal columns, as the console does.
        TextWidth.prepareLocale()
        var args = Arguments(argv)
        var usage = Help.general
        do {
            let paths = Paths(environment: environment)
            let dbOption = try args.option("--db")
            let configOption = try args.option("--config")
            let actAs = try args.option("--as")
            let wantsHelp = args.flag("--help", "-h")
            if args.flag("--version") {
                Output.line(Help.version)
                return ExitCode.ok
            }
            let asksForHelp = args.tokens.first == "help"
            if asksForHelp { _ = args.word() }
            let target = try Commands.lookup(&args)
            let command: Command?
            switch target {
            case .none:
                command = nil
            case .command(let found):
                command = found
                usage = Help.usage(of: found)
            case .group(let word):
                usage = Help.group(word)
                guard asksForHelp || wantsHelp else {
                    let names = Commands.group(word).map { $0.words[1] }.joined(separator: ", ")
                    throw UsageError("'\(word)' needs one of: \(names)")
                }
                Output.line(usage)
                return ExitCode.ok
            }
            if asksForHelp || wantsHelp {
                Output.line(usage)
                return ExitCode.ok
            }
            let session = Session(databasePath: paths.database(explicit: dbOption),
                                  configPath: configOption ?? paths.defaultConfig,
                                  configIsExplicit: configOption != nil, actAs: actAs)
            session.createsDatabase = !(command?.readsOnly ?? false)
            guard let command else {
                try args.finish()
                // The console needs a terminal on both ends; scripts and pipes get the overview.
                guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                    try Overview.print(session)
                    return ExitCode.ok
                }
                let workspace = try session.workspace()
                if let signal = try TerminalSession.run(workspace: workspace, clock: session.clock) {
                    return 128 + signal
                }
                return ExitCode.ok
            }
            // A command that wrote checkpoints as it ends, when no one waits for it (Storage.WALState).
            defer { session.opened?.maintain(promptly: true) }
            try command.run(&args, session)
            return ExitCode.ok
        } catch let error as UsageError {
            Output.error(error.message)
            Output.note(error.usage ?? usage)
            return ExitCode.usage
        } catch let failure as CLIFailure {
            Output.error(failure.message)
            return failure.code
        } catch let error as AllHandsError {
            Output.error(error.description + (ErrorHints.hint(for: error).map { "\n  " + $0 } ?? ""))
            return ExitCode.code(for: error)
        } catch let error as DatabaseError {
            Output.error(error.description)
            return ExitCode.code(for: error)
        } catch {
            Output.error("\(error)")
            return ExitCode.software
        }
    }
}
