import TaizhangDomain
import TaizhangLog
import TaizhangReport
import TaizhangTerminalCore

/// Case lists as an aligned table or CSV.
enum CaseTable {
    struct Column {
        var title: Localized
        var width: Int
        var value: (CaseRecord) -> String
    }

    static func columns(today: BusinessDate, lang: Language) -> [Column] {
        [
            Column(title: Localized("编号", "id"), width: 12) { $0.id.description },
            Column(title: Localized("受理日期", "date"), width: 10) { $0["date"] },
            Column(title: Localized("类型", "kind"), width: lang == .zh ? 10 : 12) { $0.kind.label(lang) },
            Column(title: Localized("当事人/事项", "parties / subject"), width: 24) { $0.headline },
            Column(title: Localized("类别", "category"), width: 12) { c in
                let key = c.kind.categoryField
                return c.kind.field(key)?.displayValue(c[key], lang) ?? c[key]
            },
            Column(title: Localized("承办人", "handler"), width: 8) { $0["handler"] },
            Column(title: Localized("状态", "status"), width: 8) { $0.status.label(lang) },
            Column(title: Localized("期限", "due"), width: 12) { deadlineText($0, today: today, lang: lang) },
        ]
    }

    /// Days left with a plain-text marker: `!超期3天` overdue, `*剩2天` within 3 days.
    static func deadlineText(_ c: CaseRecord, today: BusinessDate, lang: Language) -> String {
        guard let left = c.daysLeft(today: today), let d = c.deadline else { return "" }
        if d.binding && left < 0 { return lang == .zh ? "!超期\(-left)天" : "!\(-left)d over" }
        if left < 0 { return lang == .zh ? "已过\(-left)天" : "\(-left)d past" }
        let marker = left <= 3 ? "*" : ""
        return lang == .zh ? "\(marker)剩\(left)天" : "\(marker)\(left)d left"
    }

    /// The rows as a table whose columns line up by display width.
    static func render(_ rows: [CaseRecord], today: BusinessDate, lang: Language) -> String {
        let cols = columns(today: today, lang: lang)
        var lines: [String] = []
        lines.append(cols.map { DisplayWidth.fit($0.title(lang), width: $0.width, ellipsis: false) }.joined(separator: " ").trimmingTrailingSpaces())
        for c in rows {
            lines.append(cols.map { DisplayWidth.fit(Escaping.visible($0.value(c)), width: $0.width) }.joined(separator: " ").trimmingTrailingSpaces())
        }
        lines.append(lang == .zh ? "共 \(rows.count) 件" : "\(rows.count) case(s)")
        return lines.joined(separator: "\n")
    }

    /// The rows as CSV (RFC 4180 quoting) with field keys as headers. Control characters are
    /// escaped as in the table and cells that a spreadsheet would run as formulas are guarded:
    /// this is a view; `export` writes the data as stored.
    static func csv(_ rows: [CaseRecord], today: BusinessDate, lang: Language) -> String {
        var out = ["id,kind,date,unit,status,outcome,headline,category,handler,deadline,days_left"]
        for c in rows {
            let cells = [c.id.description, c.kind.rawValue, c["date"], c["unit"], c.status.rawValue, c.outcome ?? "",
                         c.headline, c[c.kind.categoryField], c["handler"], c.deadline?.due.description ?? "",
                         c.daysLeft(today: today).map(String.init) ?? ""]
            out.append(cells.map { CSV.cell(Escaping.visible($0)) }.joined(separator: ","))
        }
        return out.joined(separator: "\n")
    }

}

/// One case as labelled text.
enum CaseText {
    static func render(_ c: CaseRecord, today: BusinessDate, lang: Language) -> String {
        let zh = lang == .zh
        var lines: [String] = []
        let status = c.status.label(lang) + (c.outcome.flatMap { c.kind.outcome($0)?.label(lang) }.map { " · \($0)" } ?? "")
        lines.append("\(c.id)  \(c.kind.label(lang))  [\(status)]")
        if let r = c.voidReason { lines.append((zh ? "作废理由：" : "void reason: ") + Escaping.visible(r)) }
        lines.append("")
        var specs = c.kind.fields
        if let o = c.outcome, let spec = c.kind.outcome(o) { specs += spec.requiredFields }
        if c.closedOn != nil { specs.append(Schema.closedOnField) }
        let labelWidth = specs.map { DisplayWidth.of($0.label(lang)) }.max() ?? 8
        for spec in specs {
            guard let v = c.fields[spec.key], !v.isEmpty else { continue }
            lines.append("  \(DisplayWidth.fit(spec.label(lang), width: labelWidth, ellipsis: false))  \(Escaping.visible(spec.displayValue(v, lang)))")
        }
        let extra = c.fields.keys.filter { k in !specs.contains { $0.key == k } }.sorted()
        for k in extra { lines.append("  \(DisplayWidth.fit(k, width: labelWidth, ellipsis: false))  \(Escaping.visible(c.fields[k]!))") }
        if !c.clocks.isEmpty {
            lines.append("")
            for clock in c.clocks {
                var s = "  \(clock.label(lang))：\(clock.due)"
                if let done = clock.doneOn {
                    s += done > clock.due ? (zh ? "（已于 \(done) 办理，逾期）" : " (done \(done), late)") : (zh ? "（已于 \(done) 办理）" : " (done \(done))")
                } else if c.status == .open {
                    let left = today.days(until: clock.due)
                    s += left < 0 ? (zh ? "（已过 \(-left) 天）" : " (\(-left) days ago)") : (zh ? "（剩 \(left) 天）" : " (\(left) days left)")
                }
                lines.append(s)
            }
            if c.isOverdue(today: today) { lines.append(zh ? "  ！已超期" : "  ! overdue") }
        }
        if let l = c.linkedCase { lines.append((zh ? "  关联案件：" : "  linked case: ") + l.description) }
        if !c.repeatedBy.isEmpty { lines.append((zh ? "  重复信访：" : "  repeated by: ") + c.repeatedBy.map(\.description).joined(separator: ", ")) }
        for f in c.followUps {
            lines.append((zh ? "  回访 " : "  follow-up ") + f.date.description + " " + (f.performed.map { zh ? "履行：\($0 == "yes" ? "是" : "否")" : "performed: \($0)" } ?? "")
                         + (f.note.map { " " + Escaping.visible($0) } ?? ""))
        }
        lines.append("")
        lines.append(zh ? "经过：" : "history:")
        for (e, at, text) in c.history(lang: lang) {
            lines.append("  \(Escaping.visible(String(at.prefix(16)).replacingOccurrences(of: "T", with: " ")))  \(Escaping.visible(e.op))  \(Escaping.visible(text))")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
