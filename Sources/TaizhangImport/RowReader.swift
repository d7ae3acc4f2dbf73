import TaizhangDomain

/// One data row turned into the domain's inputs: the fields to open the case with and, when the
/// row records an outcome, the outcome and its fields.
public struct RowPlan: Sendable {
    /// The sheet's name.
    public var sheet: String
    /// The row number as the spreadsheet shows it.
    public var row: Int
    /// The kind of case.
    public var kind: CaseKind
    /// Fields for `open`.
    public var open: [FieldInput]
    /// Outcome key (or the word as written, for the validator to reject) and its fields.
    public var close: (outcome: String, fields: [FieldInput])?
    /// A problem found before validation (a date without a year, an outcome without its date).
    public var problem: RowError?
}

/// Reads the data rows of a sheet whose layout is known.
public struct RowReader: Sendable {
    let sheet: Sheet
    let layout: SheetLayout
    let vocabulary: Vocabulary
    let unit: String?

    init(sheet: Sheet, layout: SheetLayout, vocabulary: Vocabulary, unit: String?) {
        self.sheet = sheet
        self.layout = layout
        self.vocabulary = vocabulary
        self.unit = unit
        let last = layout.headerRows.last!
        // Blank rows an XLSX file leaves out still count as blank rows between data rows.
        var below: [SheetRow] = []
        var expected = last + 1
        for r in sheet.rows where r.number > last {
            while expected < r.number { below.append(SheetRow(number: expected, cells: [])); expected += 1 }
            below.append(r)
            expected = r.number + 1
        }
        var data: [SheetRow] = []
        var blank = 0, totals = 0, trailingBlank = 0
        for r in below {
            if Self.isBlank(r, layout) { blank += 1; trailingBlank += 1; continue }
            trailingBlank = 0
            if Self.isTotalOrFooter(r, layout) { totals += 1 } else { data.append(r) }
        }
        // Trailing blank rows are not rows of the table.
        skipped = (blank - trailingBlank, totals)
        dataRows = data
    }

    /// Rows below the header that hold a case: blank rows and total (合计) or signature rows are
    /// left out.
    let dataRows: [SheetRow]

    /// Counts of rows left out: blank, and totals or signature lines.
    public let skipped: (blank: Int, totals: Int)

    /// Each data row as the domain's inputs.
    public var plans: [RowPlan] { dataRows.map(plan) }

    /// Blank, or with nothing but a serial number or other left-out columns.
    static func isBlank(_ r: SheetRow, _ layout: SheetLayout) -> Bool {
        layout.columns.allSatisfy { $0.field == nil || r[$0.index].isBlank }
    }

    static let totalWords = ["合计", "总计", "小计", "共计", "累计"]
    static let footerWords = ["填报人", "填表人", "制表", "审核人", "负责人", "统计人", "填报日期", "备注"]

    static func isTotalOrFooter(_ r: SheetRow, _ layout: SheetLayout) -> Bool {
        var texts: [String] = []
        for cell in r.cells where texts.count < 3 {
            guard case let .text(t) = cell else { continue }
            let n = Vocabulary.normalize(t)
            if !n.isEmpty { texts.append(n) }
        }
        if texts.prefix(3).contains(where: { t in RowReader.totalWords.contains { t.hasPrefix($0) } }) { return true }
        if let first = texts.first, RowReader.footerWords.contains(where: { first.hasPrefix($0) }),
           layout.column(for: layout.kind.headlineField).map({ r[$0.index].isBlank }) ?? true { return true }
        return false
    }

