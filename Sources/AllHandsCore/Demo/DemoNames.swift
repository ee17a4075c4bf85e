/// The raw material of the demo company: names, teams, places, customers' organisations.
enum DemoNames {
    static let firstNames = [
        "Aisha", "Alex", "Amara", "Ana", "Andrei", "Arjun", "Ben", "Bianca", "Carlos", "Chen", "Chloe", "Daniel",
        "Dara", "David", "Elena", "Emeka", "Emma", "Fatima", "Felix", "Freya", "Gabriel", "Grace", "Hana", "Hugo",
        "Ibrahim", "Ines", "Isaac", "Ivy", "Jamal", "Jana", "Javier", "Jin", "Jonas", "Julia", "Kai", "Kavya",
        "Keiko", "Lars", "Layla", "Leo", "Lina", "Lucas", "Maya", "Mateo", "Mei", "Mia", "Miguel", "Nadia", "Nia",
        "Noah", "Nora", "Olga", "Omar", "Pablo", "Priya", "Rafael", "Rania", "Ravi", "Rosa", "Ruth", "Sam",
        "Sara", "Sean", "Sofia", "Tariq", "Tess", "Theo", "Tomas", "Uma", "Victor", "Wei", "Yara", "Yusuf", "Zoe",
    ]

    static let lastNames = [
        "Abbott", "Adeyemi", "Alvarez", "Andersen", "Bauer", "Becker", "Bianchi", "Brooks", "Castillo", "Chen",
        "Costa", "Das", "Dubois", "Eriksen", "Fischer", "Fontaine", "Garcia", "Gupta", "Hansen", "Hoffman",
        "Ibrahim", "Ito", "Jensen", "Kaur", "Kim", "Kowalski", "Larsen", "Lee", "Lopez", "Mbeki", "Meyer",
        "Moreau", "Murphy", "Nakamura", "Novak", "Okafor", "Olsen", "Patel", "Pereira", "Petrov", "Quinn",
        "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Sousa", "Tanaka", "Torres", "Tran", "Vargas", "Walsh",
        "Weber", "Wong", "Yilmaz", "Zhang",
    ]

    /// Teams with their share of the company, their members' role, and where they tend to live.
    struct Team: Sendable {
        let name: String
        let share: Int
        let role: Role
        let timeZones: [String]
    }

    static let teams: [Team] = [
        Team(name: "engineering", share: 34, role: .employee,
             timeZones: ["America/New_York", "America/Los_Angeles", "Europe/Berlin", "Europe/Lisbon", "Asia/Kolkata"]),
        Team(name: "product", share: 8, role: .employee, timeZones: ["America/New_York", "Europe/London"]),
        Team(name: "sales", share: 15, role: .employee,
             timeZones: ["America/New_York", "America/Chicago", "Europe/London", "Australia/Sydney"]),
        Team(name: "marketing", share: 9, role: .employee, timeZones: ["America/New_York", "Europe/Paris"]),
        Team(name: "finance", share: 6, role: .employee, timeZones: ["America/New_York"]),
        Team(name: "operations", share: 8, role: .employee, timeZones: ["America/Chicago", "Europe/Dublin"]),
        Team(name: "support", share: 14, role: .support,
             timeZones: ["America/New_York", "America/Los_Angeles", "Europe/Dublin", "Asia/Manila"]),
        Team(name: "leadership", share: 6, role: .exec, timeZones: ["America/New_York", "America/Los_Angeles"]),
    ]

    static let orgPrefixes = [
        "Acme", "Blue", "Bright", "Cedar", "Clear", "Copper", "Delta", "Evergreen", "First", "Granite", "Harbor",
        "Iron", "Juniper", "Keystone", "Lumen", "Maple", "North", "Oak", "Pioneer", "Quartz", "River", "Summit",
        "Silver", "Tidal", "Union", "Vertex", "West", "Willow",
    ]
    static let orgSuffixes = [
        "Logistics", "Health", "Labs", "Foods", "Analytics", "Bank", "Media", "Robotics", "Studios", "Travel",
        "Retail", "Energy", "Legal", "Dental", "Schools", "Insurance", "Motors", "Software",
    ]

    static let apps = ["Slack", "Salesforce", "HubSpot", "Zapier", "Jira", "Shopify", "Microsoft Teams", "Google Sheets"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    static let versions = ["4.12", "4.13", "4.13.1", "5.0", "5.0.2", "5.1"]

    /// Tags outside the taxonomy that real teams add by hand.
    static let freeTags = ["vip", "enterprise", "churn-risk", "refund", "escalated"]
}
