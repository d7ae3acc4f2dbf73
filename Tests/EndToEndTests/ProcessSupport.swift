import Foundation
import TaizhangTestSupport

/// A scratch folder with a ledger path, and a runner for the CLI on it.
final class CLIFixture {
    let dir: String
    let store: String
    let today: String

    init(today: String = "2024-12-31") {
        dir = NSTemporaryDirectory() + "taizhang-e2e-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = dir + "/ledger.jsonl"
        self.today = today
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs `taizhang ARGS --store STORE` as operator 王律师 on the fixture's day.
    @discardableResult
    func tz(_ arguments: String..., lang: String? = nil) throws -> RunResult {
        var args = arguments + ["--store", store, "--operator", "王律师"]
        if let lang { args += ["--lang", lang] }
        return try runProgram(Binaries.path("taizhang"), args, environment: ["TAIZHANG_TODAY": today])
    }
}
