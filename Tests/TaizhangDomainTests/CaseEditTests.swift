import Foundation
import Testing
@testable import TaizhangDomain

/// Edits made against a version of a case: two terminals on one ledger file.
@Suite struct CaseEditTests {
    /// A mediation opened in `t`, and a second terminal on the same file.
    private func twoTerminals() throws -> (TestLedger, Ledger, String) {
        let t = try TestLedger()
        let id = try t.add(.mediation, minimal[.mediation]!)
        let other = try Ledger(path: t.path, operatorName: "李文书")
        return (t, other, id)
    }

    @Test func aFreshEditIsSaved() throws {
        let (t, _, id) = try twoTerminals()
        let c = try #require(t.state.lookup(id))
        try t.run(.edit(CaseEdit(id: id, expectedVersion: c.version, base: c.fields.dictionary, fields: [FieldInput("summary", "新的简要情况")])))
        let after = try #require(t.state.lookup(id))
        #expect(after["summary"] == "新的简要情况")
        #expect(after.version > c.version)
    }

    @Test func aStaleEditOfTheSameFieldIsRefusedNamingBothVersions() throws {
        let (t, other, id) = try twoTerminals()
        let seen = try #require(t.state.lookup(id))
        try other.perform(.update(id: id, fields: [FieldInput("summary", "甲写的")]), today: t.today)
        let edit = CaseEdit(id: id, expectedVersion: seen.version, base: seen.fields.dictionary, fields: [FieldInput("summary", "乙写的")])
        let e = try #require(t.rejection(.edit(edit)))
        let now = try #require(other.state.lookup(id)).version
        #expect(e.field == "version")
        #expect(e.en.contains("version \(seen.version)") && e.en.contains("version \(now)") && e.en.contains("summary"))
        #expect(e.zh.contains("版本 \(seen.version)") && e.zh.contains("版本 \(now)"))
        #expect(t.state.lookup(id)?["summary"] == "甲写的")
        let conflict = try #require(try t.state.conflict(for: edit, today: t.today))
        #expect(conflict.fields == [FieldConflict(key: "summary", base: "", mine: "乙写的", theirs: "甲写的")])
        #expect(conflict.currentVersion == now)
    }

    @Test func staleEditsOfOtherFieldsAreMerged() throws {
        let (t, other, id) = try twoTerminals()
        let seen = try #require(t.state.lookup(id))
        try other.perform(.update(id: id, fields: [FieldInput("summary", "甲写的")]), today: t.today)
        try other.perform(.note(id: id, text: "甲的备注"), today: t.today)
        try t.run(.edit(CaseEdit(id: id, expectedVersion: seen.version, base: seen.fields.dictionary, fields: [FieldInput("village", "东村")])))
        let c = try #require(try t.replayed().lookup(id))
        #expect(c["summary"] == "甲写的")
        #expect(c["village"] == "东村")
    }

    @Test func bothSidesTypingTheSameValueIsNoConflict() throws {
        let (t, other, id) = try twoTerminals()
        let seen = try #require(t.state.lookup(id))
        try other.perform(.update(id: id, fields: [FieldInput("summary", "同一句"), FieldInput("handler", "刘律师")]), today: t.today)
        try t.run(.edit(CaseEdit(id: id, expectedVersion: seen.version, base: seen.fields.dictionary,
                                 fields: [FieldInput("summary", "同一句"), FieldInput("village", "西村")])))
        let c = try #require(t.state.lookup(id))
        #expect(c["summary"] == "同一句" && c["village"] == "西村" && c["handler"] == "刘律师")
    }

    @Test func withoutABaseAnyLaterChangeIsRefused() throws {
        let (t, other, id) = try twoTerminals()
        let v = try #require(t.state.lookup(id)).version
        try other.perform(.note(id: id, text: "备注"), today: t.today)
        let e = try #require(t.rejection(.edit(CaseEdit(id: id, expectedVersion: v, base: nil, fields: [FieldInput("village", "东村")]))))
        #expect(e.field == "version")
        #expect(t.state.lookup(id)?["village"] == "")
    }

    @Test func historyShowsOldAndNewValues() throws {
        let t = try TestLedger()
        let id = try t.add(.mediation, minimal[.mediation]!.merging(["village": "东村"]) { a, _ in a })
        try t.run(.update(id: id, fields: [FieldInput("village", "西村")]))
        let c = try #require(t.state.lookup(id))
        let lines = c.history(lang: .zh).map(\.text)
        #expect(lines.last == "修改：村/社区：东村 → 西村")
        #expect(c.history(lang: .en).last?.text.contains("东村 → 西村") == true)
    }

    @Test func historyListsFieldsInTheFormsOrder() throws {
        let t = try TestLedger()
        let id = try t.add(.mediation, minimal[.mediation]!.merging(["village": "东村", "handler": "刘"]) { a, _ in a })
        let c = try #require(t.state.lookup(id))
        let opened = try #require(c.history(lang: .zh).first?.text)
        let labels = ["受理日期", "单位", "村/社区", "承办人", "申请人", "被申请人", "纠纷类型"]
        let positions = labels.compactMap { opened.range(of: $0)?.lowerBound }
        #expect(positions.count == labels.count, "\(opened)")
        #expect(positions == positions.sorted(), "\(opened)")
    }
}
