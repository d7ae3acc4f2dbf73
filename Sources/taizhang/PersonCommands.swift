import ArgumentParser
import Foundation
import TaizhangDomain
import TaizhangLog
import TaizhangReport
import TaizhangSearch
import TaizhangTerminalCore

/// JSON text of an object whose member values are already JSON text, members in the order given.
private func jsonObject(_ members: [(String, String)]) -> String {
    "{" + members.map { JSONValue.string($0.0).jsonText + ":" + $0.1 }.joined(separator: ",") + "}"
}

private func jsonString(_ s: String) -> String { JSONValue.string(s).jsonText }

/// A similarity of 0...1 with two decimals.
private func similarityText(_ s: Double) -> String { String(format: "%.2f", s) }

/// The outcome's label, or the status's when the case has none.
private func statusText(_ c: CaseRecord, _ lang: Language) -> String {
    if let o = c.outcome, let spec = c.kind.outcome(o) { return c.status.label(lang) + "·" + spec.label(lang) }
    return c.status.label(lang)
}

struct Person: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every case in which a person appears (by name, ID number or phone), any kind and role, by date.",
        discussion: """
        A query of 15 or 18 characters of digits (the last may be X) is an ID number, one of 7 or more digits a phone,
        anything else a name (spaces, full-width characters and middle dots do not matter). A name matches every role
        (client, applicant, each respondent, petitioner, requester); an ID number or phone the party the case records
        them for. ID numbers and phones are masked unless --unmasked is given. The lookup is not recorded in the ledger.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A name, an ID number or a phone.") var query: String
    @Option(help: "text or json.") var format: String = "text"
    @Flag(help: "Show ID numbers and phones in full.") var unmasked = false

    func run() throws {
        try global.handle {
            try checkFormat(format, ["text", "json"])
            let q = PersonQuery(query)
            if case let .name(n) = q, n.isEmpty {
                throw TaizhangDomain.ValidationError(field: "query", value: query, zh: "查询内容不能为空", en: "query: must not be empty")
            }
            let ledger = try global.openLedger(readOnly: true)
            let state = ledger.state
            let found = scan(q, state)
                .sorted { (state.records[$0.row].date, $0.row) < (state.records[$1.row].date, $1.row) }
            let lang = global.language
            if format == "json" {
                Console.out("[" + found.map { a in
                    let c = state.records[a.row]
                    return jsonObject([("case", jsonString(c.id.description)), ("kind", jsonString(c.kind.rawValue)),
                                       ("role", jsonString(a.role.rawValue)), ("date", jsonString(c["date"])),
                                       ("status", jsonString(c.status.rawValue)), ("outcome", c.outcome.map(jsonString) ?? "null"),
                                       ("name", jsonString(a.name)), ("by", jsonString(a.by.rawValue)),
                                       ("id_number", jsonString(shownID(c["id_number"], a))), ("phone", jsonString(shownPhone(c["phone"], a)))])
                }.joined(separator: ",") + "]")
                return
            }
            if found.isEmpty {
                Console.out(lang == .zh ? "没有找到此人的案件" : "no case of this person")
                return
            }
            let rows = found.map { a -> [String] in
                let c = state.records[a.row]
                var id = shownID(c["id_number"], a)
                if PersonIDs.isOldForm(id) { id += lang == .zh ? "（15 位旧号）" : " (15-digit old form)" }
                return [c.id.description, c["date"], c.kind.label(lang), a.role.label(lang), a.name, statusText(c, lang),
                        id, shownPhone(c["phone"], a)]
            }
            let titles = lang == .zh ? ["编号", "日期", "类型", "身份", "姓名", "状态", "身份证号", "电话"]
                : ["id", "date", "kind", "role", "name", "status", "ID number", "phone"]
            Console.out(alignedTable([titles] + rows))
        }
    }

    /// The cases of the person asked for, in one pass (no index is built for one question).
    func scan(_ q: PersonQuery, _ state: LedgerState) -> [PersonAppearance] {
        switch q {
        case let .name(n): PeopleIndex.scan(names: [n], idNumber: nil, phone: nil, in: state)
        case let .idNumber(k): PeopleIndex.scan(names: [], idNumber: k, phone: nil, in: state)
        case let .phone(k): PeopleIndex.scan(names: [], idNumber: nil, phone: k, in: state)
        }
    }

    /// The ID number and phone belong to the case's main party; another role shows neither.
    func shownID(_ v: String, _ a: PersonAppearance) -> String {
        a.role != PersonRole.roles(of: a.id.kind).first || v.isEmpty ? "" : unmasked ? v : Masking.idNumber(v)
    }
    func shownPhone(_ v: String, _ a: PersonAppearance) -> String {
        a.role != PersonRole.roles(of: a.id.kind).first || v.isEmpty ? "" : unmasked ? v : Masking.phone(v)
    }
}

/// Rows as columns lined up by display width, two spaces apart.
func alignedTable(_ rows: [[String]]) -> String {
    let shown = rows.map { $0.map(Escaping.visible) }
    let count = shown.map(\.count).max() ?? 0
    let widths = (0..<count).map { i in shown.map { i < $0.count ? DisplayWidth.of($0[i]) : 0 }.max() ?? 0 }
    return shown.map { row in
        row.enumerated().map { i, cell in
            i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
        }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
}

struct RepeatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repeats",
        abstract: "Likely repeat petitions not marked with repeat_of, for review.",
        discussion: """
        Pairs of petitions within 365 days by the same ID number, or by the same phone or name and a similar subject
        (shared characters and pairs of characters, similarity 0.5 or more), the later one without repeat_of. Mark a
        real repeat with `taizhang update LATER --set repeat_of=EARLIER`.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only later petitions dated in this year.") var year: Int?
    @Option(help: "text or json.") var format: String = "text"

    func run() throws {
        try global.handle {
            try checkFormat(format, ["text", "json"])
            let ledger = try global.openLedger(readOnly: true)
            let state = ledger.state
            let pairs = Repeats.unmarked(in: state, year: year)
            let lang = global.language
            if format == "json" {
                Console.out("[" + pairs.map {
                    jsonObject([("earlier", jsonString($0.earlier.description)), ("later", jsonString($0.later.description)),
                                ("by", jsonString($0.by.rawValue)), ("subject_similarity", similarityText($0.similarity))])
                }.joined(separator: ",") + "]")
                return
            }
            if pairs.isEmpty {
                Console.out(lang == .zh ? "没有未标记的疑似重复信访" : "no unmarked likely repeats")
                return
            }
            let titles = lang == .zh ? ["在先", "在后", "依据", "事项相似度", "在后事项"] : ["earlier", "later", "by", "similarity", "later subject"]
            let rows = pairs.map { p in
                [p.earlier.description, p.later.description, p.by.label(lang), similarityText(p.similarity), state[p.later]?["subject"] ?? ""]
            }
            Console.out(alignedTable([titles] + rows))
        }
    }
}

