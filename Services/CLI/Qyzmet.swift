import ArgumentParser

@main
struct Qyzmet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qyzmet",
        abstract: "Operate a running Qyzmet stack: demonstration load, status queries, worklist, dead letters.",
        subcommands: [Demo.self, Status.self, Submit.self, Worklist.self, Decide.self, DeadLetters.self, Bench.self, Clock.self, CatalogueCheck.self, OfficerToken.self, Audit.self, Fuzz.self, OutboxCommand.self, BrokerCommand.self, Soak.self, Replay.self]
    )
}
