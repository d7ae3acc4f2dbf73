import Foundation
import TaizhangDomain
import TaizhangLog
import TaizhangRandom
import TaizhangTestSupport
@testable import TaizhangSearch

/// A ledger in a fresh temporary directory.
final class TestLedger {
    let dir: URL
    let ledger: Ledger
    static let today = BusinessDate(year: 2024, month: 3, day: 20)!

    init(setup: (Ledger) throws -> Void = { _ in }) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tz-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        ledger = try Ledger(path: dir.appendingPathComponent("ledger.jsonl").path, operatorName: "王律师")
        try setup(ledger)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    var state: LedgerState { ledger.state }
}

/// Opens a case and returns its id.
@discardableResult
func open(_ ledger: Ledger, _ kind: CaseKind, _ fields: [String: String]) throws -> CaseID {
    try ledger.perform(.open(kind: kind, fields: fields.map { FieldInput($0.key, $0.value) }), today: TestLedger.today).caseID!
}

/// Adds a note.
func note(_ ledger: Ledger, _ id: CaseID, _ text: String) throws {
    try ledger.perform(.note(id: id.description, text: text), today: TestLedger.today)
}

/// Forty-odd cases of every kind over several dates, some voided, with notes, mixed Chinese,
/// ASCII, fullwidth and accented text.
func mixedLedger(_ l: Ledger) throws {
    try l.perform(.setting(key: "town", value: "东棘坨镇"), today: TestLedger.today)
    try open(l, .mediation, ["date": "2024-03-01", "unit": "office", "applicant": "张三", "respondent": "李四", "category": "neighbor", "handler": "刘"])
    try open(l, .mediation, ["date": "2024-03-02", "unit": "office", "applicant": "Bob Smith", "respondent": "Acme Ltd", "category": "contract", "handler": "Li"])
    try open(l, .mediation, ["date": "2024-03-03", "unit": "station", "applicant": "王五A", "respondent": "赵六", "category": "labor", "handler": "刘"])
    try open(l, .petition, ["date": "2024-01-05", "unit": "office", "petitioner": "孙七", "form": "visit", "subject": "宅基地纠纷"])
    try addVariedCases(to: l, names: ["张伟", "李娜", "王芳", "赵强", "Zhang Wei", "ＡＢＣ公司", "José", "e\u{301}lise", "欄杆\u{F91D}", "刘\r\n明", "单长顺", "曾调解"],
                       today: TestLedger.today, note: { "回访：\($0) 已签字，到银行还款后重新调解" })
}

/// What a case matches, the slow way: the case's search text and initials searched with
/// `String`, as the search text's byte search must agree with.
struct ReferenceMatch {
    let pinyin = PinyinIndex()

    func matches(_ needle: String, _ c: CaseRecord) -> Bool {
        let n = CaseSearchIndex.needle(needle)
        if n.isEmpty { return true }
        let key = pinyin.searchKey(c)
        if key.haystack.contains(n) { return true }
        guard n.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return key.initials.contains(n)
    }

    /// Positions in `state.records` of the cases matching `needle`.
    func rows(_ needle: String, _ state: LedgerState) -> [Int32] {
        state.records.indices.filter { matches(needle, state.records[$0]) }.map { Int32($0) }
    }
}

/// Seeded random text from a pool of Chinese characters, so failures repeat.
struct RandomHan {
    let pool: [Character]
    let seed: UInt64
    private var rng: SplitMix64

    init(_ characters: String, seed: UInt64) {
        pool = Array(characters)
        self.seed = seed
        rng = SplitMix64(seed: seed)
    }

    /// The next 64 random bits, from the same sequence.
    mutating func next() -> UInt64 { rng.next() }

    /// `count` characters of the pool.
    mutating func text(_ count: Int) -> String {
        String((0..<count).map { _ in pool[Int(rng.next() % UInt64(pool.count))] })
    }
}
