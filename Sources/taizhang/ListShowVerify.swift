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
                Console.out(CaseText.render(c, today: today, lang: global.language))
            }
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the whole ledger: every line, the sequence, ids and the hash chain. Exits non-zero on any problem.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.handle {
            var state = LedgerState()
            let report = try LogVerifier.verify(path: global.storePath) { (record, _) throws(LineDefect) in
                try state.apply(record)
            }
            let zh = global.language == .zh
            if report.ok {
                Console.out(zh ? "账本完好：\(report.lines) 行，\(state.cases.count) 件案件，末行哈希 \(report.head)"
                               : "ledger OK: \(report.lines) lines, \(state.cases.count) cases, head \(report.head)")
                return
            }
            for p in report.problems {
                Console.out(zh ? "第 \(p.line) 行：\(p.defect)" : "line \(p.line): \(p.defect)")
            }
            Console.error(zh ? "发现 \(report.problems.count) 处问题，首个在第 \(report.problems[0].line) 行（\(report.problems[0].defect.kind.rawValue)）"
                             : "\(report.problems.count) problem(s); the first is on line \(report.problems[0].line) (\(report.problems[0].defect.kind.rawValue))")
            throw ExitCode(2)
        }
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a repaired copy of a damaged ledger beside it; the original is not changed.",
        discussion: """
        Lines that cannot be read, repeat an earlier event, or do not fit the ledger are left out and saved to a \
        .rejected-* file; the kept lines are re-chained. Review the copy (taizhang verify --store COPY, \
        taizhang list --store COPY), then replace the ledger with it yourself.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: "Where to write the repaired copy (default: beside the ledger).") var output: String?

    func run() throws {
        try global.handle {
            var state = LedgerState()
            let report = try LogRepair.repair(path: global.storePath, output: output) { (record) throws(LineDefect) in
                try state.apply(record)
            }
            let zh = global.language == .zh
            for p in report.dropped {
                Console.out(zh ? "去掉第 \(p.line) 行：\(p.defect)" : "left out line \(p.line): \(p.defect)")
            }
            for line in report.chainBreaks {
                Console.out(zh ? "第 \(line) 行之前的链条断开：第 \(line - 1) 行可能被改动过，或有行缺失；已原样保留"
                               : "chain broken before line \(line): line \(line - 1) may have been altered, or lines are missing; kept as found")
            }
            Console.out(zh ? "已写出修复副本 \(report.outputPath)：保留 \(report.linesKept)/\(report.linesRead) 行，原账本未改动。"
                           : "wrote repaired copy \(report.outputPath): kept \(report.linesKept) of \(report.linesRead) lines; the ledger itself is unchanged.")
            if let r = report.rejectedPath {
                Console.out(zh ? "去掉的行原样保存在 \(r)" : "the lines left out are saved as they were in \(r)")
            }
            Console.out(zh ? "核对无误后，用副本替换账本：mv \(report.outputPath) \(global.storePath)"
                           : "after checking it, replace the ledger: mv \(report.outputPath) \(global.storePath)")
        }
    }
}