    func plan(_ r: SheetRow) -> RowPlan {
        let kind = layout.kind
        var open: [FieldInput] = []
        var outcomeFields: [FieldInput] = []
        var outcomeText = ""
        var closedOn: String? = nil
        var problem: RowError? = nil
        func fail(_ column: ColumnMapping?, _ field: String, _ zh: String, _ en: String) {
            if problem == nil { problem = RowError(sheet: sheet.name, row: r.number, column: column?.header ?? field, field: field, zh: zh, en: en) }
        }
        for col in layout.columns {
            guard let field = col.field else { continue }
            let cell = r[col.index]
            if cell.isBlank { continue }
            if field == Vocabulary.outcomeKey { outcomeText = cell.text; continue }
            let spec = kind.field(field) ?? Schema.outcomeFields[field] ?? Schema.closedOnField
            var value = cell.text
            switch spec.type {
            case .date:
                switch DateText.read(cell) {
                case let .date(d): value = d
                case .text(let t): value = t
                case .noYear:
                    fail(col, field, "\(spec.label.zh)（\(field)）：“\(cell.text)” 没有年份，请写完整日期，如 2023-03-05",
                         "\(field): \"\(cell.text)\" has no year; write the whole date, e.g. 2023-03-05")
                }
            case .choice, .yesNo:
                value = vocabulary.value(value, field: field, kind: kind) ?? value
            default: break
            }
            if field == "closed_on" { closedOn = value }
            else if kind.field(field) != nil { open.append(FieldInput(field, value)) }
            else { outcomeFields.append(FieldInput(field, value)) }
        }
        if !open.contains(where: { $0.key == "unit" }), let unit = unit ?? RowReader.usualUnit[kind] {
            open.append(FieldInput("unit", unit))
        }
        if !open.contains(where: { $0.key == "date" }) {
            // Opening without a date would date the case today; an old sheet's row needs its own.
            let spec = kind.field("date")!
            fail(layout.column(for: "date"), "date", "缺少必填字段：\(spec.label.zh)（date）", "missing required field date (\(spec.label.en))")
        }
        // An outcome field without an outcome names it: 书面 agreement means resolved, a result
        // means concluded.
        if outcomeText.isEmpty, let inferred = outcomeFields.lazy.compactMap({ RowReader.impliedOutcome[kind]?[$0.key] }).first {
            outcomeText = inferred
        }
        var close: (outcome: String, fields: [FieldInput])? = nil
        if !outcomeText.isEmpty && !Vocabulary.isPending(outcomeText) {
            let outcome = vocabulary.value(outcomeText, field: Vocabulary.outcomeKey, kind: kind)
                ?? kind.outcomes.first(where: { $0.label.zh == outcomeText || $0.key == outcomeText.lowercased() })?.key ?? outcomeText
            var fields = outcomeFields
            if let c = closedOn {
                fields.append(FieldInput("closed_on", c))
            } else if layout.column(for: "closed_on") != nil {
                fail(layout.column(for: "closed_on"), "closed_on", "结案日期（closed_on）：已有结果“\(outcomeText)”，但没有结案日期",
                     "closed_on: the row records the outcome \"\(outcomeText)\" but no closing date")
            } else if let d = open.first(where: { $0.key == "date" }) {
                // A sheet without a closing-date column records matters settled the day they came in.
                fields.append(FieldInput("closed_on", d.value))
            }
            close = (outcome, fields)
        }
        return RowPlan(sheet: sheet.name, row: r.number, kind: kind, open: open, close: close, problem: problem)
    }

    /// The desk that keeps each kind when a sheet names none and `--unit` is not given: only the
    /// office takes petitions, only the station gives consultations and reviews.
    static let usualUnit: [CaseKind: String] = [.petition: "office", .consultation: "station", .review: "station"]

    static let impliedOutcome: [CaseKind: [String: String]] = [
        .mediation: ["agreement": "resolved", "next": "failed"],
        .petition: ["result": "concluded", "reason": "not_accepted"],
    ]
}

/// Business dates as spreadsheets hold them.
enum DateText {
    enum Reading: Equatable { case date(String), text(String), noYear }

    /// A date cell or serial number as `YYYY-MM-DD`; text such as `2023.3.5`, `2023年3月5日`,
    /// `2023/3/5`, `2023-03-05 00:00:00` or `20230305` likewise; anything else as written, for the
    /// validator to accept or reject.
    static func read(_ cell: CellValue) -> Reading {
        switch cell {
        case let .date(serial): return ExcelDate.iso(serial: serial).map { .date($0) } ?? .text(cell.text)
        case let .number(n):
            // 20230305 typed as a number is a date written out, not a serial.
            if n >= 19_000_101 && n <= 21_991_231 && n.rounded() == n { return parse(CellValue.format(n)) }
            if let d = ExcelDate.iso(serial: n) { return .date(d) }
            return parse(CellValue.format(n))
        case .text, .empty: return parse(cell.text)
        }
    }

    static func parse(_ raw: String) -> Reading {
        var groups: [String] = []
        var current = ""
        for ch in raw {
            var ch = ch
            // Full-width digits, as a Chinese input method types them.
            if let v = ch.unicodeScalars.first?.value, ch.unicodeScalars.count == 1, v >= 0xFF10 && v <= 0xFF19 {
                ch = Character(Unicode.Scalar(v - 0xFF10 + 0x30)!)
            }
            if ch.isASCII && ch.isNumber { current.append(ch) }
            else { if !current.isEmpty { groups.append(current); current = "" } }
        }
        if !current.isEmpty { groups.append(current) }
        // A time after the date (`2023-03-05 00:00:00`) is dropped.
        if groups.count > 3, groups[0].count == 4 { groups = Array(groups.prefix(3)) }
        if groups.count == 1, groups[0].count == 8, let y = Int(groups[0].prefix(4)), let m = Int(groups[0].dropFirst(4).prefix(2)), let d = Int(groups[0].suffix(2)),
           let b = BusinessDate(year: y, month: m, day: d) {
            return .date(b.description)
        }
        if groups.count == 3, groups[0].count == 4, let y = Int(groups[0]), let m = Int(groups[1]), let d = Int(groups[2]),
           let b = BusinessDate(year: y, month: m, day: d) {
            return .date(b.description)
        }
        if groups.count == 2, groups.allSatisfy({ $0.count <= 2 }) { return .noYear }
        return .text(raw.trimmingCharacters(in: .whitespaces))
    }
}
