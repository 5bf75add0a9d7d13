// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "history",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "history", targets: ["history"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 of import sources now; Ed25519 commit signatures later (issue 5).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        // history serve: the HTTP API and the reviewers' pages (issue 6); swift-log comes with it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Already in Hummingbird's graph; named so the server can set its own response headers.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // Already in Hummingbird's graph: the server's own thread pools and the connection a request came on.
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        // history export --sqlite: tables written through a maintained SQLite library, never hand-escaped SQL.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // Requests history makes itself: report webhooks now, fetching the published pages next (issue 16).
        // The maintained NIO client, on the event loops Hummingbird's graph already builds.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        // The sources file (what `history fetch` tracks) is YAML, read and written by a maintained parser.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        // People and sessions in history serve (issue 19): the ecosystem's authenticator and session middleware
        // rather than hand-written ones. Only HummingbirdAuth is used (no bcrypt: tokens are 256 random bits).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // libxml2's HTML parser (Debian's libxml2-dev), for the published pages `history fetch` reads (issue 16).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Crypto: SHA-1 for the ids of objects a bulk import writes into its own packfile.
        .target(name: "Git", dependencies: ["CGit2", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ProfileModel"),
        .target(name: "SemanticDiff", dependencies: ["ProfileModel"]),
        // Typed values every layer shares (profile ids, dates, commits, events, reviews, comparisons); no I/O.
        .target(name: "HistoryModel", dependencies: ["ProfileModel", "SemanticDiff"]),
        .target(name: "Rendering", dependencies: ["HistoryModel", "SemanticDiff", "ProfileModel"]),
        // Scores the diff against the annotated corpus in Tests/Evaluation (scripts/bench eval, and a test).
        .target(name: "DiffEvaluation", dependencies: ["SemanticDiff", "ProfileModel"]),
        .target(
            name: "HistoryStore",
            dependencies: [
                "Git", "ProfileModel", "SemanticDiff", "HistoryModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // history export: the store's profiles, events, changes, facts and statements as SQLite tables or CSV.
        .target(
            name: "Export",
            dependencies: ["HistoryStore", "HistoryModel", "ProfileModel", "SemanticDiff", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // A published profile page as the plain text `history import` reads; all libxml2 interop lives here.
        .target(name: "HTML", dependencies: ["CLibXML2", "HistoryModel"]),
        // HTTP out: POSTing reports to webhooks, signed with HMAC-SHA256, with retries.
        .target(
            name: "Outbound",
            dependencies: [
                "HistoryModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "HistoryServer",
            dependencies: [
                "HistoryStore", "HistoryModel", "ProfileModel", "SemanticDiff", "Rendering",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            ]
        ),
        .executableTarget(
            name: "history",
            dependencies: [
                "HistoryStore", "HistoryModel", "ProfileModel", "SemanticDiff", "Rendering", "HistoryServer", "Export", "Outbound", "HTML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks print figures; they are never run as tests (scripts/bench).
        .executableTarget(name: "history-bench", dependencies: ["SemanticDiff", "ProfileModel", "HistoryModel", "Rendering", "TestSupport", "DiffEvaluation"],
                          path: "Benchmarks/history-bench"),
        // What the fuzzer drives (scripts/fuzz), and the executable libFuzzer links it into; plainly built it replays files.
        // Pure modules only: everything the fuzzer links is built again, instrumented (scripts/fuzz).
        .target(name: "FuzzTargets", dependencies: ["ProfileModel", "SemanticDiff", "HistoryModel", "Rendering", "HTML"],
                path: "Fuzz/FuzzTargets"),
        .target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"),
        .executableTarget(name: "history-fuzz", dependencies: ["FuzzTargets", "CFuzzDriver"], path: "Fuzz/history-fuzz"),
        // Temporary directories, a git runner, golden files and a seeded generator, shared by tests and benchmarks.
        .target(name: "TestSupport", dependencies: ["HistoryModel", "ProfileModel"], path: "Tests/TestSupport"),
        .testTarget(name: "GitTests", dependencies: ["Git", "TestSupport"]),
        .testTarget(name: "ProfileModelTests", dependencies: ["ProfileModel", "TestSupport"]),
        .testTarget(name: "SemanticDiffTests", dependencies: ["SemanticDiff", "ProfileModel", "HistoryModel", "Rendering", "TestSupport", "DiffEvaluation"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "HTMLTests", dependencies: ["HTML", "HistoryModel", "ProfileModel", "TestSupport"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "HistoryModel", "SemanticDiff", "ProfileModel", "TestSupport"]),
        .testTarget(name: "HistoryStoreTests", dependencies: ["HistoryStore", "HistoryModel", "Git", "ProfileModel", "SemanticDiff", "Rendering", "TestSupport"]),
        .testTarget(name: "HistoryServerTests", dependencies: [
            "HistoryServer", "HistoryStore", "HistoryModel", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "history", "TestSupport",
            // HMAC, to check the signatures a webhook receiver got.
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
