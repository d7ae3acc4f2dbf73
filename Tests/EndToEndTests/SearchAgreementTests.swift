import Foundation
import TaizhangTestSupport
import Testing
import TaizhangDomain
import TaizhangLog
import TaizhangSearch
@testable import TaizhangScreens

/// `taizhang list --status all --text X` (the real binary) and the queue's `/X` filter with
/// status "all" (the queue model the TUI draws from) list the same cases, on the demo ledger
/// plus a case named 张三: Chinese text, pinyin initials read word by word, choice labels, ids
/// and mixed needles.
@Suite struct SearchAgreementTests {
    static let demoPath = Binaries.packageRoot.appendingPathComponent("data/demo-2024.jsonl").path

    @Test func cliAndQueueFindTheSameCases() throws {
        let f = CLIFixture()
        try FileManager.default.copyItem(atPath: Self.demoPath, toPath: f.store)
        let add = try f.tz("add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=单长顺",
                           "--set", "category=邻里", "--set", "date=2024-12-20")
        #expect(add.status == 0, "\(add.stderr)")
        let added = add.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let ledger = try Ledger(path: f.store, operatorName: "王律师", options: LogOpenOptions(create: false, readOnly: true))
        let state = ledger.state
        let model = QueueModel()
        let pinyin = PinyinIndex()
        func queue(_ needle: String) -> [String] {
            Array(model.rows(state, status: nil, sort: .id, kind: nil, needle: QueueModel.needle(needle), pinyin: pinyin)).map(\.description)
        }
        func cli(_ needle: String) throws -> [String] {
            let r = try f.tz("list", "--status", "all", "--text", needle, "--sort", "id", "--format", "json", "--read-only")
            #expect(r.status == 0, "\(needle): \(r.stderr)")
            let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
            return rows.compactMap { $0["id"] as? String }
        }

        let needles = ["调解", "调解成功", "张三", "tj", "tjcg", "zs", "ZS", " zs ", "邻里", "neighbours", "婚姻家庭", "cx", "xz",
                       "M-2024-00", "m-2024-0001", "2024", "0117行初", "（2024）", "某0117", "szs", "dcs", "dj", "张s", "调解 成功"]
        var found: [String: [String]] = [:]
        for needle in needles {
            let byCLI = try cli(needle)
            #expect(byCLI == queue(needle), "\(needle.debugDescription)")
            found[needle] = byCLI
        }
        // The needles find what they should, so the agreement is not over empty lists.
        #expect(found["zs"]?.contains(added) == true)
        #expect(found["张三"] == [added])
        #expect(found["szs"] == [added])   // 单长顺: 单 read as the surname Shàn, 长 as zhǎng
        #expect(found["dcs"]?.contains(added) == true)
        let neighbourMediations = state.records.filter { $0.kind == .mediation && $0["category"] == "neighbor" }.map(\.id.description).sorted()
        #expect(neighbourMediations.count >= 2)
        #expect(Set(neighbourMediations).isSubset(of: Set(found["邻里"] ?? [])))
        let mediated = state.records.filter { c in (c.fields.values.contains { $0.contains("调解") } || c.notes.contains { $0.text.contains("调解") }) }
        #expect(!mediated.isEmpty)
        #expect(Set(mediated.map(\.id.description)).isSubset(of: Set(found["tj"] ?? [])))
        #expect(found["m-2024-0001"] == ["M-2024-0001"])
        #expect((found["0117行初"] ?? []).count > 0)
    }
}
