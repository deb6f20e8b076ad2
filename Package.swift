// swift-tools-version:6.1
import PackageDescription

// librdkafka is found through pkg-config (Debian's librdkafka-dev). At run time the embedded stack
// needs librdkafka >= 2.1 (see docs/architecture.md); compose/setup.sh puts one in .tools/lib and
// this run path lets binaries under .build/<triple>/<config>/ find it before the system copy.
let librdkafkaRunPath: [LinkerSetting] = [
    .unsafeFlags(["-Xlinker", "-rpath", "-Xlinker", "$ORIGIN/../../../.tools/lib"], .when(platforms: [.linux]))
]

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Qyzmet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "intake", targets: ["IntakeMain"]),
        .executable(name: "identity", targets: ["IdentityMain"]),
        .executable(name: "review", targets: ["ReviewMain"]),
        .executable(name: "issuance", targets: ["IssuanceMain"]),
        .executable(name: "qyzmet", targets: ["QyzmetCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3" ..< "5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        // The load tools' and tests' HTTP client: URLSession on Linux crashes now and then in
        // libdispatch (swift-corelibs-foundation#5469); AsyncHTTPClient runs on SwiftNIO.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // MARK: Shared libraries
        .systemLibrary(
            name: "CRdKafka",
            path: "Shared/CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(
            name: "QyzmetMessaging",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/Messaging",
            swiftSettings: strict
        ),
        .target(
            name: "QyzmetDomain",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Shared/Domain",
            resources: [.copy("Resources/calendar-kz.json")],
            swiftSettings: strict
        ),
        // The rules engine: the catalogue of acts and their dated versions, conditions, terms,
        // processes. Foundation and QyzmetDomain only: no storage, Kafka or HTTP.
        .target(
            name: "QyzmetRules",
            dependencies: ["QyzmetDomain"],
            path: "Shared/Rules",
            resources: [.copy("Resources/catalogue")],
            swiftSettings: strict
        ),
        .target(
            name: "QyzmetStorage",
            dependencies: [
                "QyzmetDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/Storage",
            swiftSettings: strict
        ),
        .target(
            name: "QyzmetPopulation",
            dependencies: ["QyzmetDomain"],
            path: "Shared/Population",
            swiftSettings: strict
        ),
        .target(
            name: "QyzmetLoad",
            dependencies: ["QyzmetMessaging", "QyzmetStorage", "QyzmetDomain", "QyzmetRules", "QyzmetPopulation", "QyzmetCredentials", .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOFoundationCompat", package: "swift-nio")],
            path: "Shared/Load",
            swiftSettings: strict
        ),
        .target(
            name: "QyzmetCredentials",
            dependencies: [
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Shared/Credentials",
            swiftSettings: strict
        ),
        .target(
            name: "QyzmetRuntime",
            dependencies: [
                "QyzmetMessaging", "QyzmetStorage", "QyzmetDomain", "QyzmetRules", "QyzmetCredentials",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Runtime",
            swiftSettings: strict
        ),

        // MARK: Services (a library with the logic, a thin executable around it)
        .target(name: "IntakeService", dependencies: ["QyzmetRuntime"], path: "Services/Intake/Sources", swiftSettings: strict),
        .executableTarget(name: "IntakeMain", dependencies: ["IntakeService"], path: "Services/Intake/Main", linkerSettings: librdkafkaRunPath),
        .target(name: "IdentityService", dependencies: ["QyzmetRuntime", "QyzmetPopulation"], path: "Services/Identity/Sources", swiftSettings: strict),
        .executableTarget(name: "IdentityMain", dependencies: ["IdentityService"], path: "Services/Identity/Main", linkerSettings: librdkafkaRunPath),
        .target(name: "ReviewService", dependencies: ["QyzmetRuntime"], path: "Services/Review/Sources", swiftSettings: strict),
        .executableTarget(name: "ReviewMain", dependencies: ["ReviewService"], path: "Services/Review/Main", linkerSettings: librdkafkaRunPath),
        .target(name: "IssuanceService", dependencies: ["QyzmetRuntime"], path: "Services/Issuance/Sources", swiftSettings: strict),
        .executableTarget(name: "IssuanceMain", dependencies: ["IssuanceService"], path: "Services/Issuance/Main", linkerSettings: librdkafkaRunPath),
        .executableTarget(
            name: "QyzmetCLI",
            dependencies: [
                "QyzmetLoad", "QyzmetMessaging", "QyzmetStorage", "QyzmetDomain", "QyzmetRules", "QyzmetPopulation", "QyzmetCredentials",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/CLI",
            swiftSettings: strict,
            linkerSettings: librdkafkaRunPath
        ),

        // MARK: Tests
        .testTarget(name: "DomainTests", dependencies: ["QyzmetDomain", "QyzmetPopulation"], path: "Tests/DomainTests"),
        .testTarget(name: "RulesTests", dependencies: ["QyzmetRules"], path: "Tests/RulesTests"),
        .testTarget(name: "StorageTests", dependencies: ["QyzmetStorage", "QyzmetRuntime"], path: "Tests/StorageTests", linkerSettings: librdkafkaRunPath),
        .testTarget(
            name: "ServiceTests",
            dependencies: ["IntakeService", "IdentityService", "ReviewService", "IssuanceService", "QyzmetLoad"],
            path: "Tests/ServiceTests",
            linkerSettings: librdkafkaRunPath
        ),
        .testTarget(
            name: "StackTests",
            dependencies: ["QyzmetLoad", "QyzmetRuntime", "QyzmetPopulation", "QyzmetRules", "QyzmetDomain", "QyzmetMessaging", "QyzmetCredentials",
                           "QyzmetStorage", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/StackTests",
            exclude: ["Fixtures"],
            linkerSettings: librdkafkaRunPath
        ),
    ]
)
