import CSQLite

/// A scalar SQL function written in Swift, defined on one connection.
///
/// The body can be swapped without telling SQLite (`Database.defineFunction` with a name already
/// defined), so a caller may give each query its own body, holding that query's state, while the
/// prepared statements that call the function stay valid: redefining a function in SQLite itself
/// would expire every statement of the connection.
final class SQLFunction {
    var body: (FunctionArguments) throws -> DatabaseValue

    init(_ body: @escaping (FunctionArguments) throws -> DatabaseValue) {
        self.body = body
    }

    /// Calls the body with the row's arguments and hands its result (or error) to SQLite.
    func call(_ context: OpaquePointer, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?) {
        do {
            switch try body(FunctionArguments(values: values, count: Int(count))) {
            case .null: sqlite3_result_null(context)
            case .integer(let v): sqlite3_result_int64(context, v)
            case .real(let v): sqlite3_result_double(context, v)
            case .text(let s):
                var s = s
                s.withUTF8 { buffer in
                    guard let base = buffer.baseAddress, buffer.count > 0 else {
                        return sqlite3_result_text64(context, "", 0, csqlite_transient(), UInt8(SQLITE_UTF8))
                    }
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        sqlite3_result_text64(context, $0, UInt64(buffer.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                    }
                }
            case .blob(let bytes):
                bytes.withUnsafeBytes { sqlite3_result_blob64(context, $0.baseAddress, UInt64($0.count), csqlite_transient()) }
            }
        } catch {
            sqlite3_result_error(context, "\(error)", -1)
        }
    }

}

/// The arguments of one call of a Swift SQL function, read by index without copying them all.
/// Valid only during the call.
public struct FunctionArguments {
    let values: UnsafeMutablePointer<OpaquePointer?>?
    public let count: Int

    private func handle(_ index: Int) -> OpaquePointer? {
        index >= 0 && index < count ? values?[index] : nil
    }

    public func isNull(_ index: Int) -> Bool {
        handle(index).map { sqlite3_value_type($0) == SQLITE_NULL } ?? true
    }

    /// The argument as a number (0 when it is NULL or missing), as SQLite converts it.
    public func double(_ index: Int) -> Double {
        handle(index).map { sqlite3_value_double($0) } ?? 0
    }

    public func int(_ index: Int) -> Int {
        handle(index).map { Int(sqlite3_value_int64($0)) } ?? 0
    }

    public subscript(index: Int) -> DatabaseValue {
        guard let value = handle(index) else { return .null }
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: return .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            guard let text = sqlite3_value_text(value) else { return .text("") }
            let length = Int(sqlite3_value_bytes(value))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite3_value_bytes(value))
            guard let bytes = sqlite3_value_blob(value) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: length)))
        default: return .null
        }
    }
}

extension Database {
    /// Defines the scalar SQL function `name(…)` with `argumentCount` arguments on this connection,
    /// or, when it is defined already, replaces its body in place (statements that call it stay
    /// prepared). The function may have state: SQLite calls it once per row, in the order the rows
    /// are produced, and never treats it as deterministic. It can be called only from SQL this
    /// connection runs, never from a trigger or view stored in the file (`SQLITE_DIRECTONLY`).
    /// A thrown error fails the statement with the error's description.
    public func defineFunction(_ name: String, argumentCount: Int32,
                               _ body: @escaping (FunctionArguments) throws -> DatabaseValue) throws {
        if let defined = functions[name], defined.count == argumentCount {
            defined.function.body = body
            return
        }
        let function = SQLFunction(body)
        let rc = sqlite3_create_function_v2(
            handle, name, argumentCount, SQLITE_UTF8 | SQLITE_DIRECTONLY,
            Unmanaged.passRetained(function).toOpaque(),
            { context, count, values in
                guard let context, let pointer = sqlite3_user_data(context) else { return }
                Unmanaged<SQLFunction>.fromOpaque(pointer).takeUnretainedValue().call(context, count, values)
            },
            nil, nil,
            { pointer in
                // SQLite lets go of the function (redefined, or the connection closed).
                guard let pointer else { return }
                Unmanaged<SQLFunction>.fromOpaque(pointer).release()
            })
        guard rc == SQLITE_OK else { throw error(rc, sql: nil) }
        functions[name] = (argumentCount, function)
    }
}
