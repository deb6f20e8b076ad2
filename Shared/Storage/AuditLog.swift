import Foundation
import GRDB
import QyzmetDomain

/// A service's tamper-evident record of what changed its state: every message it emitted, every
/// event it applied and every officer or operator action, each entry chained to the one before by
/// SHA-256. Changing, inserting or deleting a row breaks the chain from that row on; rewriting
/// the whole chain is caught by the heads other services recorded when they received this one's
/// hand-offs (the `qyzmet-audit-head` header), which `qyzmet audit verify` compares.
public enum AuditLog {
    /// The header that carries the sender's chain head (`<seq>:<hash>`) on every message it emits.
    public static let headHeader = "qyzmet-audit-head"
    public static let genesis = String(repeating: "0", count: 64)

    public struct Entry: Sendable, Equatable {
        public var seq: Int64
        /// Milliseconds since 1970 by the service clock.
        public var atMilliseconds: Int64
        /// `emit <type>`, `apply <type>`, `action <name>`, ...
        public var kind: String
        public var applicationId: String?
        /// Who acted: an officer or operator id, or the producer of an applied event.
        public var actor: String?
        /// SHA-256 of the bytes the entry is about (the message, the action's inputs).
        public var digest: String
        /// For an applied event: the sender's chain head as it arrived, `<source> <seq>:<hash>`.
        public var peer: String?
        public var previous: String
        public var hash: String

        /// The hash this entry should have: a pure function of its fields and its predecessor.
        public var expectedHash: String {
            var text = "\(previous)\n\(seq)\n\(atMilliseconds)\n\(kind)\n"
            text += "\(applicationId ?? "")\n\(actor ?? "")\n\(digest)\n\(peer ?? "")"
            return Digest.sha256Hex(Data(text.utf8))
        }

        public var head: String { "\(seq):\(hash)" }
    }

    static func createTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit (
                seq INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                applicationId TEXT,
                actor TEXT,
                digest TEXT NOT NULL,
                peer TEXT,
                previous TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX audit_applicationId ON audit(applicationId)")
    }

    /// Appends an entry in the caller's transaction; returns it (its `head` goes on the message).
    @discardableResult
    public static func append(_ db: Database, kind: String, applicationId: String?, actor: String?, digest: String,
                              peer: String? = nil, at: Date) throws -> Entry {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"))
        var entry = Entry(seq: (last?["seq"] as Int64? ?? 0) + 1, atMilliseconds: Int64((at.timeIntervalSince1970 * 1000).rounded()),
                          kind: kind, applicationId: applicationId, actor: actor, digest: digest, peer: peer,
                          previous: last?["hash"] ?? genesis, hash: "")
        entry.hash = entry.expectedHash
        try db.cachedStatement(sql: """
            INSERT INTO audit (seq, at, kind, applicationId, actor, digest, peer, previous, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entry.seq, entry.atMilliseconds, entry.kind, entry.applicationId, entry.actor, entry.digest,
                                     entry.peer, entry.previous, entry.hash])
        return entry
    }

    /// The entries from `seq` on, in order.
    public static func entries(_ db: Database, from seq: Int64 = 1, limit: Int = 10_000) throws -> [Entry] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?", arguments: [seq, limit]).map { row in
            Entry(seq: row["seq"], atMilliseconds: row["at"], kind: row["kind"], applicationId: row["applicationId"], actor: row["actor"],
                  digest: row["digest"], peer: row["peer"], previous: row["previous"], hash: row["hash"])
        }
    }
}
