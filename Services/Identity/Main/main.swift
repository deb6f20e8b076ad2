import IdentityService
import QyzmetRuntime

try await ServiceRunner.run(IdentityApp.self)
