import Foundation
import Testing
@testable import TaizhangDomain
@testable import TaizhangImport
import TaizhangLog
import TaizhangTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Makes the ledger's writes fail as on a full disk, from the `after`-th write call on.
final class FullDisk: @unchecked Sendable {
    private let lock = NSLock()
    private var writes = 0
    var failFrom = Int.max
    var calls: FileCalls {
        FileCalls(write: { fd, buf, n in
                      self.lock.lock(); self.writes += 1; let fail = self.writes >= self.failFrom; self.lock.unlock()
                      if fail {
                          // Half the batch reaches the file before the disk fills up.
                          _ = Glibc.write(fd, buf, n / 2)
                          errno = ENOSPC
                          return -1
                      }
                      return Glibc.write(fd, buf, n)
                  },
                  fsync: { Glibc.fsync($0) },
                  truncate: { fd, n in Glibc.ftruncate(fd, off_t(n)) })
    }
}

@Suite struct ImportLibraryTests {
    static let today = BusinessDate(year: 2024, month: 6, day: 30)!

    func scratchLedger(_ calls: FileCalls = .system) throws -> (Ledger, String, Scratch) {
        let s = Scratch()
        let ledger = try Ledger(path: s.store, operatorName: "李干事", calls: calls, useSnapshot: false)
        return (ledger, s.store, s)
    }

    /// A full disk in the middle of the commit's one write leaves the ledger exactly as before:
    /// same bytes on disk, same state, and a later import writes everything.
    @Test func aFullDiskMidCommitLeavesTheLedgerUnchanged() throws {
        let disk = FullDisk()
        let (ledger, path, s) = try scratchLedger(disk.calls)
        try ledger.perform(.open(kind: .mediation, fields: [FieldInput("unit", "office"), FieldInput("applicant", "甲"),
                                                          FieldInput("respondent", "乙"), FieldInput("category", "neighbor"),
                                                          FieldInput("date", "2023-01-02")]), today: Self.today)
        let before = readBytes(path)
        let file = s.write("台账.xlsx", try TestWorkbook.mediation2023())
        let parsed = try ImportFile.read(path: file, kind: nil, unit: "office", sheet: nil)
        disk.failFrom = 1
        #expect(throws: LogError.self) {
            try Importer.commit(parsed, ledger: ledger, skipErrors: true, today: Self.today)
        }
        #expect(readBytes(path) == before, "the half-written batch must be cut off again")
        #expect(ledger.state.cases.count == 1)
        #expect(try LogVerifier.verify(path: path).lines == 1)

