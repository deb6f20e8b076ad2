import IssuanceService
import QyzmetRuntime

try await ServiceRunner.run(IssuanceApp.self)
