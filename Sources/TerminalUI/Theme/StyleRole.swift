/// What a cell means, not how it looks: a theme maps each role to colours and attributes, so
/// panes never name a colour and a monochrome terminal still shows every distinction.
public enum StyleRole: UInt8, CaseIterable, Sendable {
    case normal
    case muted
    case header
    case title
    case border
    case selection
    case selectionUnfocused
    case urgent
    case high
    case overdue
    case gap
    case accent
    /// A row another process just changed.
    case changed
    /// The selected row, just changed by another process.
    case changedSelection
    case statusBar
    case tabActive
    case tabInactive
    case customer
    case reply
    case note
    case today
    case error
    /// A ticket nearing its first-response target (past it is `overdue`).
    case approaching
    /// The words a search matched, inside a snippet.
    case match
    /// An action shown but not allowed here (its reason beside it).
    case disabled
    /// A disabled action on the status bar, which keeps the bar's background.
    case statusBarDisabled
    /// Someone else viewing or composing on the same ticket right now.
    case presence
    /// Something to be careful about: a boundary on the customer, a gesture awaiting approval.
    case warning
}
