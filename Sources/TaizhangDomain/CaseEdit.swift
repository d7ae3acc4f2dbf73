import TaizhangLog

extension CaseRecord {
    /// The case's version: the sequence number of its last event. Any change to the case
    /// (an edit, a note, an outcome) gives it a new version, so an editor that remembers the
    /// version it was opened at can tell whether someone else wrote in the meantime.
    public var version: Int { timeline.last?.seq ?? 0 }
}

/// Field changes made against a known version of a case (a form, `update --if-version`).
///
/// Saved only when the case is still at `expectedVersion`, or, when `base` (the values the
/// editor started from) is known, when nobody else changed the same fields since: changes to
/// other fields are merged, and a field both sides changed differently is refused as a
/// conflict. Fields the editor did not change are never sent, so they never revert.
public struct CaseEdit: Sendable, Equatable {
    /// Case id.
    public var id: String
    /// The version the editor was opened at (``CaseRecord/version``).
    public var expectedVersion: Int
    /// The stored values of the fields when the editor was opened; nil when unknown (the CLI),
    /// which refuses any change made after `expectedVersion`.
    public var base: [String: String]?
    /// The fields the editor changed, as typed.
    public var fields: [FieldInput]

    /// An edit of `fields` made at `expectedVersion`.
    public init(id: String, expectedVersion: Int, base: [String: String]?, fields: [FieldInput]) {
        self.id = id
        self.expectedVersion = expectedVersion
        self.base = base
        self.fields = fields
    }
}

/// A field changed both by the editor and by someone else since the editor opened the case.
public struct FieldConflict: Sendable, Equatable {
    /// Field key.
    public var key: String
    /// The value when the editor opened the case ("" when empty).
    public var base: String
    /// The editor's value (normalised as it would be stored).
    public var mine: String
    /// The value stored now.
    public var theirs: String
}

/// Why an edit was not saved as it stands: the case changed after the editor opened it.
public struct EditConflict: Sendable, Equatable {
    /// The case.
    public var id: CaseID
    /// The version the editor was opened at.
    public var expectedVersion: Int
    /// The case's version now.
    public var currentVersion: Int
    /// The fields both sides changed (empty when the base is unknown and only the versions differ).
    public var fields: [FieldConflict]
    /// Every stored field now, for an editor that goes back to editing on top of them.
    public var current: [String: String]
}

extension LedgerState {
    /// What stands in the way of `edit`: nil when it can be saved (the case is at the expected
    /// version, or the changes since touch none of the edited fields), else the conflict.
    public func conflict(for edit: CaseEdit, today: BusinessDate) throws(ValidationError) -> EditConflict? {
        let c = try existingCase(edit.id, allowVoided: false)
        if c.version == edit.expectedVersion { return nil }
        let current = c.fields.dictionary
        guard let base = edit.base else {
            return EditConflict(id: c.id, expectedVersion: edit.expectedVersion, currentVersion: c.version, fields: [], current: current)
        }
        let mine = try normalizedFields(edit.fields, kind: c.kind, today: today, forOpen: false)
        var clashes: [FieldConflict] = []
        for spec in c.kind.fields {
            guard let m = mine[spec.key] else { continue }
            let b = base[spec.key] ?? "", t = current[spec.key] ?? ""
            if t != b && t != m { clashes.append(FieldConflict(key: spec.key, base: b, mine: m, theirs: t)) }
        }
        if clashes.isEmpty { return nil }
        return EditConflict(id: c.id, expectedVersion: edit.expectedVersion, currentVersion: c.version, fields: clashes, current: current)
    }

    /// The events of `edit`: those of an update of the fields that still differ from what is
    /// stored, when nothing conflicts; else a ``ValidationError`` naming both versions (and the
    /// fields both sides changed).
    func events(forEdit edit: CaseEdit, today: BusinessDate) throws(ValidationError) -> (events: [PendingEvent], caseID: CaseID?, linked: CaseID?) {
        if let conflict = try conflict(for: edit, today: today) {
            let c = cases[conflict.id]!
            let zhFields = conflict.fields.map { c.kind.field($0.key)?.label.zh ?? $0.key }.joined(separator: "、")
            let enFields = conflict.fields.map(\.key).joined(separator: ", ")
            throw ValidationError(field: "version", value: String(edit.expectedVersion),
                                  zh: "\(c.id) 已被他人修改：打开时为版本 \(conflict.expectedVersion)，现为版本 \(conflict.currentVersion)"
                                      + (zhFields.isEmpty ? "；请查看后按新版本重新修改" : "；双方都改了：\(zhFields)"),
                                  en: "\(c.id) was changed meanwhile: version \(conflict.expectedVersion) was expected, it is now version \(conflict.currentVersion)"
                                      + (enFields.isEmpty ? "; look at it again and edit the new version" : "; both sides changed: \(enFields)"))
        }
        let c = try existingCase(edit.id, allowVoided: false)
        let current = c.fields.dictionary
        // After a merge, fields someone else already set to the same value need no event.
        let mine = try normalizedFields(edit.fields, kind: c.kind, today: today, forOpen: false)
        let still = edit.fields.filter { mine[$0.key] != (current[$0.key] ?? "") }
        return try events(for: .update(id: edit.id, fields: still), today: today)
    }
}

/// A case's history in order, each edit showing what a field held before and after.
extension CaseRecord {
    /// What each event did, with edits as `简要情况：旧 → 新`; reads each entry's line once.
    public func history(lang: Language) -> [(entry: TimelineEntry, at: String, text: String)] {
        let c = self
        var values: [String: String] = [:]
        var out: [(entry: TimelineEntry, at: String, text: String)] = []
        let zh = lang == .zh
        // Fields in the form's order (the log keeps them sorted by key).
        var order: [String: Int] = [:]
        for (i, spec) in c.kind.fields.enumerated() { order[spec.key] = i }
        for e in c.timeline {
            var (at, data) = e.details
            let pairs = (data["fields"]?.objectPairs ?? []).enumerated()
                .sorted { (order[$0.element.0] ?? Int.max, $0.offset) < (order[$1.element.0] ?? Int.max, $1.offset) }
                .map(\.element)
            if !pairs.isEmpty, let members = data.objectPairs {
                data = .object(members.map { $0.0 == "fields" ? ("fields", .object(pairs)) : $0 })
            }
            if e.eventType == .updated {
                let parts = pairs.map { k, v -> String in
                    let spec = c.kind.field(k) ?? Schema.outcomeFields[k]
                    func shown(_ s: String) -> String { s.isEmpty ? (zh ? "（空）" : "(empty)") : (spec?.displayValue(s, lang) ?? s) }
                    let new = v.stringValue ?? v.jsonText
                    return "\(spec?.label(lang) ?? k)\(zh ? "：" : ": ")\(shown(values[k] ?? "")) → \(shown(new))"
                }
                out.append((e, at, (zh ? "修改：" : "changed: ") + parts.joined(separator: zh ? "；" : "; ")))
            } else {
                out.append((e, at, e.describe(data, kind: c.kind, lang: lang)))
            }
            for (k, v) in pairs { values[k] = v.stringValue ?? v.jsonText }
        }
        return out
    }
}
