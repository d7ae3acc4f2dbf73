import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TaizhangDomain
import TaizhangLog

/// A spreadsheet file read and laid out: every sheet that holds a ledger table, its rows turned
/// into the domain's inputs.
public struct ImportFile: Sendable {
    /// The file's name without its folder.
    public var fileName: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    /// The text encoding, for a CSV file.
    public var encoding: TextEncoding?
    /// The sheets that hold a table.
    public var sheets: [SheetPlan]
    /// Sheets left out, with why.
    public var skippedSheets: [(name: String, reason: ImportError)]

    /// One sheet's table.
    public struct SheetPlan: Sendable {
        /// The sheet's name.
        public var name: String
        /// Header, kind and columns.
        public var layout: SheetLayout
        /// The data rows.
        public var rows: [RowPlan]
        /// Blank rows and total or signature rows left out.
        public var blankRows: Int
        public var totalRows: Int
    }

    /// Reads `path` (`.xlsx` or `.csv`, told apart by content) and lays out its sheets.
    ///
    /// `sheet` limits it to the sheet of that name; `kind` overrides the kind of every sheet;
    /// `unit` is the unit of rows that name none.
    public static func read(path: String, kind: CaseKind?, unit: String?, sheet: String?,
                            vocabulary: Vocabulary = .standard) throws(ImportError) -> ImportFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(zh: "无法打开文件 \(path)", en: "cannot open \(path)")
        }
        let bytes = [UInt8](data)
        let name = (path as NSString).lastPathComponent
        var encoding: TextEncoding? = nil
        var sheets: [Sheet]
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            sheets = try XLSXReader.read(data: data)
        } else if path.lowercased().hasSuffix(".xls") && bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw ImportError(zh: "\(name) 是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入",
                              en: "\(name) is an old Excel (.xls) file: save it as .xlsx or CSV in Excel or WPS first")
        } else {
            let (s, e) = try CSVSheet.read(bytes: bytes, name: (name as NSString).deletingPathExtension)
            sheets = [s]
            encoding = e
        }
        if let sheet {
            sheets = sheets.filter { $0.name == sheet }
            if sheets.isEmpty {
                throw ImportError(zh: "\(name) 中没有名为“\(sheet)”的工作表", en: "\(name) has no sheet named \"\(sheet)\"")
            }
        }
        var plans: [SheetPlan] = []
        var skipped: [(String, ImportError)] = []
        for s in sheets {
            let layout: SheetLayout
            do { layout = try SheetLayout.find(in: s, kind: kind, vocabulary: vocabulary) } catch {
                if sheet != nil || sheets.count == 1 { throw error }
                skipped.append((s.name, error))
                continue
            }
            let reader = RowReader(sheet: s, layout: layout, vocabulary: vocabulary, unit: unit)
            let counts = reader.skipped
            plans.append(SheetPlan(name: s.name, layout: layout, rows: reader.plans, blankRows: counts.blank, totalRows: counts.totals))
        }
        if plans.isEmpty {
            throw ImportError(zh: "\(name) 中没有可以识别的台账表格", en: "\(name) holds no table that could be recognised")
        }
        let sha = LineDigest.of(bytes).hex
        return ImportFile(fileName: name, sha256: sha, encoding: encoding, sheets: plans, skippedSheets: skipped)
    }

    /// Every data row, in sheet and row order.
    public var rows: [RowPlan] { sheets.flatMap(\.rows) }
}

/// What an import did, or would do.
public struct ImportResult: Sendable {
    /// Data rows read (blank and total rows not counted).
    public var rows = 0
    /// Rows that create a case now.
    public var importable = 0
    /// Rows of this file (same SHA-256) that an earlier import already created.
    public var alreadyImported = 0
    /// Cases created (or that would be), by kind.
    public var cases: [CaseKind: Int] = [:]
    /// Cases created (or that would be), by kind and year of their date.
    public var byYear: [CaseKind: [Int: Int]] = [:]
    /// Cases that are closed by their row.
    public var closed = 0
    /// Rows that cannot be imported.
    public var errors: [RowError] = []
    /// Ids of the cases created (empty for a dry run).
    public var created: [CaseID] = []
    /// True when the events were written.
    public var committed = false
}

/// Runs an import's rows through the domain's validation, on a draft (a dry run) or into the
/// ledger (a commit: one locked append, one `fsync`, all or nothing).
public enum Importer {
    /// Rows of `file` already in the ledger (opened with a `source` naming the file's SHA-256):
    /// sheet and row.
    public struct RowKey: Hashable, Sendable {
        public var sheet: String
        public var row: Int
    }

