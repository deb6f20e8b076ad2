import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Only one process consumes a store: a second instance of a service on the same SQLite file
/// would commit offsets and emit events the first does not know about. The lock is an exclusive
/// `flock` on `<store>.lock`, held for the life of the process and released by the kernel when it
/// dies (a SIGKILL leaves no stale lock); the file says who holds it.
public final class StoreLock: Sendable {
    public struct Held: Error, CustomStringConvertible {
        public var path: String
        public var holder: String
        public var description: String {
            "another process (\(holder)) is using \(path): only one instance of a service consumes its store (scale out by partitions, each with its own store)"
        }
    }

    private let descriptor: Int32

    public init(storePath: String) throws {
        let path = storePath + ".lock"
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: storePath).deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw Held(path: storePath, holder: holder.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown")
        }
        let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
        descriptor = fd
    }

    deinit { close(descriptor) }
}
