import IntakeService
import QyzmetRuntime

try await ServiceRunner.run(IntakeApp.self)
