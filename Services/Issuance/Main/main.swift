import IssuanceService
import QyzmetRuntime

await ServiceRunner.main(IssuanceApp.self)
