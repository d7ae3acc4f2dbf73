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
    /// both for every entry). For an entry of a record from ``LedgerState/loaded(_:)`` (as the
    /// detail screen and `show` use) nothing is read.
    public func described(kind: CaseKind, lang: Language) -> (at: String, text: String) {
        let (at, data) = details
        return (at, describe(data, kind: kind, lang: lang))
    }

    /// When the event was written and its payload, read from `source` when the entry points
    /// at its line; throws when the entry belongs to another file or the line there is no
    /// longer this event's.
    public func read(from source: LineSource?) throws(StoredTextError) -> (at: String, data: JSONValue) {
        switch payload {
        case let .inline(p): return (p.at, p.data)
        case let .line(offset, number, length):
            guard let source, source.number == number else {
                throw StoredTextError(path: source?.path ?? "", offset: offset, length: Int(length), reason: .otherFile)
            }
            // The line must still be this event's (the file could have been replaced).
            guard let r = source.record(offset: offset, length: Int(length)), r.seq == seq else {
                throw StoredTextError(path: source.path, offset: offset, length: Int(length), reason: .unreadable)
            }
            return (r.at, r.data)
        }
    }

    /// Whether the time stamp and payload are in memory (nothing to read).
    public var isInMemory: Bool {
        if case .inline = payload { return true }
        return false
    }
}

extension LedgerState {
    /// When `entry`'s event was written and its payload, read from this state's ledger file
    /// when needed; throws ``StoredTextError`` when the file no longer has the line.
    public func details(of entry: TimelineEntry) throws(StoredTextError) -> (at: String, data: JSONValue) {
        try entry.read(from: lineSource)
    }

    /// `entry` with its time stamp and payload in memory.
    public func loaded(_ entry: TimelineEntry) throws(StoredTextError) -> TimelineEntry {
        if entry.isInMemory { return entry }
        let (at, data) = try details(of: entry)
        return TimelineEntry(seq: entry.seq, at: at, op: entry.op, type: entry.eventType, data: data)
    }
}

extension TimelineEntry {

    func describe(_ data: JSONValue, kind: CaseKind, lang: Language) -> String {
        typealias H = Words.History
        func fieldList(_ v: JSONValue?) -> String {
            (v?.objectPairs ?? []).map { k, val in
                let spec = kind.field(k) ?? Schema.outcomeFields[k]
                let shown = val.stringValue.map { $0.isEmpty ? Words.Common.cleared[lang] : (spec?.displayValue($0, lang) ?? $0) } ?? val.jsonText
                return "\(spec?.label[lang] ?? k)=\(shown)"
            }.joined(separator: Words.Common.comma[lang])
        }
        switch eventType {
        case .opened:
            let s = H.opened[lang] + fieldList(data["fields"])
            guard let src = ImportSource(payload: data) else { return s }
            let at = src.sheet.isEmpty ? src.file : "\(src.file) \(src.sheet)"
            return s + H.importedFrom(at, row: src.row, sha256: String(src.sha256.prefix(12)))[lang]
        case .updated: return H.changed[lang] + fieldList(data["fields"])
        case .noted: return H.noted[lang] + (data["text"]?.stringValue ?? "")
        case .closed:
            let o = data["outcome"]?.stringValue ?? ""
            var s = H.closed[lang] + (kind.outcome(o)?.label[lang] ?? o) + " " + (data["closed_on"]?.stringValue ?? "")
            let f = fieldList(data["fields"])
            if !f.isEmpty { s += Words.Common.comma[lang] + f }
            if let l = data["linked_case"]?.stringValue { s += H.opens(l)[lang] }
            return s
        case .followedUp:
            var s = H.followedUp[lang] + (data["date"]?.stringValue ?? "")
            if let p = data["performed"]?.stringValue { s += " " + Words.Cases.performed(Schema.yesNoLabel(p))[lang] }
            if let n = data["note"]?.stringValue { s += " " + n }
            return s
        case .extended: return H.extended(data["days"]?.intValue ?? 0)[lang] + (data["reason"]?.stringValue ?? "")
        case .reopened: return H.reopened[lang] + (data["reason"]?.stringValue ?? "")
        case .voided: return H.voided[lang] + (data["reason"]?.stringValue ?? "")
        case .restored: return H.restored[lang] + (data["reason"]?.stringValue ?? "")
        case .documentIssued:
            let key = data["form"]?.stringValue ?? ""
            let form = DocumentForm(rawValue: key)
            let n = "（\(data["year"]?.intValue ?? 0)）\(form?.series.word ?? "")字第\(data["number"]?.intValue ?? 0)号"
            return H.documentIssued[lang] + (form?.title(lang) ?? key) + " " + n
                + (data["format"]?.stringValue.map { " \($0)" } ?? "")
        case .setting, .screening: return type
        }
    }

}
