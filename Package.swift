// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Omtale",
    products: [
        .library(name: "Omtale", targets: ["Omtale"]),
        .executable(name: "omtale", targets: ["OmtaleCLI"]),
        .executable(name: "omtale-bench", targets: ["OmtaleBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // These come with Hummingbird; named here because OmtaleServer imports them (Logger, TimeAmount, HTTPField).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // ICU is reached only through this shim: its public header uses stdint types and
        // opaque handles, so Swift never sees ICU's renaming macros or its UErrorCode,
        // which would clash with Foundation's bundled _FoundationICU module.
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
        ),
        // libhunspell (the Danish lexicon for commercial-use evidence) is opened at run time with
        // dlopen through this shim, so the binary has no link-time dependency on it (README).
        .target(
            name: "CHunspellShim",
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
        ),
        .target(
            name: "Omtale",
            dependencies: [
                "CICUShim",
                "CHunspellShim",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            plugins: ["BundleRules"]
        ),
        // Build-time only: rules/klimaalliancen/ becomes BundledRules.swift inside Omtale.
        .executableTarget(
            name: "OmtaleRulesGenerator",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .plugin(
            name: "BundleRules",
            capability: .buildTool(),
            dependencies: ["OmtaleRulesGenerator"]
        ),
        // `omtale serve`: the web page and HTTP API. It only adapts HTTP; checking is the library's.
        .target(
            name: "OmtaleServer",
            dependencies: [
                "Omtale",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "OmtaleCLI",
            dependencies: [
                "Omtale",
                "OmtaleServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmark helper: the ICU floor (break iterators only) and input reading alone.
        .executableTarget(
            name: "OmtaleBench",
            dependencies: ["CICUShim", "Omtale"]
        ),
        .testTarget(
            name: "OmtaleTests",
            dependencies: [
                "Omtale", "OmtaleCLI", "OmtaleServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: []
        ),
    ]
)
