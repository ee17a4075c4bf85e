import AllHandsCore
import Storage

/// sysexits(3) codes, as DESIGN.md lists them.
enum ExitCode {
    static let ok: Int32 = 0
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let tempFail: Int32 = 75
    static let noPermission: Int32 = 77
    static let config: Int32 = 78
    static let software: Int32 = 70

    /// The exit code for a domain error.
    static func code(for error: AllHandsError) -> Int32 {
        switch error {
        case .notPermitted, .notAllowed, .notAMember, .unknownIdentity: return noPermission
        case .notFound, .invalid: return dataError
        case .conflict, .alreadyClaimed, .alreadyDecided, .newActivity: return tempFail
        case .refused, .holdsRealData: return cannotCreate
        case .badConfig: return config
        case .database(let db): return code(for: db)
        }
    }

    static func code(for error: DatabaseError) -> Int32 {
        switch error.kind {
        case .busy: return tempFail
        case .constraint, .corrupt, .notADatabase, .schemaTooNew, .notAllhands, .foreignKeyViolation: return dataError
        case .missing: return noInput
        case .cannotOpen, .readOnly, .notARegularFile, .backupFailed: return cannotCreate
        case .other: return ioError
        }
    }
}
