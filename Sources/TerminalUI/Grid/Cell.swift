/// One terminal cell. A wide character occupies its cell and a continuation cell (width 0) to
/// its right, which backends skip.
public struct Cell: Equatable, Sendable {
    public var character: Character
    /// 1 for most characters, 2 for CJK and emoji, 0 for the continuation of a wide one.
    public var width: UInt8
    public var role: StyleRole

    public init(_ character: Character = " ", width: UInt8 = 1, role: StyleRole = .normal) {
        self.character = character
        self.width = width
        self.role = role
    }

    public static let blank = Cell()
    static let continuation = Cell(" ", width: 0)
}
