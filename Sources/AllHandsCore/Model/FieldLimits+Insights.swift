extension FieldLimits {
    /// An insight's quote: the customer's words, a sentence or a paragraph of a message.
    public static let insightQuote = 2_000
    /// Why an insight matters.
    public static let insightNote = 2_000
}
