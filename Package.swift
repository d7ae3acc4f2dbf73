// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "taizhang",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "taizhang", targets: ["taizhang"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The C boundary to ncursesw: module map plus a documented shim, nothing else.
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The append-only JSON-lines file: durable append, lock, hash chain, tail recovery.
        .target(
            name: "TaizhangLog",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Case kinds, fields, events, the fold into current state, queues, clocks, validation.
        .target(
            name: "TaizhangDomain",
            dependencies: ["TaizhangLog"]
        ),
        // The executable: argument parsing and wiring.
        .executableTarget(
            name: "taizhang",
            dependencies: [
                "TaizhangLog",
                "TaizhangDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TaizhangLogTests", dependencies: ["TaizhangLog"]),
        .testTarget(name: "TaizhangDomainTests", dependencies: ["TaizhangDomain", "TaizhangLog"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TaizhangLog"]),
    ],
    swiftLanguageModes: [.v6]
)