    /// Checks every row against `draft`, as if each were entered in order; rows with errors are
    /// left out. `progress` is told (done, total) now and then.
    public static func check(_ file: ImportFile, into draft: inout LedgerDraft, imported: Set<RowKey>,
                             progress: ((Int, Int) -> Void)? = nil) -> ImportResult {
        var result = ImportResult()
        let rows = file.rows
        result.rows = rows.count
        for (i, plan) in rows.enumerated() {
            if i % 500 == 0 { progress?(i, rows.count) }
            if imported.contains(RowKey(sheet: plan.sheet, row: plan.row)) { result.alreadyImported += 1; continue }
            if let p = plan.problem { result.errors.append(p); continue }
            let source = ImportSource(file: file.fileName, sheet: plan.sheet, row: plan.row, sha256: file.sha256)
            do {
                let id = try draft.open(kind: plan.kind, fields: plan.open, close: plan.close, source: source)
                result.importable += 1
                result.cases[plan.kind, default: 0] += 1
                result.byYear[plan.kind, default: [:]][id.year, default: 0] += 1
                if plan.close != nil { result.closed += 1 }
                result.created.append(id)
            } catch {
                let layout = file.sheets.first { $0.name == plan.sheet }!.layout
                let column = error.field.isEmpty ? "" : (layout.column(for: error.field)?.header
                    ?? (error.field == "outcome" ? layout.column(for: Vocabulary.outcomeKey)?.header : nil) ?? error.field)
                result.errors.append(RowError(sheet: plan.sheet, row: plan.row, column: column, field: error.field, zh: error.zh, en: error.en))
            }
        }
        progress?(rows.count, rows.count)
        return result
    }

    /// A dry run against `ledger` (nil: an empty ledger): nothing is written.
    public static func dryRun(_ file: ImportFile, ledger: Ledger?, operatorName: String, today: BusinessDate = .today(),
                              progress: ((Int, Int) -> Void)? = nil) throws(ImportError) -> ImportResult {
        var draft = ledger?.draft(today: today) ?? LedgerDraft(state: LedgerState(), operatorName: operatorName, today: today)
        let imported = try ledger.map { l throws(ImportError) in try importedRows(logPath: l.log.path, upTo: l.log.offset, sha256: file.sha256) } ?? []
        var r = check(file, into: &draft, imported: imported, progress: progress)
        r.created = []
        return r
    }

    /// The error a commit stops with when rows have errors and they are not to be skipped.
    public struct RowsRejected: Error {
        /// What the check found.
        public var result: ImportResult
    }

    /// Writes every importable row into `ledger` in one locked append with one `fsync`. Rows are
    /// checked again under the lock against the ledger as it is then. With errors and without
    /// `skipErrors`, nothing is written and ``RowsRejected`` is thrown.
    public static func commit(_ file: ImportFile, ledger: Ledger, skipErrors: Bool, today: BusinessDate = .today(),
                              progress: ((Int, Int) -> Void)? = nil) throws -> ImportResult {
        var result = ImportResult()
        try ledger.performBatch(today: today) { draft in
            let imported = try importedRows(logPath: ledger.log.path, upTo: ledger.log.offset, sha256: file.sha256)
            result = check(file, into: &draft, imported: imported, progress: progress)
            if !result.errors.isEmpty && !skipErrors { throw RowsRejected(result: result) }
        }
        result.committed = true
        return result
    }

    /// The offset of the first `needle` in `bytes` at or after `from`.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress, !needle.isEmpty else { return nil }
        // memchr finds candidates for the needle's next-to-last byte (the hash's last hex digit:
        // rarer in a ledger line than the quote after it).
        let k = max(0, needle.count - 2)
        let probe = needle[k]
        var pos = from + k
        while pos < bytes.count {
            guard let p = memchr(base + pos, Int32(probe), bytes.count - pos) else { return nil }
            let end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            let start = end - k
            if start + needle.count > bytes.count { return nil }
            if needle.withUnsafeBufferPointer({ memcmp(base + start, $0.baseAddress!, needle.count) == 0 }) { return start }
            pos = end + 1
        }
        return nil
    }

    /// Rows of the file with `sha256` that lines of the log (its first `upTo` bytes) record as
    /// their source. The file is searched for the hash's text; only lines holding it are decoded.
    public static func importedRows(logPath: String, upTo: Int, sha256: String) throws(ImportError) -> Set<RowKey> {
        guard upTo > 0, let fh = FileHandle(forReadingAtPath: logPath) else { return [] }
        defer { try? fh.close() }
        guard let data = try? fh.read(upToCount: upTo) else {
            throw ImportError(zh: "无法读取账本 \(logPath)", en: "cannot read the ledger \(logPath)")
        }
        let needle = Array("\"sha256\":\"\(sha256)\"".utf8)
        var out: Set<RowKey> = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return }
            var pos = 0
            while pos < bytes.count {
                guard let at = find(needle, in: bytes, from: pos) else { break }
                var start = at
                while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
                var end = at
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                if let r = try? LogRecord.decode(UnsafeBufferPointer(rebasing: bytes[start..<end])), r.type == EventType.opened.rawValue,
                   let s = ImportSource(payload: r.data), s.sha256 == sha256 {
                    out.insert(RowKey(sheet: s.sheet, row: s.row))
                }
                pos = end + 1
            }
        }
        return out
    }
}
