import AllHandsCore
import Foundation
import TerminalUI

/// Runs the console on the real terminal and always gives the terminal back: on `q`, on
/// SIGINT/SIGTERM/SIGHUP (caught into a flag the loop checks every tick), and on any error,
/// which is rethrown only after `endwin` so its message lands on a normal screen.
public enum TerminalSession {
    /// Returns the signal that ended the session, or nil when the user quit.
    public static func run(workspace: Workspace, clock: any Clock) throws -> Int32? {
        receivedSignal = 0
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { number in receivedSignal = number }
        }
        let backend = NcursesBackend()
        defer { backend.shutdown() }
        let console = try Console(workspace: workspace, backend: backend, clock: clock)
        try console.run(tickMilliseconds: workspace.config.console.tickMilliseconds) { receivedSignal != 0 }
        return receivedSignal == 0 ? nil : receivedSignal
    }
}

/// Set from signal handlers; read by the loop. A plain word write is all a handler may do.
nonisolated(unsafe) private var receivedSignal: Int32 = 0
