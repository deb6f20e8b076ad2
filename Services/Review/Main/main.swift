import QyzmetRuntime
import ReviewService

await ServiceRunner.main(ReviewApp.self)
