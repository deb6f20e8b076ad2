import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetPopulation
import IntakeService

enum Fixtures {
    /// Monday 23 November 2026, 10:15 in Almaty: a working day, within hours.
    static let monday = KazakhstanTime.parse("2026-11-23T10:15:00+05:00")!
    static let signer = try! ChannelSigner(keysDirectory: ServiceHarness<IntakeApp>.devKeys)
    static let index = PopulationIndex(size: InMemoryStack.populationSize, today: KazakhstanTime.localDate(of: monday))
    static let factory = ApplicationFactory()

    static func event(_ application: ApplicationSubmission) -> Published {
        Published(topic: Topics.applications, envelope: try! signer.envelope(for: application))
    }
}

/// Lets fixtures find the keys without an app type.


extension ServiceHarness {
    static var devKeysURL: URL { devKeys }
}