/// At `taizhang add`: the earlier cases of a petitioner or mediation party, on stderr.
enum EntryMatches {
    /// Prints the earlier cases matching the parties of a case about to be opened (petitions and
    /// mediations), likely repeats first, with a hint to record `repeat_of`.
    static func report(kind: CaseKind, inputs: [FieldInput], state: LedgerState, lang: Language) {
        guard kind == .petition || kind == .mediation else { return }
        var f: [String: String] = [:]
        for i in inputs { f[i.key] = i.value.trimmingCharacters(in: .whitespaces) }
        let names = kind == .petition ? [f["petitioner"] ?? ""] : [f["applicant"] ?? ""] + PersonName.parties(f["respondent"] ?? "")
        let date = f["date"].flatMap { BusinessDate.parse($0, today: .today()) } ?? .today()
        let scanned = PeopleIndex.scan(names: names.filter { !$0.isEmpty }, idNumber: f["id_number"], phone: f["phone"], in: state)
        let found = Repeats.earlierCases(scanned, idNumber: f["id_number"], subject: f["subject"] ?? "", date: date, in: state)
        guard !found.isEmpty else { return }
        let shown = found.prefix(20)
        var lines = [lang == .zh ? "此当事人已有 \(found.count) 件在先案件：" : "this party has \(found.count) earlier case(s):"]
        for e in shown {
            let c = state.records[e.appearance.row]
            let subject = c.kind == .petition ? c["subject"] : c.headline
            let mark = e.likelyRepeat ? (lang == .zh ? "  疑似重复" : "  likely repeat") : ""
            lines.append("  \(c.id)  \(c["date"])  \(Escaping.visible(subject))  \(statusText(c, lang))  \(e.appearance.by.label(lang))\(mark)")
        }
        if found.count > shown.count { lines.append(lang == .zh ? "  ……另有 \(found.count - shown.count) 件" : "  … and \(found.count - shown.count) more") }
        if kind == .petition, !inputs.contains(where: { $0.key == "repeat_of" }), let first = found.first(where: { $0.appearance.id.kind == .petition }) {
            lines.append(lang == .zh ? "如属重复信访，可用 --set repeat_of=\(first.appearance.id) 记录" : "to record a repeat petition: --set repeat_of=\(first.appearance.id)")
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
