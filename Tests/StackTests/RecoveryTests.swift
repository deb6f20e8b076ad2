import Foundation
import GRDB
import QyzmetDomain
import QyzmetLoad
import Testing

extension StackSuite {
    @Suite("Crashes lose and duplicate nothing")
    struct RecoveryTests {
        @Test("a second instance of a service on the same store refuses to start and says who holds it; the first keeps serving")
        func secondInstanceRefused() async throws {
            let stack = try await EmbeddedStack("second-instance")
            defer { stack.shutdown() }
            let log = stack.scratch.url.appendingPathComponent("intake-second.log")
            let second = try ManagedProcess(name: "intake-second", executable: Paths.binaries.appendingPathComponent("intake"), arguments: [],
                                            environment: stack.environment(for: "intake").merging(["QYZMET_HTTP_PORT": String(FreePort.next())]) { _, new in new },
                                            logFile: log)
            _ = try await eventually("the second intake stops") { second.isRunning ? nil : true }
            #expect(second.log.contains("another process (pid "), "\(second.log.suffix(500))")
            #expect(second.log.contains("only one instance of a service consumes its store"))
            #expect(await stack.http.isReady(stack.http.intake))
        }

        @Test("a full disk stops a service consuming and /health says so; with room again every application is answered once")
        func diskFull() async throws {
            let stack = try await EmbeddedStack("disk-full")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let path = stack.dataDirectory.appendingPathComponent("intake.sqlite").path
            var readOnly = Configuration()
            readOnly.readonly = true
            let pages = try #require(try await DatabaseQueue(path: path, configuration: readOnly).read { try Int.fetchOne($0, sql: "PRAGMA page_count") })
            // The file may grow by a few pages: a disk that fills after a handful of applications.
            try await stack.restart("intake", extra: ["QYZMET_STORE_MAX_PAGES": String(pages + 6)])
            var dealer = StackSession.index.dealer()
            let applications = (0..<150).map { _ in
                session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Date())
            }
            try await session.submit(applications)
            let health = try await eventually("intake reports its store failing") { () -> JSONValue? in
                let (code, body) = try await stack.http.get(stack.http.intake, "health")
                let json = stack.http.json(body)
                return code == 503 && json?["status"]?.stringValue == "store-failing" ? json : nil
            }
            #expect(health["storeFailingSince"]?.stringValue != nil)
            #expect(stack.log("intake").contains("store cannot be written: consuming stopped until it can"))
            let answeredWhileFull = applications.filter { session.answered($0.applicationId) }.count
            #expect(answeredWhileFull < applications.count)

            // Room again (the limit lifted): the same batch is stored, and everything after it.
            try await stack.restart("intake")
            try await session.waitForAnswers(applications.map(\.applicationId), timeout: .seconds(120))
            let seen = session.seen
            for application in applications {
                #expect(Set((seen.receipts[application.applicationId] ?? []).map { $0.registrationNumber ?? "" }).count == 1)
                #expect(Set((seen.results[application.applicationId] ?? []).map(\.documentNumber)).count == 1)
            }
            await session.close()
        }

