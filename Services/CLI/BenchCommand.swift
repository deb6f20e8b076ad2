import ArgumentParser

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure throughput and latency (see docs/benchmark.md).")
    func run() async throws { print("not yet") }
}
