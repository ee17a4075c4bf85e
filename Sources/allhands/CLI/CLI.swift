import AllHandsConsole
import AllHandsCore
import Foundation
import Storage

/// Parses the command line, runs the command, and turns every failure into a message and a
/// sysexits code. Nothing here decides what a user may do: the domain does.
enum CLI {
    static func run(_ argv: [String], environment: [String: String]) -> Int32 {
        var args = Arguments(argv)
        var command: Command?
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
            if args.tokens.first == "help" {
                _ = args.word()
                guard !args.tokens.isEmpty else { Output.line(Help.general); return ExitCode.ok }
                command = try Commands.find(&args)
                Output.line(command?.usage ?? Help.general)
                return ExitCode.ok
            }
            command = try Commands.find(&args)
            if wantsHelp {
                Output.line(command?.usage ?? Help.general)
                return ExitCode.ok
            }
            let session = Session(databasePath: paths.database(explicit: dbOption),
                                  configPath: configOption ?? paths.defaultConfig,
                                  configIsExplicit: configOption != nil, actAs: actAs)
            session.createsDatabase = command.map { !Session.readOnlyCommands.contains($0.name) } ?? true
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
            try command.run(&args, session)
            return ExitCode.ok
        } catch let error as UsageError {
            Output.error(error.message)
            FileHandle.standardError.write(Data(((command?.usage ?? Help.general) + "\n").utf8))
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
