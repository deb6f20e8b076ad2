import ArgumentParser
import Foundation
import QyzmetDomain
import QyzmetLoad

struct Clock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the clock offset (seconds) that puts a fresh stack in the providers' working hours; 0 during them.")

    func run() async throws {
        let offset = OfficeHoursClock.offset()
        print(Int(offset))
    }
}