        @Test("the broker restarts without its memory: every service stops and says so; after broker recovery each application is answered exactly once")
        func brokerRestart() async throws {
            let stack = try await EmbeddedStack("broker-restart")
            defer { stack.shutdown() }
            var session = try await StackSession(stack)
            let plan = DemoPlan(count: 60, index: StackSession.index, now: Date()).applications
            let firstWave = Array(plan.prefix(40))
            try await stack.http.payDuties(plan)
            try await session.submit(firstWave.map(\.application))
            _ = try await eventually("some answers before the broker restarts") { () -> Bool? in
                _ = try? await session.officers.workOnce()
                return firstWave.filter { session.answered($0.application.applicationId) }.count >= 10 ? true : nil
            }
            await session.close()
            try await stack.restartBroker()
            for service in EmbeddedStack.serviceNames {
                _ = try await eventually("\(service) says the broker changed", timeout: .seconds(30)) { () -> Bool? in
                    let (code, body) = try await stack.http.get(stack.http.url(for: service), "health")
                    return code == 503 && stack.http.json(body)?["status"]?.stringValue == "broker-changed" ? true : nil
                }
                #expect(stack.log(service).contains("broker changed: consuming and publishing stopped"))
            }
            let report = try await BrokerRecovery(bootstrapServers: stack.bootstrap, logger: stack.logger).recover(stores: stack.storePaths)
            #expect(report.requeued.values.reduce(0, +) > 0)
            // What a consumer had applied before the broker forgot it is not sent again.
            #expect(report.alreadyApplied.values.reduce(0, +) > 0, "\(report.alreadyApplied)")
            try await stack.waitUntilReady(EmbeddedStack.serviceNames)

            // A new reader of the new log; producers send again what got no receipt (the same
            // application, as the contract asks), and go on with new ones.
            session = try await StackSession(stack)
            try await session.submit(plan.map(\.application))
            try await session.waitForAnswers(plan.map(\.application.applicationId), timeout: .seconds(120))
            let seen = session.seen
            let notices: Set<ResultIssued.Kind> = [.extensionNotice, .hearingNotice, .collectionNotice]
            for planned in plan {
                let id = planned.application.applicationId
                let receipts = seen.receipts[id] ?? []
                #expect(Set(receipts.map { $0.registrationNumber ?? $0.refusal?.code ?? "" }).count == 1, "one receipt for \(id)")
                let closing = (seen.results[id] ?? []).filter { !notices.contains($0.kind) }
                #expect(Set(closing.map(\.documentNumber)).count == (receipts.first?.outcome == .accepted ? 1 : 0), "one result for \(id)")
                #expect(seen.outcome(id) == planned.expectation, "\(id) planned \(planned.expectation)")
            }
            await session.close()
        }

        @Test("every service killed with SIGKILL mid-flow and restarted: each application gets exactly its one receipt and one result")
        func sigkillMidFlow() async throws {
            let stack = try await EmbeddedStack("sigkill")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let plan = DemoPlan(count: 80, index: StackSession.index, now: Date()).applications
            let firstWave = Array(plan.prefix(50))
            let secondWave = Array(plan.dropFirst(50))
            // Apostille duties are paid before filing, as applicants do.
            try await stack.http.payDuties(plan)
            try await session.submit(firstWave.map(\.application))
            _ = try await eventually("some answers before the crash") { () -> Bool? in
                _ = try? await session.officers.workOnce()
                return firstWave.filter { session.answered($0.application.applicationId) }.count >= 10 ? true : nil
            }
            let answeredBeforeCrash = firstWave.filter { session.answered($0.application.applicationId) }.count
            for service in EmbeddedStack.serviceNames { stack.crash(service) }
            // Producers go on publishing while the services are down.
            try await session.submit(secondWave.map(\.application))
            for service in EmbeddedStack.serviceNames { try stack.start(service) }
            try await stack.waitUntilReady(EmbeddedStack.serviceNames)
            try await session.waitForAnswers(plan.map(\.application.applicationId), timeout: .seconds(120))

            let seen = session.seen
            #expect(answeredBeforeCrash < firstWave.count, "the crash should come mid-flow")
            for planned in plan {
                let id = planned.application.applicationId
                let receipts = seen.receipts[id] ?? []
                #expect(Set(receipts.map { $0.registrationNumber ?? $0.refusal?.code ?? "" }).count == 1, "one receipt for \(id)")
                let results = seen.results[id] ?? []
                // One closing result; notices (an extension, where to collect) go with it, and no
                // form is ever issued twice.
                let notices: Set<ResultIssued.Kind> = [.extensionNotice, .hearingNotice, .collectionNotice]
                let closing = results.filter { !notices.contains($0.kind) }
                #expect(Set(closing.map(\.documentNumber)).count == (receipts.first?.outcome == .accepted ? 1 : 0), "one result for \(id)")
                let documents = Set(results.map(\.documentNumber)).count
                #expect(Set(results.map { "\($0.kind.rawValue) \($0.form)" }).count == documents, "no form issued twice for \(id)")
                #expect(seen.outcome(id) == planned.expectation, "\(id) planned \(planned.expectation)")
            }
            #expect(seen.deadLetters.isEmpty)
            await session.close()
        }
    }
}
