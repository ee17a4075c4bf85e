import Foundation

/// Reads a file a person names (a config, a CSV to import) without ever holding more than a
/// limit: a folder, an unreadable file or one over the limit is refused before it is read whole,
/// and at most `maximumBytes + 1` bytes are read from anything (a pipe or a device included).
public enum BoundedFile {
    public enum Failure: Error, Equatable {
        case missing
        case folder
        case tooBig
        case unreadable(String)
    }

    public static func read(_ path: String, maximumBytes: Int) throws(Failure) -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .missing }
        if info.st_mode & S_IFMT == S_IFDIR { throw .folder }
        if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > maximumBytes { throw .tooBig }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(String(cString: strerror(errno))) }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw .unreadable((error as NSError).localizedDescription)
        }
        if data.count > maximumBytes { throw .tooBig }
        return data
    }
}