        disk.failFrom = .max
        let done = try Importer.commit(parsed, ledger: ledger, skipErrors: true, today: Self.today)
        #expect(done.created.map(\.description) == ["M-2023-0002", "M-2023-0003", "M-2023-0004", "M-2023-0005", "M-2023-0006"])
        #expect(ledger.state.cases.count == 6)
    }

    /// All the rows go out in one write and one fsync.
    @Test func theCommitIsOneWrite() throws {
        final class Counter: @unchecked Sendable { var writes = 0, syncs = 0 }
        let n = Counter()
        let calls = FileCalls(write: { fd, buf, len in n.writes += 1; return Glibc.write(fd, buf, len) },
                              fsync: { n.syncs += 1; return Glibc.fsync($0) },
                              truncate: { fd, len in Glibc.ftruncate(fd, off_t(len)) })
        let (ledger, _, s) = try scratchLedger(calls)
        let file = s.write("台账.xlsx", try TestWorkbook.mediation2023())
        let parsed = try ImportFile.read(path: file, kind: nil, unit: "office", sheet: nil)
        let (w, f) = (n.writes, n.syncs)
        let r = try Importer.commit(parsed, ledger: ledger, skipErrors: true, today: Self.today)
        #expect(r.created.count == 5)
        #expect(ledger.log.lineCount == 9, "five openings and four closings")
        #expect(n.writes - w == 1)
        #expect(n.syncs - f == 1)
    }

    /// Rows with errors stop the commit without --skip-errors, and nothing is written.
    @Test func rowErrorsStopTheCommit() throws {
        let (ledger, path, s) = try scratchLedger()
        let file = s.write("台账.xlsx", try TestWorkbook.mediation2023())
        let parsed = try ImportFile.read(path: file, kind: nil, unit: "office", sheet: nil)
        #expect(throws: Importer.RowsRejected.self) { try Importer.commit(parsed, ledger: ledger, skipErrors: false, today: Self.today) }
        #expect(readBytes(path).isEmpty)
    }

    /// The fast decoder reads an opening line with its `source` itself (not through the plain
    /// decoder) and means the same as the plain decoder; the history shows the source.
    @Test func bothDecodersReadTheSourceMember() throws {
        let (ledger, path, s) = try scratchLedger()
        let file = s.write("台账.xlsx", try TestWorkbook.mediation2023())
        let parsed = try ImportFile.read(path: file, kind: nil, unit: "office", sheet: nil)
        try Importer.commit(parsed, ledger: ledger, skipErrors: true, today: Self.today)
        let bytes = readBytes(path)
        var openings = 0
        for range in lineRanges(bytes) {
            try Array(bytes[range]).withUnsafeBufferPointer { line in
                let fast = try #require(EventDecoder.canonical(line, offset: range.lowerBound, source: nil), "the fast decoder must accept \(String(decoding: line, as: UTF8.self))")
                var record = try LogRecord.decode(line)
                record.lineOffset = range.lowerBound
                record.lineLength = line.count
                #expect(fast.0 == DecodedEvent(record: record))
                if record.type == "case.opened" {
                    openings += 1
                    #expect(ImportSource(payload: record.data)?.sha256 == parsed.sha256)
                }
            }
        }
        #expect(openings == 5)
        let reopened = try Ledger(path: path, operatorName: "x", useSnapshot: false)
        let c = try #require(reopened.state.lookup("M-2023-0001"))
        #expect(c.timeline[0].describe(kind: .mediation, lang: .zh).contains("导入自 台账.xlsx Sheet1 第 5 行"))
        #expect(c.timeline[0].describe(kind: .mediation, lang: .en).contains("imported from 台账.xlsx Sheet1 row 5"))
        #expect(try Importer.importedRows(logPath: path, upTo: bytes.count, sha256: parsed.sha256)
                == Set([5, 6, 8, 11, 12].map { Importer.RowKey(sheet: "Sheet1", row: $0) }))
    }

    /// A row that opens fine but whose outcome is rejected leaves no trace in the draft: the next
    /// row gets the number the rejected one would have had.
    @Test func aRejectedOutcomeTakesTheOpeningBackToo() throws {
        var draft = LedgerDraft(state: LedgerState(), operatorName: "x", today: Self.today)
        let fields = [FieldInput("unit", "office"), FieldInput("applicant", "甲"), FieldInput("respondent", "乙"),
                      FieldInput("category", "neighbor"), FieldInput("date", "2023-03-01")]
        #expect(throws: TaizhangDomain.ValidationError.self) {
            try draft.open(kind: .mediation, fields: fields, close: ("failed", [FieldInput("closed_on", "2023-03-05")]))
        }
        #expect(draft.events.isEmpty)
        let id = try draft.open(kind: .mediation, fields: fields, close: ("failed", [FieldInput("next", "litigation"), FieldInput("closed_on", "2023-03-05")]))
        #expect(id.description == "M-2023-0001")
        #expect(draft.state.lookup("M-2023-0001")?.status == .closed)
    }

    /// Dates as sheets write them.
    @Test func datesInTheirUsualForms() {
        #expect(ExcelDate.iso(serial: 44991) == "2023-03-06")
        #expect(ExcelDate.iso(serial: 61) == "1900-03-01")
        #expect(ExcelDate.iso(serial: 59) == "1900-02-28")
        #expect(ExcelDate.iso(serial: 45139.75) == "2023-08-01")
        for t in ["2023.3.5", "2023年3月5日", "2023-03-05", "2023/3/5", "２０２３年３月５日", "2023-03-05 00:00:00", "20230305", "2023.03.05."] {
            #expect(DateText.read(.text(t)) == .date("2023-03-05"), "\(t)")
        }
        #expect(DateText.read(.number(20230305)) == .date("2023-03-05"))
        #expect(DateText.read(.number(44990)) == .date("2023-03-05"))
        #expect(DateText.read(.text("3.5")) == .noYear)
        #expect(DateText.read(.text("2023.2.30")) == .text("2023.2.30"), "an impossible date is left to the validator")
        #expect(StyleParser.isDateFormat(#"yyyy"年"m"月"d"日";@"#))
        #expect(StyleParser.isDateFormat(#"yyyy\-mm\-dd"#))
        #expect(!StyleParser.isDateFormat("General"))
        #expect(!StyleParser.isDateFormat("h:mm:ss"))
        #expect(!StyleParser.isDateFormat(#"0.00"元""#))
    }

    /// Value words: labels, keys, synonyms, and a category written with 纠纷 after it.
    @Test func valueWords() {
        let v = Vocabulary.standard
        #expect(v.value("邻里纠纷", field: "category", kind: .mediation) == "neighbor")
        #expect(v.value("交通事故纠纷", field: "category", kind: .mediation) == "traffic")
        #expect(v.value("调解成功", field: "outcome", kind: .mediation) == "resolved")
        #expect(v.value("成功", field: "outcome", kind: .mediation) == "resolved")
        #expect(v.value("书面协议", field: "agreement", kind: .mediation) == "written")
        #expect(v.value("口头", field: "agreement", kind: .mediation) == "oral")
        #expect(v.value("综治办", field: "unit", kind: .petition) == "office")
        #expect(v.value("宠物纠纷", field: "category", kind: .mediation) == nil)
        #expect(v.field(forHeader: "涉及金额（元）", kind: .mediation) == "amount")
        #expect(v.field(forHeader: "申请人 姓名", kind: .mediation) == "applicant")
        #expect(v.field(forHeader: "受理时间", kind: .petition) == "date")
    }

    /// A workbook of two sheets of different kinds: each sheet's kind from its name, and
    /// --sheet picks one.
    @Test func sheetsOfTwoKinds() throws {
        let s = Scratch()
        let data = try TestWorkbook.xlsx([
            .init(name: "调解", rows: [(1, [.s("受理日期"), .s("申请人"), .s("被申请人"), .s("纠纷类型"), .s("单位")]),
                                      (2, [.date(44991), .s("甲"), .s("乙"), .s("邻里"), .s("综治办")])], merges: []),
            .init(name: "信访", rows: [(1, [.s("来访日期"), .s("信访人"), .s("信访形式"), .s("信访事项")]),
                                      (2, [.s("2023-05-06"), .s("丙"), .s("来访"), .s("低保")]),
                                      (3, [.s("2023-05-07"), .s("丁"), .s("电话"), .s("路灯")])], merges: []),
        ])
        let path = s.write("两表.xlsx", data)
        let all = try ImportFile.read(path: path, kind: nil, unit: nil, sheet: nil)
        #expect(all.sheets.map(\.layout.kind) == [.mediation, .petition])
        let r = try Importer.dryRun(all, ledger: nil, operatorName: "x", today: Self.today)
        #expect(r.cases == [.mediation: 1, .petition: 2])
        #expect(r.errors.isEmpty, "\(r.errors)")
        let one = try ImportFile.read(path: path, kind: nil, unit: nil, sheet: "信访")
        #expect(one.rows.map(\.row) == [2, 3])
        #expect(throws: ImportError.self) { try ImportFile.read(path: path, kind: nil, unit: nil, sheet: "咨询") }
    }

    /// Bytes that are neither UTF-8 nor GB18030 are refused with where they stop making sense;
    /// UTF-8 with a byte-order mark and UTF-16 read.
    @Test func encodings() throws {
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("申请人,日期".utf8)) == ("申请人,日期", .utf8))
        let gb = try gb18030("申请人,日期")
        #expect(try TextDecoding.decode([UInt8](gb)) == ("申请人,日期", .gb18030))
        #expect(throws: ImportError.self) { try TextDecoding.decode([0x41, 0x81, 0x20, 0xFF, 0xFF]) }
        let utf16 = [UInt8](Data([0xFF, 0xFE]) + "申请人".data(using: .utf16LittleEndian)!)
        #expect(try TextDecoding.decode(utf16).text == "申请人")
    }
}
