import Foundation

/// The seed of a randomised test: `TAIZHANG_TEST_SEED` when set (to replay a failure), else the
/// test's own. Its description names the seed and how to replay it; tests put it in every
/// failure message.
public struct TestSeed: Sendable, CustomStringConvertible {
    /// The environment variable that replays a seed.
    public static let variable = "TAIZHANG_TEST_SEED"

    /// The seed in use.
    public let value: UInt64

    /// `TAIZHANG_TEST_SEED` if set (decimal, or hex with `0x`), else `fallback`. A value that is
    /// not a number stops the test run with a message naming the variable.
    public init(_ fallback: UInt64, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let raw = environment[TestSeed.variable]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            value = fallback
            return
        }
        let parsed = raw.lowercased().hasPrefix("0x") ? UInt64(raw.dropFirst(2), radix: 16) : UInt64(raw)
        guard let parsed else {
            fatalError("\(TestSeed.variable)=\(raw) is not a seed: give a whole number (decimal, or hex with 0x)")
        }
        value = parsed
    }

    /// A seed from the system's generator unless `TAIZHANG_TEST_SEED` is set: for a test that
    /// should try new cases on every run; the seed is in its failure messages.
    public static func fresh(environment: [String: String] = ProcessInfo.processInfo.environment) -> TestSeed {
        TestSeed(UInt64.random(in: 0...UInt64.max), environment: environment)
    }

    public var description: String { "seed \(value) (replay with \(TestSeed.variable)=\(value))" }
}
