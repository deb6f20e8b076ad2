import Testing

/// Tests that start real processes (a broker, the services). They run one at a time: each
/// starts its own broker and services, and two cores are not enough to run several stacks.
@Suite("Stack", .serialized)
struct StackSuite {}
