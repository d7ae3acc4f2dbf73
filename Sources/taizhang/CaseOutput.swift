import TaizhangDomain
import TaizhangLog
import TaizhangReport
import TaizhangTerminalCore

/// Case lists as an aligned table or CSV (the CLI's `list`).
enum CaseListTable {
    struct Column {
        var title: Words
        var width: Int
        var value: (CaseRecord) -> String
    }

    static func columns(today: BusinessDate, lang: Language) -> [Column] {
        [
            Column(title: Words.Cases.id, width: 12) { $0.id.description },
            Column(title: Words.Fields.receivedOn, width: 10) { $0["date"] },
            Column(title: Words.Cases.kind, width: lang == .zh ? 10 : 12) { $0.kind.label[lang] },
            Column(title: Words.Cases.parties, width: 24) { $0.headline },
            Column(title: Words.Cases.category, width: 12) { $0.categoryLabel(lang) },
            Column(title: Words.Fields.handler, width: 8) { $0["handler"] },
            Column(title: Words.Cases.status, width: 8) { $0.status.label[lang] },
            Column(title: Words.Clocks.deadline, width: 12) { $0.deadlineNote(today: today)?.text(lang) ?? "" },
        ]
    }

    /// The rows as a table whose columns line up by display width.
    static func render(_ rows: [CaseRecord], today: BusinessDate, lang: Language) -> String {
        let cols = columns(today: today, lang: lang)
        var lines: [String] = []
        lines.append(cols.map { DisplayWidth.fit($0.title[lang], width: $0.width, ellipsis: false) }.joined(separator: " ").trimmingTrailingSpaces())
        for c in rows {
            lines.append(cols.map { DisplayWidth.fit(Escaping.visible($0.value(c)), width: $0.width) }.joined(separator: " ").trimmingTrailingSpaces())
        }
        lines.append(Words.Common.caseCount(rows.count)[lang])
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

/// One case as labelled text (the CLI's `show`).
enum CaseText {
    static func render(_ c: CaseRecord, today: BusinessDate, lang: Language, state: LedgerState? = nil) -> String {
        let colon = Words.Common.colon[lang]
        var lines: [String] = []
        let status = c.status.label[lang] + (c.outcome.flatMap { c.kind.outcome($0)?.label[lang] }.map { " · \($0)" } ?? "")
        lines.append("\(c.id)  \(c.kind.label[lang])  [\(status)]")
        if let r = c.voidReason { lines.append(Words.Cases.voidReason[lang] + colon + Escaping.visible(r)) }
        lines.append("")
        var specs = c.kind.fields
        if let o = c.outcome, let spec = c.kind.outcome(o) { specs += spec.requiredFields }
        if c.closedOn != nil { specs.append(Schema.closedOnField) }
        let labelWidth = specs.map { DisplayWidth.of($0.label[lang]) }.max() ?? 8
        for spec in specs {
            guard let v = c.fields[spec.key], !v.isEmpty else { continue }
            var shown = spec.displayValue(v, lang)
            if case .screeningRef = spec.type, let state { shown += "  " + state.screeningSummary(v)[lang] }
            lines.append("  \(DisplayWidth.fit(spec.label[lang], width: labelWidth, ellipsis: false))  \(Escaping.visible(shown))")
        }
        let extra = c.fields.keys.filter { k in !specs.contains { $0.key == k } }.sorted()
        for k in extra { lines.append("  \(DisplayWidth.fit(k, width: labelWidth, ellipsis: false))  \(Escaping.visible(c.fields[k]!))") }
        if !c.clocks.isEmpty {
            lines.append("")
            for clock in c.clocks {
                let note = clock.note(today: today, running: c.status == .open).map { "  " + $0.text(lang) } ?? ""
                lines.append("  \(clock.label[lang])\(colon)\(clock.due)" + note)
            }
            if c.isOverdue(today: today) { lines.append("  " + Words.Clocks.caseOverdue[lang]) }
        }
        if let l = c.linkedCase { lines.append("  " + Words.Cases.linkedCase[lang] + colon + l.description) }
        if !c.repeatedBy.isEmpty { lines.append("  " + Words.Cases.repeatedBy[lang] + colon + c.repeatedBy.map(\.description).joined(separator: ", ")) }
        for f in c.followUps {
            let performed = f.performed.map { Words.Cases.performed(Schema.yesNoLabel($0))[lang] } ?? ""
            lines.append("  " + Words.Cases.followUp[lang] + " " + f.date.description + " " + performed + (f.note.map { " " + Escaping.visible($0) } ?? ""))
        }
        lines.append("")
        lines.append(Words.Cases.history[lang])
        for (e, at, text) in c.history(lang: lang) {
            lines.append("  \(Escaping.visible(EventTime.minutes(at)))  \(Escaping.visible(e.op))  \(Escaping.visible(text))")
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
