import AllHandsCore
import Foundation

enum PeopleCommands {
    static let list = Command(
        "people list", "[--team TEAM] [--role ROLE] [--json]", "List everyone in the company.",
        options: ["--team TEAM   only this team", "--role ROLE   only this role (\(roleNames))",
                  "--json        JSON array: login, name, email, team, role, timezone, active"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        let team = try args.option("--team")
        let role = try args.option("--role").map(parseRole)
        try args.finish()
        let people = try session.workspace().people.list()
            .filter { team == nil || $0.team == team } .filter { role == nil || $0.role == role }
        if json { return try Output.json(people.map(PersonJSON.init)) }
        var table = Table("LOGIN", "NAME", "ROLE", "TEAM", "TIME ZONE", "EMAIL")
        for p in people {
            table.add(p.login + (p.active ? "" : " (inactive)"), p.name, p.role.rawValue, p.team, p.timeZone, p.email)
        }
        table.print()
    }

    static let add = Command(
        "people add", "LOGIN --name NAME [--email E] [--team T] [--role R] [--timezone ZONE]",
        "Add one person (leads and admins). LOGIN is their operating-system user name.",
        options: ["--role R        \(roleNames) (default employee)",
                  "--timezone Z    IANA zone such as Europe/Berlin (default UTC)"]
    ) { args, session in
        guard let name = try args.option("--name") else { throw UsageError("--name is required") }
        let email = try args.option("--email") ?? ""
        let team = try args.option("--team") ?? ""
        let role = try args.option("--role").map(parseRole) ?? .employee
        let zone = try args.option("--timezone") ?? "UTC"
        let login = try args.required("LOGIN")
        try args.finish()
        let person = try session.workspace().people.add(
            Person(login: login, name: name, email: email, team: team, role: role, timeZone: zone))
        Output.line("Added \(person.login) as \(English.withArticle(person.role.rawValue))")
    }

    static let importCSV = Command(
        "people import", "FILE.csv",
        "Add or update people from CSV with the header login,name,email,team,role,timezone. "
            + "All rows or none: a bad row names its line and column."
    ) { args, session in
        let path = try args.required("FILE.csv")
        try args.finish()
        let data: Data
        do {
            data = try BoundedFile.read(path, maximumBytes: PeopleCSV.maximumBytes)
        } catch BoundedFile.Failure.missing {
            throw CLIFailure(ExitCode.noInput, "cannot read \(path): no such file")
        } catch BoundedFile.Failure.folder {
            throw CLIFailure(ExitCode.noInput, "\(path) is a folder, not a CSV file")
        } catch BoundedFile.Failure.tooBig {
            throw AllHandsError.invalid("\(path) is over \(PeopleCSV.maximumBytes / 1024 / 1024) MB; "
                                        + "a people file is a line a person (split a bigger company into several files)")
        } catch BoundedFile.Failure.unreadable(let reason) {
            throw CLIFailure(ExitCode.noInput, "cannot read \(path): \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AllHandsError.invalid("\(path): not UTF-8 text")
        }
        let summary = try session.workspace().people.importCSV(text, source: path)
        Output.line("Imported \(path): \(summary.added) added, \(summary.updated) updated, \(summary.unchanged) unchanged")
    }

    static let roleNames = Role.allCases.map(\.rawValue).joined(separator: ", ")

    static func parseRole(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text.lowercased()) else {
            throw UsageError("unknown role '\(text)' (valid: \(roleNames))")
        }
        return role
    }
}
