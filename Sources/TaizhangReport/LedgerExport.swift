import TaizhangDomain

/// The ledger's cases of one year as a table: one row per case, every field, for CSV, XLSX
/// and JSON-lines exports.
///
/// Rows are the cases whose business date is in the year, voided ones included (the export is
/// the ledger itself; `status` says `voided`), in case-id order. Columns: `id`, `kind`, `status`,
/// `outcome`, `closed_on`, the common fields, each kind's own fields, the outcome fields, then
/// `deadline`, `overdue`, `follow_ups`, `last_follow_up`, `extension_days`, `notes`,
/// `void_reason`, `repeated_by`, `linked_case`, `created_by`, `created_at`, `updated_at`.
/// Phone and ID numbers are masked unless `masked` is false.
public struct LedgerExport: Sendable {
    /// One column: its stable key and its label.
    public struct Column: Sendable {
        /// Field key or derived key.
        public var key: String
        /// Label for human-facing headers.
        public var label: Words
    }

    /// The year exported.
    public var year: Int
    /// The kinds exported, in order.
    public var kinds: [CaseKind]
    /// Whether phone and ID numbers are masked.
    public var masked: Bool
    /// The ledger's event count when exported.
    public var events: Int
    /// The ledger's head hash when exported.
    public var head: String
    /// The cases, by id.
    public var cases: [CaseRecord]
    /// The day `overdue` is judged on.
    public var today: BusinessDate

    /// Selects the cases of `year` (and of `kind` when given) from `state`, with their long
    /// texts read from the ledger file; throws ``StoredTextError`` when the file no longer
    /// holds one (an export never carries an empty note in place of one it could not read).
    public init(state: LedgerState, year: Int, kind: CaseKind? = nil, masked: Bool = true,
                today: BusinessDate, events: Int, head: String) throws(StoredTextError) {
        self.year = year
        self.kinds = kind.map { [$0] } ?? CaseKind.allCases
        self.masked = masked
        self.events = events
        self.head = head
        self.today = today
        var cases: [CaseRecord] = []
        for c in state.allCases where c.date.year == year && (kind == nil || c.kind == kind) { cases.append(try state.loaded(c)) }
        self.cases = cases.sorted { $0.id < $1.id }
    }

    static let leading: [Column] = [
        Column(key: "id", label: Words.Cases.id), Column(key: "kind", label: Words.Cases.kind),
        Column(key: "status", label: Words.Cases.status), Column(key: "outcome", label: Words.Cases.outcome),
        Column(key: "closed_on", label: Schema.closedOnField.label),
    ]
    static let trailing: [Column] = [
        Column(key: "deadline", label: Words.Clocks.deadline), Column(key: "overdue", label: Words.Clocks.overdue),
        Column(key: "follow_ups", label: Words.Exports.followUps), Column(key: "last_follow_up", label: Words.Exports.lastFollowUp),
        Column(key: "extension_days", label: Words.Exports.extensionDays), Column(key: "notes", label: Words.Exports.notes),
        Column(key: "void_reason", label: Words.Cases.voidReason), Column(key: "repeated_by", label: Words.Exports.repeatedBy),
        Column(key: "linked_case", label: Words.Exports.linkedCase), Column(key: "created_by", label: Words.Exports.createdBy),
        Column(key: "created_at", label: Words.Exports.createdAt), Column(key: "updated_at", label: Words.Exports.updatedAt),
    ]

    /// The columns for `kinds`: leading, fields (each key once, in schema order), outcome fields, trailing.
    public static func columns(for kinds: [CaseKind]) -> [Column] {
        var out = leading
        var seen = Set(out.map(\.key))
        func add(_ key: String, _ label: Words) {
            if seen.insert(key).inserted { out.append(Column(key: key, label: label)) }
        }
        for kind in kinds { for f in kind.fields { add(f.key, f.label) } }
        for kind in kinds { for o in kind.outcomes { for f in o.requiredFields { add(f.key, f.label) } } }
        for c in trailing { add(c.key, c.label) }
        return out
    }

    /// The value of column `key` for case `c`, masked as configured; `labels` shows choices by label.
    public func value(_ key: String, of c: CaseRecord, labels: Language? = nil) -> String {
        switch key {
        case "id": return c.id.description
        case "kind": return labels.map { c.kind.label[$0] } ?? c.kind.rawValue
        case "status": return labels.map { c.status.label[$0] } ?? c.status.rawValue
        case "outcome":
            guard let o = c.outcome else { return "" }
            return labels.flatMap { l in c.kind.outcome(o).map { $0.label[l] } } ?? o
        case "closed_on": return c.closedOn?.description ?? ""
        case "deadline": return c.deadline.map { $0.due.description } ?? ""
        case "overdue": return c.isOverdue(today: today) ? "yes" : ""
        case "follow_ups": return c.followUps.isEmpty ? "" : String(c.followUps.count)
        case "last_follow_up": return c.followUps.last?.date.description ?? ""
        case "extension_days": return c.extensionDays == 0 ? "" : String(c.extensionDays)
        case "notes": return c.notes.map(\.text).joined(separator: "\n")
        case "void_reason": return c.voidReason ?? ""
        case "repeated_by": return c.repeatedBy.map(\.description).joined(separator: " ")
        case "linked_case": return c.linkedCase?.description ?? ""
        case "created_by": return c.createdBy
        case "created_at": return c.createdAt
        case "updated_at": return c.updatedAt
        case "phone": return masked ? Masking.phone(c[key]) : c[key]
        case "id_number": return masked ? Masking.idNumber(c[key]) : c[key]
        default:
            let raw = c[key]
            guard let lang = labels, let spec = c.kind.field(key) ?? Schema.outcomeFields[key] else { return raw }
            return spec.displayValue(raw, lang)
        }
    }

    /// Header and rows for `kinds` (default: all exported kinds) with keys as headers.
    public func table(kinds: [CaseKind]? = nil, labels: Language? = nil) -> (columns: [Column], rows: [[String]]) {
        let ks = kinds ?? self.kinds
        let cols = Self.columns(for: ks)
        let rows = cases.filter { ks.contains($0.kind) }.map { c in cols.map { value($0.key, of: c, labels: labels) } }
        return (cols, rows)
    }

    /// The personal-data notice every export starts with.
    public func notice(_ lang: Language) -> String {
        Words.Exports.notice(masked: masked, year: year, cases: cases.count, events: events, head: head)[lang]
    }
}
