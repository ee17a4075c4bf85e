/// Someone in the company. `login` is their operating-system user name: that is how allhands knows who runs it.
public struct Person: Sendable, Equatable, Codable {
    public var id: Int
    public var login: String
    public var name: String
    public var email: String
    public var team: String
    public var role: Role
    /// IANA time zone name; shift times are shown in it.
    public var timeZone: String
    public var active: Bool

    public init(id: Int = 0, login: String, name: String, email: String = "", team: String = "",
                role: Role = .employee, timeZone: String = "UTC", active: Bool = true) {
        self.id = id
        self.login = login
        self.name = name
        self.email = email
        self.team = team
        self.role = role
        self.timeZone = timeZone
        self.active = active
    }
}
