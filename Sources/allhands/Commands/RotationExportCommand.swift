import AllHandsCore
import Foundation
import TerminalUI

/// `rotation export-ics`: the rotation as iCalendar (RFC 5545), for people's calendar apps to
/// import or subscribe to. Times are typed in the company's time zone, as for `shift list`.
enum RotationExportCommand {
    /// The whole rotation's file in an `--out` folder, beside one `LOGIN.ics` per person.
    static let rotationFile = "rotation.ics"

    static let command = Command(
        "rotation export-ics", "[--person LOGIN] [--from DATE] [--to DATE] [--out FILE|DIR]",
        "Export shifts as iCalendar for calendar apps: everyone's or one person's, removed seats as cancellations.",
        options: [
            "--person L   only L's shifts (me: yours)",
            "--from D     from this date or time (company time; default \(RotationExport.daysBack) days ago)",
            "--to D       up to this time, or to the end of this date (default \(RotationExport.daysAhead) days from now)",
            "--out FILE   write the calendar to FILE instead of stdout",
            "--out DIR    into an existing folder: \(rotationFile) for everyone and LOGIN.ics for each person in",
            "             the period, to serve for subscription (readable by all: 0644 less the umask)",
        ],
        readsOnly: true
    ) { args, session in
        let personText = try args.option("--person")
        let fromText = try args.option("--from"), toText = try args.option("--to")
        let out = try args.option("--out")
        try args.finish()
        let workspace = try session.workspace()
        let zone = ShiftTime.companyZone(workspace.config)
        let (from, to) = try ShiftCommands.period(from: fromText, to: toText, timeZone: zone)
        let login = personText.map { TicketCommands.login($0, in: workspace) }
        let export = workspace.rotationExport
        guard let out else {
            let calendar = try export.calendar(for: login, from: from, to: to)
            return Output.writeAll(bytes(calendar), to: STDOUT_FILENO)
        }
        guard PublishedFile.isFolder(out) else {
            let calendar = try export.calendar(for: login, from: from, to: to)
            try PublishedFile.write(bytes(calendar), to: out, protecting: session.databasePath)
            return Output.line("Wrote \(English.count(calendar.events.count, "event")) to \(out)")
        }
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        if let login {
            let calendar = try export.calendar(for: login, from: from, to: to)
            try PublishedFile.write(bytes(calendar), to: "\(folder)/\(login).ics", protecting: session.databasePath)
            return Output.line("Wrote \(English.count(calendar.events.count, "event")) to \(folder)/\(login).ics")
        }
        let calendars = try export.calendars(from: from, to: to)
        try PublishedFile.write(bytes(calendars.rotation), to: "\(folder)/\(rotationFile)", protecting: session.databasePath)
        // Compared without case: on a case-insensitive disk Ann.ics and ann.ics are one file.
        var taken: Set<String> = [rotationFile]
        var written = 0
        for person in calendars.people {
            let file = person.login + ".ics"
            guard taken.insert(file.lowercased()).inserted else {
                Output.error("\(person.login)'s calendar was not written: \(folder)/\(file) is "
                            + "\(file.lowercased() == rotationFile ? "the whole rotation's" : "another person's") file; "
                            + "export it with --person \(person.login) --out FILE")
                continue
            }
            try PublishedFile.write(bytes(person.calendar), to: "\(folder)/\(file)", protecting: session.databasePath)
            written += 1
        }
        Output.line("Wrote \(rotationFile) (\(English.count(calendars.rotation.events.count, "event"))) and "
                    + "\(English.count(written, "personal calendar")) to \(folder)")
    }

    /// The calendar's text as written: every text value through the one sanitiser, so a name
    /// cannot act on a terminal that shows the file.
    static func bytes(_ calendar: ICalendar) -> [UInt8] {
        calendar.utf8(cleaning: Sanitizer.clean)
    }
}
