// swift-tools-version:6.0
import PackageDescription

// The log and the fold replay a million events on open. In release builds their runtime
// exclusivity checks (begin/end access on every class property touched in the decoder and the
// snapshot reader) cost more than a quarter of the time; debug builds, which run the tests,
// keep them.
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

// The programs that open whole ledgers link mimalloc (Debian's libmimalloc-dev, installed by
// script/setup), which then serves every malloc of the process. A replay allocates strings and
// lists on two decoding threads and frees many of them on the folding one; glibc's arenas
// contend on their locks for that, and a million-event replay took about a fifth longer with
// them. Linux only; elsewhere the system allocator stays.
let allocatorSettings: [LinkerSetting] = [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]

let package = Package(
    name: "taizhang",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "taizhang", targets: ["taizhang"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // The C boundary to ncursesw: module map plus a documented shim, nothing else.
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The queue filter's byte search over every case's text: SIMD with prefetching, which
        // Swift cannot express (see text_search.c).
        .target(name: "CTextSearch"),
        // Finding cases by text, for the CLI and the TUI alike: each case's search text (fields,
        // choice labels, notes, pinyin initials read word by word) and the queue filter's engine.
        .target(name: "TaizhangSearch", dependencies: ["TaizhangDomain", "TaizhangLog", "CTextSearch"]),
        // What the screens and the terminal backend share: cell grid, styles, keys and their
        // decoding from terminal bytes, display width, escaping, the backend protocol.
        .target(name: "TaizhangTerminalCore"),
        // The seeded generator for the demo ledger, the benchmark's ledgers and the tests.
        .target(name: "TaizhangRandom"),
        // The append-only JSON-lines file: durable append, lock, hash chain, tail recovery.
        .target(
            name: "TaizhangLog",
            dependencies: ["TaizhangTerminalCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: hotPathSettings
        ),
        // Case kinds, fields, events, the fold into current state, queues, clocks, validation.
        .target(
            name: "TaizhangDomain",
            dependencies: ["TaizhangLog", "TaizhangTerminalCore"],
            swiftSettings: hotPathSettings
        ),
        // Year-end figures and their renderers; ledger exports (CSV, XLSX, JSON lines).
        .target(
            name: "TaizhangReport",
            dependencies: ["TaizhangDomain", "TaizhangLog", "TaizhangTerminalCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The one writer of files a user asks for (exports): atomic, 0600, never replacing unasked.
        .target(name: "TaizhangFiles"),
        // Reading outside spreadsheets (XLSX, CSV) into the domain's commands.
        .target(
            name: "TaizhangImport",
            dependencies: ["TaizhangDomain", "TaizhangLog", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "CSV", package: "CSV.swift")]
        ),
        // The case-file documents (DOCX and text forms) and the monthly dispute form.
        .target(
            name: "TaizhangDocuments",
            dependencies: ["TaizhangDomain", "TaizhangLog", "TaizhangReport", "TaizhangFiles", "TaizhangTerminalCore"]
        ),
        // The TUI as pure code: screen state, key map, forms, line editor, layout; the run loop.
        .target(
            name: "TaizhangScreens",
            dependencies: ["TaizhangDomain", "TaizhangReport", "TaizhangLog", "TaizhangSearch", "TaizhangTerminalCore", "TaizhangFiles", "TaizhangDocuments"]
        ),
        // The district's PostgreSQL: schema, push, figures in SQL, status, verify (async, PostgresNIO).
        .target(
            name: "TaizhangDistrict",
            dependencies: ["TaizhangDomain", "TaizhangLog", "TaizhangReport", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The ncurses backend: draws cell grid diffs, reads the terminal's bytes, notices resizes.
        .target(
            name: "TaizhangTerminal",
            dependencies: ["CNcursesw", "TaizhangTerminalCore"]
        ),
        // The executable: argument parsing and wiring.
        .executableTarget(
            name: "taizhang",
            dependencies: [
                "TaizhangLog", "TaizhangDomain", "TaizhangReport", "TaizhangScreens", "TaizhangSearch", "TaizhangTerminal", "TaizhangTerminalCore", "TaizhangFiles", "TaizhangImport", "TaizhangDocuments", "TaizhangDistrict",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: allocatorSettings
        ),
        // Writes data/demo-2024.jsonl through the ledger's own API.
        .executableTarget(
            name: "taizhang-demo-generator",
            dependencies: ["TaizhangDomain", "TaizhangLog", "TaizhangRandom"]
        ),
        // Writer and reader processes for the multi-process log tests.
        .executableTarget(
            name: "taizhang-stress",
            dependencies: ["TaizhangDomain", "TaizhangLog"]
        ),
        // Generates district-scale ledgers and measures taizhang against its peers (run on purpose).
        .executableTarget(
            name: "taizhang-bench",
            dependencies: ["TaizhangDomain", "TaizhangLog", "TaizhangReport", "TaizhangScreens", "TaizhangSearch", "TaizhangTerminalCore", "TaizhangRandom"],
            linkerSettings: allocatorSettings
        ),
        // Helpers the tests share (a ledger file's bytes and lines, seeds for randomised tests).
        .target(name: "TaizhangTestSupport", dependencies: ["TaizhangDomain"], path: "Tests/TaizhangTestSupport"),
        .testTarget(name: "TaizhangTerminalCoreTests", dependencies: ["TaizhangTerminalCore", "TaizhangRandom", "TaizhangTestSupport"]),
        .testTarget(name: "TaizhangLogTests", dependencies: ["TaizhangLog", "TaizhangRandom", "TaizhangTestSupport"]),
        .testTarget(name: "TaizhangDomainTests", dependencies: ["TaizhangDomain", "TaizhangLog", "TaizhangTerminalCore", "TaizhangRandom", "TaizhangTestSupport"]),
        .testTarget(name: "TaizhangReportTests", dependencies: ["TaizhangReport", "TaizhangDomain", "TaizhangLog", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "TaizhangScreensTests", dependencies: ["TaizhangScreens", "TaizhangDomain", "TaizhangLog", "TaizhangSearch", "TaizhangTerminalCore", "TaizhangRandom", "TaizhangFiles", "TaizhangDocuments", "TaizhangTestSupport"]),
        .testTarget(name: "TaizhangSearchTests", dependencies: ["TaizhangSearch", "TaizhangDomain", "TaizhangLog", "CTextSearch", "TaizhangRandom", "TaizhangTestSupport"]),
        .testTarget(name: "TaizhangFilesTests", dependencies: ["TaizhangFiles"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TaizhangLog", "TaizhangDomain", "TaizhangSearch", "TaizhangScreens", "TaizhangRandom", "TaizhangTestSupport"]),
        .testTarget(name: "ImportTests", dependencies: ["TaizhangImport", "TaizhangDomain", "TaizhangLog", "TaizhangTestSupport",
                                                        .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Fixtures"]),
        .testTarget(
            name: "DocumentsTests",
            dependencies: ["TaizhangDocuments", "TaizhangDomain", "TaizhangFiles", "TaizhangLog", "TaizhangReport", "TaizhangTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "DistrictTests", dependencies: ["TaizhangDistrict", "TaizhangReport", "TaizhangDomain", "TaizhangLog"]),
    ],
    swiftLanguageModes: [.v6]
)
