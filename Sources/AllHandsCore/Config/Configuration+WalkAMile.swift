import Foundation

extension Configuration {
    /// Walk-a-mile listening: executives (and anyone) following the support floor read-only.
    public struct Listening: Sendable, Equatable {
        /// Hide customers' email addresses and phone numbers from listeners (in names, addresses
        /// and message bodies), a ground rule many companies set.
        public var hideCustomerContacts: Bool
        /// Hours an executive is asked to listen each month; the calendar and the fairness panel
        /// show the hours listened against it.
        public var targetHoursPerMonth: Double
    }

    /// The weekly executive call-down: each executive calls a handful of customers.
    public struct CallDown: Sendable, Equatable {
        /// Customers on each executive's list per week.
        public var customersPerExecutive: Int
        /// A customer is not called again within this many weeks of a call-down.
        public var noRepeatWeeks: Int
        /// A customer who has not written for this many days counts as a long silence.
        public var silenceDays: Int
    }

    static let defaultListening = Listening(hideCustomerContacts: false, targetHoursPerMonth: 3)
    static let defaultCallDown = CallDown(customersPerExecutive: 5, noRepeatWeeks: 8, silenceDays: 90)
}

// MARK: - Decoding

extension Configuration.Listening: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case hideCustomerContacts, targetHoursPerMonth }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let d = Configuration.defaultListening
        hideCustomerContacts = try c.decodeIfPresent(Bool.self, forKey: .hideCustomerContacts) ?? d.hideCustomerContacts
        targetHoursPerMonth = try c.decodeIfPresent(Double.self, forKey: .targetHoursPerMonth) ?? d.targetHoursPerMonth
        guard (0...744).contains(targetHoursPerMonth) else {
            throw DecodingError.dataCorruptedError(forKey: .targetHoursPerMonth, in: c,
                debugDescription: "hours per month must be between 0 and 744, got \(targetHoursPerMonth)")
        }
    }
}

extension Configuration.CallDown: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case customersPerExecutive, noRepeatWeeks, silenceDays }

    public init(from decoder: any Decoder) throws {
        try Configuration.rejectUnknownKeys(decoder, Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let d = Configuration.defaultCallDown
        customersPerExecutive = try Configuration.count(c, .customersPerExecutive, d.customersPerExecutive, 1...100)
        noRepeatWeeks = try Configuration.count(c, .noRepeatWeeks, d.noRepeatWeeks, 0...520)
        silenceDays = try Configuration.count(c, .silenceDays, d.silenceDays, 1...3_650)
    }
}
