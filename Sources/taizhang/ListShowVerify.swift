import ArgumentParser
import TaizhangDomain
import TaizhangLog
import TaizhangSearch

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List cases (default: open ones, nearest deadline first).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Kind.") var kind: String?
    @Option(help: "station or office.") var unit: String?
    @Option(help: "open, closed, voided or all.") var status: String = "open"
    @Option(help: "Year of the business date.") var year: Int?
    @Option(help: "Village (exact).") var village: String?
    @Option(help: "Handler (exact).") var handler: String?
    @Option(help: "Text anywhere in the case: id, fields, choice labels, notes, or pinyin initials (as the TUI's / filter).") var text: String?
    @Option(help: "deadline, date or id.") var sort: String = "deadline"
    @Option(help: "table, json or csv.") var format: String = "table"
    @Flag(help: "Never change the file, even to set aside a torn last line.") var readOnly = false

    func run() throws {
        try global.handle {
            var filter = CaseFilter(status: nil)
            if status != "all" {
                guard let s = CaseStatus(rawValue: status) else {
                    throw TaizhangDomain.ValidationError(field: "status", value: status, zh: "状态（--status）“\(status)” 无效，可选：open、closed、voided、all",
                                                         en: "--status: '\(status)' is not valid; allowed: open, closed, voided, all")
                }
                filter.status = s
            }
            if let kind { filter.kind = try parseKind(kind) }
            if let unit {
                guard let u = Unit(rawValue: unit) else {
                    throw TaizhangDomain.ValidationError(field: "unit", value: unit, zh: "单位（--unit）“\(unit)” 无效，可选：station、office",
                                                         en: "--unit: '\(unit)' is not valid; allowed: station, office")
                }
                filter.unit = u
            }
            filter.year = year
            filter.village = village
            filter.handler = handler
            guard let order = CaseSort(rawValue: sort) else {
                throw TaizhangDomain.ValidationError(field: "sort", value: sort, zh: "排序（--sort）“\(sort)” 无效，可选：deadline、date、id",
                                                     en: "--sort: '\(sort)' is not valid; allowed: deadline, date, id")
            }
            guard ["table", "json", "csv"].contains(format) else {
                throw TaizhangDomain.ValidationError(field: "format", value: format, zh: "格式（--format）“\(format)” 无效，可选：table、json、csv",
                                                     en: "--format: '\(format)' is not valid; allowed: table, json, csv")
            }
            let ledger = try global.openLedger(readOnly: readOnly)
            let rows = ledger.state.query(filter, text: text, sort: order)
            let today = BusinessDate.today()
            switch format {
            case "json":
                Console.out(JSONValue.array(rows.map { $0.jsonValue(today: today, timeline: false) }).jsonText)
            case "csv":
                Console.out(CaseListTable.csv(rows, today: today, lang: global.language))
            default:
                Console.out(CaseListTable.render(rows, today: today, lang: global.language))
            }
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one case: fields, status, clocks and its whole history.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id.") var id: String
    @Option(help: "text or json.") var format: String = "text"
    @Flag(help: "Never change the file.") var readOnly = false

    func run() throws {
        try global.handle {
            let ledger = try global.openLedger(readOnly: readOnly)
            guard let found = ledger.state.lookup(id) else {
                throw TaizhangDomain.ValidationError(field: "id", value: id, zh: "找不到案件 \(id)", en: "no case \(id) in this ledger")
            }
            let c = try ledger.state.loaded(found)
            let today = BusinessDate.today()
            if format == "json" {
                Console.out(c.jsonValue(today: today).jsonText)
            } else {
                Console.out(CaseText.render(c, today: today, lang: global.language, state: ledger.state))
            }
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the whole ledger: every line, the sequence, ids, the hash chain, and every value against the rules of entry. Exits non-zero on any problem.",
        discussion: "--head HASH checks the file against the head printed on an earlier report: a line with that hash must still be in it.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("A head printed on an earlier report (64 hex digits).", valueName: "hash")) var head: String?
    @Flag(help: "Write nothing, not even the snapshot's note that every value was checked (the ledger's own lines are never written).")
    var readOnly = false

    func run() throws {
        try global.handle {
            let zh = global.language == .zh
            if let head, head.utf8.count != 64 || !head.lowercased().utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) {
                throw TaizhangDomain.ValidationError(field: "head", value: head, zh: "--head：应为 64 位十六进制哈希（报表上打印的末行哈希）",
                                                     en: "--head: expected the 64 hex digits of a head printed on a report")
            }
            let (report, state) = try Ledger.verify(path: global.storePath, head: head, language: global.language)
            // The snapshot covered a prefix of this file, which only grows: fewer lines now means
            // lines at the end were lost.
            var missing = 0
            if let snap = SnapshotFile.read(path: SnapshotFile.path(forLog: global.storePath), schema: LedgerState.snapshotSchema),
               snap.position.seq > report.lines {
                missing = snap.position.seq - report.lines
            }
            if report.ok && missing == 0 {
                Console.out(zh ? "账本完好：\(report.lines) 行，\(state.cases.count) 件案件，末行哈希 \(report.head)"
                               : "ledger OK: \(report.lines) lines, \(state.cases.count) cases, head \(report.head)")
                if let line = report.expectedHeadLine, line < report.lines {
                    Console.out(zh ? "所给末行哈希是第 \(line) 行的；其后又追加了 \(report.lines - line) 行"
                                   : "the head given is line \(line)'s; \(report.lines - line) line(s) were appended after it")
                }
                // Every value was just checked: the open's notice asking for this has done its job.
                // (A ledger this user may not write, or a busy one, keeps its notice.)
                if !readOnly, (try? Ledger.recordVerified(path: global.storePath, lines: report.lines, operatorName: global.resolvedOperator)) == true {
                    Console.out(Words.Notices.verifiedRecorded[global.language])
                }
                return
            }
            for p in report.problems {
                Console.out(zh ? "第 \(p.line) 行：\(p.defect)" : "line \(p.line): \(p.defect)")
            }
            if report.problemCount > report.problems.count {
                Console.out(zh ? "……另有 \(report.problemCount - report.problems.count) 处问题未列出" : "... and \(report.problemCount - report.problems.count) more")
            }
            if report.headMissing, let h = report.expectedHead {
                Console.out(zh ? "没有一行的哈希是 \(h)：该报表所依据的记录已被改动或删除（文件现有 \(report.lines) 行，末行哈希 \(report.head)）"
                               : "no line has the hash \(h): the lines that head pinned were changed or removed (the file has \(report.lines) lines, head \(report.head))")
            }
            if missing > 0 {
                Console.out(zh ? "文件比快照记录的短：末尾缺少 \(missing) 行（快照记录 \(report.lines + missing) 行，文件只有 \(report.lines) 行）"
                               : "the file is shorter than its snapshot recorded: \(missing) line(s) at the end are missing (the snapshot covered \(report.lines + missing), the file has \(report.lines))")
            }
            if let first = report.problems.first {
                Console.error(zh ? "发现 \(report.problemCount) 处问题，首个在第 \(first.line) 行（\(first.defect.kind.rawValue)）"
                                 : "\(report.problemCount) problem(s); the first is on line \(first.line) (\(first.defect.kind.rawValue))")
            } else if missing > 0 {
                Console.error(zh ? "账本末尾缺少 \(missing) 行" : "\(missing) line(s) missing at the end of the ledger")
            } else {
                Console.error(zh ? "账本与所给末行哈希不符" : "the ledger does not hold the head given")
            }
            throw ExitCode(2)
        }
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a repaired copy of a damaged ledger beside it; the original is not changed.",
        discussion: """
        A line is kept only when the chain vouches for its bytes: the line after it records its hash (the last line: \
        when it has the head given with --head, or when none is given). A line whose hash is not what the next line \
        recorded was changed after it was written and is set aside, however valid it looks; so are lines that cannot be \
        read, repeat an earlier event, or do not fit the ledger. Lines set aside are saved byte for byte, each after a \
        comment naming its line number and why, to a .rejected-* file; the kept lines are re-chained. Review the copy \
        (taizhang verify --store COPY, taizhang list --store COPY), then replace the ledger with it yourself.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: "Where to write the repaired copy (default: beside the ledger).") var output: String?
    @Option(help: ArgumentHelp("The ledger's head as printed on a report: it vouches for the last line.", valueName: "hash")) var head: String?

    func run() throws {
        try global.handle {
            var state = LedgerState()
            let report = try LogRepair.repair(path: global.storePath, output: output, head: head) { (record) throws(LineDefect) in
                try state.apply(record)
            }
            let zh = global.language == .zh
            if report.removedByteOrderMark {
                Console.out(zh ? "去掉了文件开头的字节顺序标记（BOM，EF BB BF）：台账从不写它，应是编辑器加上的"
                               : "removed a byte-order mark (BOM, EF BB BF) from the start of the file: taizhang never writes one; an editor added it")
            }
            for p in report.dropped {
                Console.out(zh ? "去掉第 \(p.line) 行：\(p.defect)" : "left out line \(p.line): \(p.defect)")
            }
            for line in report.gaps {
                Console.out(zh ? "第 \(line) 行之前缺少记录（其 seq 或 prev 指向不在副本中的行）；已保留该行并重新链接"
                               : "records are missing before line \(line) (its seq or prev names a line not in the copy); the line is kept and re-chained")
            }
            if head == nil, report.linesKept > 0 {
                Console.out(zh ? "提示：最后一行之后没有记录可以证明它未被改动；如有打印的报表，请用 --head 给出其上的末行哈希"
                               : "note: no later line vouches for the last line; give the head printed on a report with --head to check it")
            }
            Console.out(zh ? "已写出修复副本 \(report.outputPath)：保留 \(report.linesKept)/\(report.linesRead) 行，原账本未改动。"
                           : "wrote repaired copy \(report.outputPath): kept \(report.linesKept) of \(report.linesRead) lines; the ledger itself is unchanged.")
            if let r = report.rejectedPath {
                Console.out(zh ? "去掉的行原样保存在 \(r)（每行之前一行注释写明行号和原因）" : "the lines left out are saved as they were in \(r), each after a comment naming its line number and why")
            }
            let snapshot = SnapshotFile.path(forLog: global.storePath)
            Console.out(zh ? "核对无误后，用副本替换账本：mv \(report.outputPath) \(global.storePath) && rm -f \(snapshot)"
                           : "after checking it, replace the ledger: mv \(report.outputPath) \(global.storePath) && rm -f \(snapshot)")
        }
    }
}
