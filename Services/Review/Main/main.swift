import QyzmetRuntime
import ReviewService

try await ServiceRunner.run(ReviewApp.self)
