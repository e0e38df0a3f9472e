// swift-tools-version:6.0
// Fuzz targets for Omtale (libFuzzer). A separate package so normal builds never pay for them.
// Build and run with Fuzz/run.sh; see README "Security".
import PackageDescription

let package = Package(
    name: "OmtaleFuzz",
    dependencies: [.package(name: "Omtale", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "Omtale", package: "Omtale")]),
        .executableTarget(name: "FuzzText", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzRules", dependencies: ["FuzzSupport", .product(name: "Omtale", package: "Omtale")]),
        .executableTarget(name: "FuzzDocx", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzDocxText", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzHTML", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzQuotes", dependencies: ["FuzzSupport"]),
    ]
)
