import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

enum FreePort {
    /// Ports are dealt from below the kernel's ephemeral range (32768–60999 on Linux), and
    /// above the soak's fixed 28080–29092: a port the kernel picks for `bind(0)` is also one
    /// it may hand to any outgoing connection (librdkafka opens dozens) between our probe and
    /// the service's own bind, which made a stack test fail with EADDRINUSE once in CI.
    static let range = 20_000..<28_000
    private static let cursor = Mutex(Int(getpid()) % 8_000)

    /// A TCP port nothing listens on right now, not handed out before by this process.
    static func next() -> Int {
        for _ in 0..<range.count {
            let port = cursor.withLock { cursor -> Int in
                defer { cursor = (cursor + 1) % range.count }
                return range.lowerBound + cursor
            }
            if canBind(port) { return port }
        }
        preconditionFailure("no free port in \(range)")
    }

    private static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } } == 0
    }

    static func isAcceptingConnections(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }
}
