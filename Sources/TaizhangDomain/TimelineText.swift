import TaizhangLog

extension TimelineEntry {
    /// What the event did, in words: `结案：调解成功 2024-03-20，协议形式=书面`.
    ///
    /// The text is as stored; callers escape it for the terminal (the TUI's cell grid and the
    /// CLI's output both do).
    public func describe(kind: CaseKind, lang: Language) -> String {
        described(kind: kind, lang: lang).text
    }

    /// When the event was written and what it did, with one read of its line (a history shows
    /// both for every entry).
    public func described(kind: CaseKind, lang: Language) -> (at: String, text: String) {
        let (at, data) = details
        return (at, describe(data, kind: kind, lang: lang))
    }

    func describe(_ data: JSONValue, kind: CaseKind, lang: Language) -> String {
        let zh = lang == .zh
        func fieldList(_ v: JSONValue?) -> String {
            (v?.objectPairs ?? []).map { k, val in
                let spec = kind.field(k) ?? Schema.outcomeFields[k]
                let shown = val.stringValue.map { $0.isEmpty ? (zh ? "（清空）" : "(cleared)") : (spec?.displayValue($0, lang) ?? $0) } ?? val.jsonText
                return "\(spec?.label(lang) ?? k)=\(shown)"
            }.joined(separator: zh ? "，" : ", ")
        }
        switch eventType {
        case .opened: return (zh ? "登记：" : "opened: ") + fieldList(data["fields"])
        case .updated: return (zh ? "修改：" : "changed: ") + fieldList(data["fields"])
        case .noted: return (zh ? "备注：" : "note: ") + (data["text"]?.stringValue ?? "")
        case .closed:
            let o = data["outcome"]?.stringValue ?? ""
            var s = (zh ? "结案：" : "closed: ") + (kind.outcome(o)?.label(lang) ?? o) + " " + (data["closed_on"]?.stringValue ?? "")
            let f = fieldList(data["fields"])
            if !f.isEmpty { s += (zh ? "，" : ", ") + f }
            if let l = data["linked_case"]?.stringValue { s += (zh ? "，转 " : ", opened ") + l }
            return s
        case .followedUp:
            var s = (zh ? "回访：" : "follow-up: ") + (data["date"]?.stringValue ?? "")
            if let p = data["performed"]?.stringValue { s += zh ? " 履行：\(p == "yes" ? "是" : "否")" : " performed: \(p)" }
            if let n = data["note"]?.stringValue { s += " " + n }
            return s
        case .extended:
            let d = data["days"]?.intValue ?? 0
            return (zh ? "延期 \(d) 天：" : "extended \(d) days: ") + (data["reason"]?.stringValue ?? "")
        case .reopened: return (zh ? "重新打开：" : "reopened: ") + (data["reason"]?.stringValue ?? "")
        case .voided: return (zh ? "作废：" : "voided: ") + (data["reason"]?.stringValue ?? "")
        case .restored: return (zh ? "恢复：" : "restored: ") + (data["reason"]?.stringValue ?? "")
        case .documentIssued:
            let key = data["form"]?.stringValue ?? ""
            let form = DocumentForm(rawValue: key)
            let n = "（\(data["year"]?.intValue ?? 0)）\(form?.series.word ?? "")字第\(data["number"]?.intValue ?? 0)号"
            return (zh ? "出具文书：" : "document issued: ") + (form?.title(lang) ?? key) + " " + n
                + (data["format"]?.stringValue.map { " \($0)" } ?? "")
        case .setting, .screening: return type
        }
    }
}
