import Storage

/// Finding a customer by the address they write from: how a new ticket, a check-in and an
/// action item name their customer.
enum CustomerLookup {
    /// The customer with `email` (the oldest, should several share it), or nil.
    static func id(email: String, in db: Database) throws -> Int? {
        try db.fetchInt("SELECT id FROM customers WHERE email = ? ORDER BY id LIMIT 1", email)
    }
}
