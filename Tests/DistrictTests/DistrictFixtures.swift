import Foundation
import TaizhangTestSupport
import TaizhangDistrict
import TaizhangDomain
import TaizhangLog
import TaizhangReport

/// Ledgers and helpers the district tests share.
enum DistrictFixtures {
    /// The day every test runs on (so 2025's as-of day is June 30 and 2024's is December 31).
    static let today = "2025-06-30"
    static var todayDate: BusinessDate { BusinessDate.parseISO(today)! }

    /// A scratch folder, removed by the caller.
    static func scratch() throws -> String {
        let dir = "/tmp/taizhang-district-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        return dir
    }

    /// A copy of the demo ledger (town 青坨镇) at `dir/name`.
    static func demoCopy(in dir: String, name: String = "demo.jsonl") throws -> String {
        let path = dir + "/" + name
        try FileManager.default.copyItem(atPath: Binaries.demoLedger, toPath: path)
        return path
    }

    /// A generated town ledger.
    static func generated(in dir: String, town: String, cases: Int, seed: UInt64) throws -> String {
        let path = dir + "/\(seed).jsonl"
        try TownGenerator.write(path: path, town: town, cases: cases, seed: seed)
        return path
    }

    /// The first `lines` lines of `path`, written to `to`.
    static func prefix(of path: String, lines: Int, to: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var count = 0
        var end = 0
        for (i, b) in data.enumerated() where b == UInt8(ascii: "\n") {
            count += 1
            if count == lines { end = i + 1; break }
        }
        try data.prefix(end).write(to: URL(fileURLWithPath: to))
    }

    /// Number of lines in a file.
    static func lineCount(_ path: String) throws -> Int {
        try Data(contentsOf: URL(fileURLWithPath: path)).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// `taizhang summary`'s figures for `year` on the ledger at `path`, as JSON nodes per unit.
    static func ledgerUnits(_ path: String, year: Int) throws -> JSONNode {
        let s = try YearSummary.load(path: path, year: year, today: todayDate)
        guard case let .object(members) = s.json, let units = members.first(where: { $0.key == "units" }) else {
            fatalError("summary JSON has no units")
        }
        return units.value
    }

    /// `units` of a ``DistrictSummary/Town``.
    static func units(_ t: DistrictSummary.Town) -> JSONNode {
        .object(t.units.map { .init($0.key, $0.json) })
    }

    /// Parses JSON text (for comparing the two CLIs' outputs as values).
    static func parse(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
