import TaizhangDomain

/// One column of a sheet and what it was taken for.
public struct ColumnMapping: Sendable, Equatable {
    /// 0-based column index (0 = A).
    public var index: Int
    /// The header as written (two header rows joined with `/`).
    public var header: String
    /// The field key, `outcome` or `closed_on`; nil when the column is not imported.
    public var field: String?
    /// Why a column with a header is not imported: `unknown`, `skip` or `duplicate`.
    public var ignored: String?

    /// The column's letters (`A`, `AB`).
    public var letters: String {
        var n = index + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }
}

/// Where a sheet's header is, what kind of cases it holds and how its columns map to fields.
public struct SheetLayout: Sendable {
    /// The kind of every row.
    public var kind: CaseKind
    /// How the kind was decided: `--kind`, `title`, `sheet name` or `headers`.
    public var kindFrom: String
    /// Row numbers of the header rows (one or two).
    public var headerRows: [Int]
    /// Every column with a header.
    public var columns: [ColumnMapping]

    /// The column holding `field`, if any.
    public func column(for field: String) -> ColumnMapping? { columns.first { $0.field == field } }

    /// Finds the header row below any title rows (the row among the first 30 whose cells name the
    /// most fields, at least two), a second header row under it when there is one, and the kind.
    public static func find(in sheet: Sheet, kind given: CaseKind?, vocabulary: Vocabulary) throws(ImportError) -> SheetLayout {
        let candidates = given.map { [$0] } ?? CaseKind.allCases
        var best: (row: Int, kind: CaseKind, score: Int)? = nil
        var tiedKinds: [CaseKind] = []
        for (i, row) in sheet.rows.prefix(30).enumerated() {
            for k in candidates {
                let s = score(row, kind: k, vocabulary)
                if s >= 2 && s > (best?.score ?? 0) { best = (i, k, s); tiedKinds = [k] }
                else if let b = best, b.row == i, s == b.score, k != b.kind { tiedKinds.append(k) }
            }
        }
        guard let found = best else {
            throw ImportError(zh: "工作表“\(sheet.name)”：前 30 行中找不到表头（至少两个能识别的列名，如 受理日期、申请人；可用 --map 补充本地列名）",
                              en: "sheet \"\(sheet.name)\": no header row in its first 30 rows (at least two recognised column names such as 受理日期, 申请人; --map adds local ones)")
        }
        var top = found.row
        // Cells merged down a two-row header fill the lower row too, so it can name more fields
        // than the upper one: the header then starts a row higher.
        if top > 0, sheet.rows[top - 1].number == sheet.rows[top].number - 1, score(sheet.rows[top - 1], kind: found.kind, vocabulary) >= 2,
           isSecondHeader(sheet.rows[top], below: sheet.rows[top - 1], kind: found.kind, vocabulary) {
            top -= 1
        }
        // The kind: --kind, else a word of the title rows above the header, else of the sheet's
        // name, else the kind whose headers the row matches best.
        var kind = found.kind
        var from = "headers"
        if let given { kind = given; from = "--kind" }
        else {
            let title = sheet.rows.prefix(top).flatMap { $0.cells.map(\.text) }.joined(separator: " ")
            if let k = vocabulary.kindWords.first(where: { title.contains($0.word) })?.kind { kind = k; from = "title" }
            else if let k = vocabulary.kindWords.first(where: { sheet.name.contains($0.word) })?.kind { kind = k; from = "sheet name" }
            else if tiedKinds.count > 1 {
                throw ImportError(zh: "工作表“\(sheet.name)”：无法判断案件类型（表头同样符合 \(tiedKinds.map(\.label.zh).joined(separator: "、"))），请用 --kind 指定",
                                  en: "sheet \"\(sheet.name)\": cannot tell the kind of case (the header fits \(tiedKinds.map(\.rawValue).joined(separator: ", ")) equally); give --kind")
            } else {
                kind = found.kind
            }
        }
        let first = sheet.rows[top]
        var headerRows = [first.number]
        var second: SheetRow? = nil
        if top + 1 < sheet.rows.count {
            let next = sheet.rows[top + 1]
            if next.number == first.number + 1 && isSecondHeader(next, below: first, kind: kind, vocabulary) {
                second = next
                headerRows.append(next.number)
            }
        }
        let width = max(first.cells.count, second?.cells.count ?? 0)
        var columns: [ColumnMapping] = []
        var taken: Set<String> = []
        for c in 0..<width {
            let top = first[c].text, bottom = second?[c].text ?? ""
            let shown = bottom.isEmpty || bottom == top ? top : (top.isEmpty ? bottom : "\(top)/\(bottom)")
            if shown.isEmpty { continue }
            var tries: [String] = []
            if !bottom.isEmpty && bottom != top { tries += [top + bottom, bottom] }
            tries.append(top)
            var field: String? = nil
            for t in tries where !t.isEmpty { if let f = vocabulary.field(forHeader: t, kind: kind) { field = f; break } }
            var m = ColumnMapping(index: c, header: shown, field: nil, ignored: nil)
            if field == Vocabulary.skipKey { m.ignored = "skip" }
            else if let f = field {
                if taken.contains(f) { m.ignored = "duplicate" } else { m.field = f; taken.insert(f) }
            } else { m.ignored = "unknown" }
            columns.append(m)
        }
        return SheetLayout(kind: kind, kindFrom: from, headerRows: headerRows, columns: columns)
    }

    /// Distinct fields a row's cells name as headers for `kind`.
    static func score(_ row: SheetRow, kind: CaseKind, _ v: Vocabulary) -> Int {
        var seen: Set<String> = []
        for cell in row.cells {
            guard case let .text(t) = cell, let f = v.field(forHeader: t, kind: kind), f != Vocabulary.skipKey else { continue }
            seen.insert(f)
        }
        return seen.count
    }

    /// A row under the header is a second header row when all its cells are text that either names
    /// a field or repeats the cell above (a header merged down both rows), and one names a field.
    static func isSecondHeader(_ row: SheetRow, below first: SheetRow, kind: CaseKind, _ v: Vocabulary) -> Bool {
        var named = 0
        for (c, cell) in row.cells.enumerated() where !cell.isBlank {
            guard case let .text(t) = cell else { return false }
            let top = first[c].text
            if v.field(forHeader: top + t, kind: kind) != nil || v.field(forHeader: t, kind: kind) != nil {
                if t != top { named += 1 }
            } else if t != top {
                return false
            }
        }
        return named > 0
    }
}
