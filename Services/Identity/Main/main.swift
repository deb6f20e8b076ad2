import IdentityService
import QyzmetRuntime

await ServiceRunner.main(IdentityApp.self)
