extension FieldLimits {
    /// Why someone is away ("parental leave", "conference"): the same bound as other reasons.
    public static let timeOffReason = reason
    /// The note that goes with a swap offer ("dentist; happy to take your Friday").
    public static let swapNote = 500
}
