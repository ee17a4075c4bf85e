/// Someone outside the company who writes to support.
public struct Customer: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var email: String
    public var organization: String

    public init(id: Int = 0, name: String, email: String, organization: String = "") {
        self.id = id
        self.name = name
        self.email = email
        self.organization = organization
    }
}
