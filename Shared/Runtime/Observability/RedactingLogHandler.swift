import Foundation
import Logging
import QyzmetDomain

/// One line per record (`time level service message key=value ...`) on stderr, with any run of
/// exactly twelve digits masked wherever it appears: a full IIN never reaches a log, even from
/// code that forgot to redact it.
public struct RedactingLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = KazakhstanTime.format(Date())
        line += " \(event.level.rawValue.uppercased()) \(label) \(Self.redact(event.message.description))"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            line += " \(key)=\(Self.redact("\(merged[key]!)"))"
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Masks every maximal run of exactly 12 ASCII digits to its last four.
    public static func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] >= 48 && bytes[i] <= 57 {
                var j = i
                while j < bytes.count && bytes[j] >= 48 && bytes[j] <= 57 { j += 1 }
                if j - i == 12 {
                    out += Array(repeating: UInt8(ascii: "*"), count: 8)
                    out += bytes[(j - 4)..<j]
                } else {
                    out += bytes[i..<j]
                }
                i = j
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
