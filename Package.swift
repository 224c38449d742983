// swift-tools-version:6.1
import PackageDescription

// Imports run one way: Numbers <- Constants, Formulas <- Expressions (closed forms may hold PCFs); Relations and Verification
// combine them. SearchEngine knows no domain; SearchSessions runs it from spec to Store; the discovery clients
// (PCFSearch, ESMA, ConvergenceDynamics, QualityDiversity, Puzzles) plug into both; Reports reads the Store; the `apery`
// CLI sits on top and only parses, calls and prints.
let package = Package(
    name: "Apery",
    products: [
        .executable(name: "apery", targets: ["apery"]),
        .library(name: "Numbers", targets: ["Numbers"]),
        .library(name: "Formulas", targets: ["Formulas"]),
        .library(name: "Sequences", targets: ["Sequences"]),
        .library(name: "Relations", targets: ["Relations"]),
        .library(name: "Verification", targets: ["Verification"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "SearchEngine", targets: ["SearchEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C shims: GMP/MPFR function-like macros and FLINT's LLL, which Swift cannot call directly.
        .target(name: "CNumbersShims", linkerSettings: [.linkedLibrary("gmp"), .linkedLibrary("mpfr")]),
        .target(name: "CLatticeShims", dependencies: ["CNumbersShims"], linkerSettings: [.linkedLibrary("flint")]),

        .target(name: "Numbers", dependencies: ["CNumbersShims"], linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Constants", dependencies: ["Numbers"]),
        .target(name: "Expressions", dependencies: ["Numbers", "Constants", "Formulas"]),
        .target(name: "Sequences", dependencies: ["Numbers", "CNumbersShims"]),
        .target(name: "Formulas", dependencies: ["Numbers", "Sequences"]),
        .target(name: "Relations", dependencies: ["Numbers", "Constants", "Expressions", "CLatticeShims"]),
        .target(name: "Verification", dependencies: ["Numbers", "Expressions", "Formulas"]),
        .target(name: "Store", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // Its drivers are generic over the clients' candidates: cross-module optimization lets the clients
        // specialise them (unspecialised, metadata look-ups cost more than a cheap evaluation).
        .target(name: "SearchEngine", dependencies: ["CSearchKernels"], swiftSettings: [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]),
        .target(name: "SearchSessions", dependencies: ["SearchEngine", "Store", "Constants", "Formulas", "Relations", "Verification"],
                swiftSettings: [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]),
        .target(name: "QualityDiversity", dependencies: ["SearchEngine", "SearchSessions", "Store", "CSearchKernels"]),
        .target(name: "Puzzles", dependencies: ["SearchEngine", "SearchSessions", "Store", "Numbers"]),
        .target(name: "Optimizers", dependencies: ["SearchEngine", "SearchSessions", "Store"]),
        .target(name: "Clustering", dependencies: ["CSearchKernels"]),
        .target(name: "Reports", dependencies: ["Store", "SearchEngine", "Optimizers", "Expressions", "Formulas", "Numbers"]),
        .target(name: "CSearchKernels", cSettings: [.unsafeFlags(["-O3"])], linkerSettings: [.linkedLibrary("m")]),
        .target(name: "ESMA", dependencies: ["SearchEngine", "SearchSessions", "Store", "Sequences", "Formulas", "Expressions", "Numbers", "CNumbersShims", "CSearchKernels", "Verification"]),
        .target(name: "ConvergenceDynamics", dependencies: ["SearchEngine", "SearchSessions", "Store", "PCFSearch", "Formulas", "Clustering", "Relations", "Expressions", "Numbers"]),
        .target(name: "PCFSearch", dependencies: ["SearchEngine", "SearchSessions", "Store", "CSearchKernels", "Numbers", "Expressions", "Formulas", "Relations", "Verification"]),
        .executableTarget(
            name: "apery",
            dependencies: [
                "Numbers", "Constants", "Expressions", "Formulas", "Relations", "Verification", "Store",
                "SearchEngine", "SearchSessions", "QualityDiversity", "Puzzles", "Optimizers", "PCFSearch", "Sequences", "ESMA", "ConvergenceDynamics", "Clustering", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "apery-benchmarks",
            dependencies: ["Numbers", "Formulas", "Relations", "Verification", "Expressions", "PCFSearch", "CSearchKernels", "ESMA", "Sequences", "Clustering", "Optimizers"],
            path: "Benchmarks/AperyBenchmarks"),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NumbersTests", dependencies: ["Numbers"]),
        .testTarget(name: "ConstantsTests", dependencies: ["TestSupport", "Constants", "Numbers"]),
        .testTarget(name: "ExpressionsTests", dependencies: ["TestSupport", "Expressions", "Numbers"]),
        .testTarget(name: "FormulasTests", dependencies: ["TestSupport", "Formulas", "Expressions", "Numbers"]),
        .testTarget(name: "ESMATests", dependencies: ["TestSupport", "ESMA", "Formulas", "Sequences", "Expressions", "Numbers", "Verification"]),
        .testTarget(name: "SequencesTests", dependencies: ["TestSupport", "Sequences", "Numbers"]),
        .testTarget(name: "RelationsTests", dependencies: ["TestSupport", "Relations", "Verification", "Formulas", "Expressions", "Numbers"]),
        .testTarget(name: "VerificationTests", dependencies: ["TestSupport", "Verification", "Formulas", "Expressions", "Numbers"]),
        .testTarget(name: "ClusteringTests", dependencies: ["Clustering"]),
        .testTarget(name: "ReportsTests", dependencies: ["TestSupport", "Reports", "Store", "Expressions", "Formulas", "Numbers"]),
        .testTarget(name: "ConvergenceDynamicsTests",
                    dependencies: ["TestSupport", "ConvergenceDynamics", "Clustering", "Formulas", "Relations", "Expressions", "Numbers"]),
        .testTarget(name: "SearchEngineTests", dependencies: ["SearchEngine"]),
        .testTarget(name: "SearchSessionsTests", dependencies: ["TestSupport", "SearchSessions", "SearchEngine", "Store"]),
        .testTarget(name: "QualityDiversityTests", dependencies: ["QualityDiversity", "SearchEngine", "CSearchKernels"]),
        .testTarget(name: "PuzzlesTests", dependencies: ["Puzzles", "Store", "SearchEngine"]),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers", "SearchEngine"]),
        .testTarget(name: "PCFSearchTests", dependencies: ["TestSupport", "PCFSearch", "SearchEngine", "Formulas", "Numbers"]),
        .testTarget(name: "StoreTests", dependencies: ["TestSupport", "Store", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "FuzzTests", dependencies: ["Expressions", "Formulas", "Verification", "PCFSearch", "ESMA", "ConvergenceDynamics",
                                                     "QualityDiversity", "SearchEngine"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "Store", "Numbers", "Optimizers", "apery"]),
    ],
    swiftLanguageModes: [.v5]
)
