import IntakeService
import QyzmetRuntime

await ServiceRunner.main(IntakeApp.self)
