import Foundation

public struct OutgoingMessage: Sendable {
    public var topic: String
    public var key: Data?
    public var value: Data
    public var headers: [(String, Data)]

    public init(topic: String, key: Data?, value: Data, headers: [(String, Data)] = []) {
        self.topic = topic
        self.key = key
        self.value = value
        self.headers = headers
    }
}

public struct ConsumedMessage: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: Data?
    public var value: Data
    public var headers: [(String, Data)]
    public var timestamp: Date?

    public init(topic: String, partition: Int32, offset: Int64, key: Data?, value: Data, headers: [(String, Data)], timestamp: Date?) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0 == name }.flatMap { String(data: $0.1, encoding: .utf8) }
    }
}

public struct TopicPartition: Hashable, Sendable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}

extension Array where Element == ConsumedMessage {
    /// The offsets to commit after processing these messages: one past the highest per partition.
    public func nextOffsets() -> [TopicPartition: Int64] {
        var next: [TopicPartition: Int64] = [:]
        for message in self {
            let tp = TopicPartition(topic: message.topic, partition: message.partition)
            next[tp] = Swift.max(next[tp] ?? 0, message.offset + 1)
        }
        return next
    }
}
