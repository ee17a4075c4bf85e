import AllHandsCore
import Foundation

/// Whose shifts the calendar and the fairness panel show: everyone's, the viewer's, one
/// person's or one team's.
enum CalendarFilter: Equatable, Sendable {
    case all
    case mine
    case person(String)
    case team(String)

    /// Reads what `:filter` takes: `all`, `mine`, `team:NAME`, or a login.
    static func parse(_ text: String) -> CalendarFilter? {
        let word = text.trimmingCharacters(in: .whitespaces)
        switch word.lowercased() {
        case "": return nil
        case "all": return .all
        case "mine", "me": return .mine
        default:
            if word.lowercased().hasPrefix("team:") {
                let name = String(word.dropFirst(5))
                return name.isEmpty ? nil : .team(name)
            }
            return .person(word)
        }
    }

    /// How the title names it (raw: the caller sanitises).
    var label: String {
        switch self {
        case .all: "everyone"
        case .mine: "mine"
        case .person(let login): login
        case .team(let name): "team " + name
        }
    }

    /// `your shifts`, `team support's shifts`: what a notice says is showing (raw: the caller sanitises).
    var shifts: String {
        switch self {
        case .all: "everyone's shifts"
        case .mine: "your shifts"
        case .person(let login): login + "'s shifts"
        case .team(let name): "team " + name + "'s shifts"
        }
    }

    /// What `f` shows next: everyone → mine → my team → everyone (my team only if I have one).
    func next(myTeam: String) -> CalendarFilter {
        switch self {
        case .all: .mine
        case .mine: myTeam.isEmpty ? .all : .team(myTeam)
        case .person, .team: .all
        }
    }

    /// Whether `login` (of `team`) is someone this filter shows.
    func includes(login: String, team: String, me: String) -> Bool {
        switch self {
        case .all: true
        case .mine: login == me
        case .person(let wanted): login == wanted
        case .team(let wanted): team == wanted
        }
    }

    /// Whether the calendar shows `shift`: everyone's shows every shift (empty ones too, so gaps
    /// show); the others show the shifts someone they include sits in.
    func shows(_ shift: Shift, me: String, team: (String) -> String) -> Bool {
        self == .all || shift.assignments.contains { includes(login: $0.login, team: team($0.login), me: me) }
    }

    /// What Tab completes after `:filter`: the fixed words, then `team:NAME` for each team, then logins.
    static func completions(people: [Person]) -> [String] {
        let teams = Set(people.filter(\.active).map(\.team)).filter { !$0.isEmpty }.sorted().map { "team:" + $0 }
        return ["all", "mine"] + teams + people.filter(\.active).map(\.login)
    }
}
