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
        .executableTarget(
            name: "OmtaleCLI",
            dependencies: [
                "Omtale",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark helper: the ICU floor (break iterators only) and input reading alone.
        .executableTarget(
            name: "OmtaleBench",
            dependencies: ["CICUShim", "Omtale"]
        ),
        .testTarget(
            name: "OmtaleTests",
            dependencies: ["Omtale", "OmtaleCLI"],
            resources: []
        ),
    ]
)
