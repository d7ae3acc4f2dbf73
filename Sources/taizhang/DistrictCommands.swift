import ArgumentParser
import Foundation
import TaizhangDistrict
import TaizhangDocuments
import TaizhangDomain
import TaizhangFiles
import TaizhangTerminalCore
import TaizhangLog
import TaizhangReport

/// `taizhang district …`: the district's PostgreSQL copy of every town's ledger.
let districtCommands: [ParsableCommand.Type] = [District.self]

struct District: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "district",
        abstract: "The district's PostgreSQL copy of the towns' ledgers: push, figures per town and in total, status, verify, login roles.",
        discussion: """
        --db takes a libpq URL, postgres://user:password@host:port/dbname?sslmode=prefer, else $TAIZHANG_DISTRICT_DB. The database is a copy gathered from the towns' ledgers, never a second source of truth; see docs/district.md.
        Exit status: 0 success, 1 input rejected, 2 the server cannot be reached or refuses, the ledger differs from the district's copy, or the copy is damaged.
        """,
        subcommands: [DistrictInit.self, DistrictPushCommand.self, DistrictSummaryCommand.self, DistrictStatusCommand.self, DistrictVerifyCommand.self,
                      DistrictAddTown.self, DistrictAddAnalyst.self]
    )
}

/// `--db URL`, else `$TAIZHANG_DISTRICT_DB`.
struct DistrictDBOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The district database: postgres://user:password@host:port/dbname[?sslmode=…] (else $TAIZHANG_DISTRICT_DB).", valueName: "url"))
    var db: String?

    func url() throws(DistrictError) -> DistrictURL {
        let text = db ?? ProcessInfo.processInfo.environment["TAIZHANG_DISTRICT_DB"] ?? ""
        guard !text.isEmpty else {
            throw DistrictError.badURL("no district database given: pass --db postgres://user:password@host:port/dbname or set $TAIZHANG_DISTRICT_DB")
        }
        return try DistrictURL(text)
    }
}

/// Runs a district command: connects, runs `body`, closes, and turns errors into a message and
/// an exit status (1 for input, 2 for the server, the ledger or the stored copy).
func districtRun(_ global: GlobalOptions, _ option: DistrictDBOption,
                 _ body: (DistrictDatabase) async throws -> Void) async throws {
    let db: DistrictDatabase
    do {
        db = try await DistrictDatabase.connect(try option.url())
    } catch {
        throw districtExit(error)
    }
    do {
        try await body(db)
        await db.close()
    } catch {
        await db.close()
        throw districtExit(error)
    }
}

/// Prints `error` and gives the exit status for it.
func districtExit(_ error: any Error) -> any Error {
    switch error {
    case let e as DistrictError:
        Console.error(e.description)
        switch e {
        case .badURL, .noTown, .badInput: return ExitCode(1)
        default: return ExitCode(2)
        }
    case let e as TaizhangDomain.ValidationError:
        Console.error(e.message(.en))
        return ExitCode(1)
    default:
        return error
    }
}

struct DistrictInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or migrate the district schema (idempotent, versioned).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var option: DistrictDBOption

    func run() async throws {
        try await districtRun(global, option) { db in
            let applied = try await DistrictSchema.migrate(db)
            let zh = global.language == .zh
            if applied.isEmpty {
                Console.out(zh ? "区数据库 \(db.url) 已是第 \(DistrictSchema.currentVersion) 版结构，无需迁移"
                               : "the district database \(db.url) is at schema version \(DistrictSchema.currentVersion); nothing to migrate")
            } else {
                let list = applied.map(String.init).joined(separator: ", ")
                Console.out(zh ? "区数据库 \(db.url)：已应用迁移 \(list)，现为第 \(DistrictSchema.currentVersion) 版"
                               : "the district database \(db.url): applied migration(s) \(list); now at schema version \(DistrictSchema.currentVersion)")
            }
        }
    }
}

struct DistrictPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Send the ledger's lines the district does not hold yet, verifying the chain as they go.",
        discussion: """
        The town is the ledger's own `town` setting. Lines go in batches, each one transaction; a push stopped at any moment is completed by the next. A ledger whose stored lines differ (rewritten, repaired, forked) or that is shorter than the district's copy is refused and nothing is stored. --store may name a copy of a station's ledger (say on a USB stick); it is only read.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var option: DistrictDBOption
    @Option(help: .hidden) var batchSize: Int = DistrictPush.defaultBatchSize
    @Option(help: .hidden) var pauseAfterBatch: Double = 0

    func validate() throws {
        guard batchSize >= 1 else { throw ArgumentParser.ValidationError("--batch-size: must be at least 1") }
    }

    func run() async throws {
        let zh = global.language == .zh
        let ledger: LedgerCopy
        do {
            ledger = try LedgerCopy(path: global.storePath)
            try DistrictPush.requireTown(ledger)
        } catch {
            throw districtExit(error)
        }
        try await districtRun(global, option) { db in
            let meter = ProgressMeter(town: ledger.town, zh: zh)
            let report = try await DistrictPush.push(ledger, to: db, batchSize: batchSize, pauseAfterBatch: pauseAfterBatch) { done, total in
                meter.update(done: done, total: total)
            }
            meter.finish()
            if report.upToDate {
                Console.out(zh ? "\(report.town) 已是最新：区数据库已有全部 \(report.total) 条记录（末行哈希 \(report.head.prefix(12))…），未发送任何内容"
                               : "\(report.town) is up to date: the district holds all \(report.total) lines (head \(report.head.prefix(12))…); nothing sent")
            } else {
                Console.out(zh ? "已推送 \(report.town) 的 \(report.sent) 条记录（第 \(report.total - report.sent + 1)–\(report.total) 条），末行哈希 \(report.head)"
                               : "pushed \(report.sent) lines of \(report.town) (seq \(report.total - report.sent + 1)…\(report.total)); head \(report.head)")
            }
        }
    }
}

/// Progress of a long push on standard error, when it is a terminal: lines, lines/s, time left.
final class ProgressMeter: @unchecked Sendable {
    let town: String
    let zh: Bool
    let start = Date()
    let enabled = isatty(2) == 1
    var shown = false

    init(town: String, zh: Bool) {
        self.town = town
        self.zh = zh
    }

    func update(done: Int, total: Int) {
        guard enabled else { return }
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let text = zh ? "推送 \(town)：\(done)/\(total) 条，每秒 \(Int(rate)) 条，约剩 \(Self.duration(left))"
                      : "pushing \(town): \(done)/\(total) lines, \(Int(rate)) lines/s, about \(Self.duration(left)) left"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + Escaping.visible(text)).utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60) min \(s % 60) s" : "\(s) s"
    }
}

struct DistrictSummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "The year-end figures of each town and of the district, computed by SQL in PostgreSQL.",
        discussion: """
        The figures of `taizhang summary` (docs/metrics.md) for each town the district holds, and district totals that add the counts and recompute the rates. JSON: {"year", "as_of", "towns": {"<town>": {"town", "head", "events", "units"}}, "district": {"towns", "events", "units"}}; each town's units equal `taizhang summary --year Y --format json`'s on that town's ledger.
        Formats: text, json, csv, md, xlsx (xlsx needs -o FILE).
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var option: DistrictDBOption
    @Option(help: "The year of the business dates to count (the year-end figures).") var year: Int?
    @Option(help: "Only this town (the district totals then cover it alone).") var town: String?
    @Option(help: "disputes: the monthly dispute form (矛盾纠纷排查调处情况表) with one row per town, instead of the year-end figures.") var form: String?
    @Option(help: "With --form disputes: 2024-03 (a month), 2024-Q1 (a quarter) or 2024 (a year).") var period: String?
    @Option(help: "text, json, csv, md or xlsx (--form disputes: md, csv or xlsx).") var format: String = "text"
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output (needed for xlsx).", valueName: "file"))
    var output: String?

    func validate() throws {
        if let form {
            guard form == "disputes" else { throw ArgumentParser.ValidationError("--form: '\(form)' is not valid; allowed: disputes") }
            guard period != nil else { throw ArgumentParser.ValidationError("--form disputes: give --period 2024-03, 2024-Q1 or 2024") }
            guard year == nil else { throw ArgumentParser.ValidationError("--form disputes: give the period with --period, not --year") }
            let allowed = ["text", "md", "csv", "xlsx"]
            guard allowed.contains(format) else { throw ArgumentParser.ValidationError("--format: '\(format)' is not valid with --form disputes; allowed: md, csv, xlsx") }
        } else {
            let allowed = ["text", "json", "csv", "md", "xlsx"]
            guard allowed.contains(format) else { throw ArgumentParser.ValidationError("--format: '\(format)' is not valid; allowed: \(allowed.joined(separator: ", "))") }
            guard let year else { throw ArgumentParser.ValidationError("--year: give the year of the figures (or --form disputes --period P)") }
            guard period == nil else { throw ArgumentParser.ValidationError("--period: only with --form disputes") }
            guard (1900...2199).contains(year) else { throw ArgumentParser.ValidationError("--year: \(year) is not a valid year") }
        }
        if format == "xlsx" && (output == nil || output == "-") {
            throw ArgumentParser.ValidationError("--format xlsx: xlsx is a binary format; give -o FILE.xlsx")
        }
    }

    func run() async throws {
        if form != nil { return try await runDisputes() }
        let year = year ?? 0
        try await districtRun(global, option) { db in
            let summary = try await TaizhangDistrict.DistrictSummary.compute(db, year: year, town: town, today: BusinessDate.today())
            let lang = global.language
            let bytes: [UInt8]
            switch format {
            case "json": bytes = Array((summary.json.pretty() + "\n").utf8)
            case "csv": bytes = Array(CSV.document(DistrictSummaryOutput.rows(summary, lang)).utf8)
            case "md": bytes = Array((DistrictSummaryOutput.yearSummaries(summary, lang).map { $0.markdown(lang) }.joined(separator: "\n\n") + "\n").utf8)
            case "xlsx": bytes = [UInt8](try DistrictSummaryOutput.xlsx(summary, lang))
            default: bytes = Array((DistrictSummaryOutput.yearSummaries(summary, lang).map { $0.text(lang) }.joined(separator: "\n\n") + "\n").utf8)
            }
            if let output, output != "-" {
                try EventLog.writeNewFile(path: output, bytes: bytes)
            } else {
                Console.data(Data(bytes))
            }
        }
    }
}

extension DistrictSummaryCommand {
    /// The monthly dispute form with one row per town: each town's stored lines are read back
    /// into a ledger file in a private scratch folder and counted by the very code of
    /// `taizhang report disputes`, so a town's row is its own form's total.
    func runDisputes() async throws {
        let lang = global.language
        let p: ReportPeriod
        do { p = try ReportPeriod.parse(period ?? "") } catch {
            Console.error(error.message(lang))
            throw ExitCode(1)
        }
        try await districtRun(global, option) { db in
            let towns = try await StoredLedgers.read(db, town: town)
            var template = Array((NSTemporaryDirectory() + "/taizhang-district-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                throw DistrictError.query("cannot make a scratch folder: \(String(cString: strerror(errno)))")
            }
            let dir = String(cString: made)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            var forms: [(name: String, form: DisputeForm)] = []
            for (i, t) in towns.enumerated() {
                let path = "\(dir)/\(i + 1).jsonl"
                try FileWriter.write(t.bytes, to: path)
                let ledger = try Ledger(path: path, operatorName: "district",
                                        options: LogOpenOptions(create: false, readOnly: true))
                forms.append((t.name, DisputeForm(state: ledger.state, period: p, byVillage: false,
                                                  events: ledger.log.lineCount, head: ledger.log.headHash)))
            }
            let form = DisputeForm(district: lang == .zh ? "全区" : "District", towns: forms, period: p)
            if let full = try global.writeOutput(try form.bytes(format: format, lang), to: output, overwrite: false) {
                Console.error(lang == .zh ? "已写出 \(form.title)：\(full)" : "wrote \(form.title): \(full)")
            }
        }
    }
}

/// Lays the district's figures out with the report's renderers.
enum DistrictSummaryOutput {
    /// One ``YearSummary`` per town, then the district's, for the text and Markdown renderers.
    static func yearSummaries(_ s: TaizhangDistrict.DistrictSummary, _ lang: Language) -> [YearSummary] {
        let now = LogClock.now()
        func make(_ name: String, events: Int, head: String, units: [UnitFigures]) -> YearSummary {
            var y = YearSummary(state: LedgerState(), year: s.year, today: s.asOf, events: events, head: head, generatedAt: now)
            y.town = name
            y.units = units
            return y
        }
        return s.towns.map { make($0.name, events: $0.events, head: $0.head, units: $0.units) }
            + [make(districtName(lang, towns: s.towns.count), events: s.towns.reduce(0) { $0 + $1.events }, head: "—", units: s.district)]
    }

    static func districtName(_ lang: Language, towns: Int) -> String {
        lang == .zh ? "全区（\(towns) 个镇）" : "District (\(towns) towns)"
    }

    /// CSV rows: scope (town or district), town, then the report's columns.
    static func rows(_ s: TaizhangDistrict.DistrictSummary, _ lang: Language) -> [[String]] {
        var rows: [[String]] = [["scope", "town", "unit", "section", "figure", "label", "value", "num", "den", "percent"]]
        rows.append(["district", "", "", "ledger", "year", "", String(s.year), "", "", ""])
        rows.append(["district", "", "", "ledger", "as_of", "", s.asOf.description, "", "", ""])
        for t in s.towns {
            rows.append(["town", t.name, "", "ledger", "events", "", String(t.events), "", "", ""])
            rows.append(["town", t.name, "", "ledger", "head", "", t.head, "", "", ""])
            rows += figureRows(t.units, lang).map { ["town", t.name] + $0 }
        }
        rows += figureRows(s.district, lang).map { ["district", ""] + $0 }
        return rows
    }

    static func figureRows(_ units: [UnitFigures], _ lang: Language) -> [[String]] {
        var rows: [[String]] = []
        for unit in units {
            for section in unit.sections() {
                for row in section.rows {
                    if case let .rate(r) = row.value {
                        rows.append([unit.key, section.key, row.id, row.label(lang), r.percentText ?? "", String(r.num), String(r.den), r.percentText ?? ""])
                    } else {
                        rows.append([unit.key, section.key, row.id, row.label(lang), row.valueText(), "", "", ""])
                    }
                }
            }
        }
        return rows
    }

    /// A sheet per town and one for the district.
    static func xlsx(_ s: TaizhangDistrict.DistrictSummary, _ lang: Language) throws -> Data {
        let header = ["unit", "section", "figure", "label", "value", "num", "den", "percent"]
        var used = Set<String>()
        func sheetName(_ raw: String) -> String {
            var name = String(raw.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            var n = 2
            while used.contains(name) { name = String(raw.prefix(28)) + "~\(n)"; n += 1 }
            used.insert(name)
            return name
        }
        var sheets = s.towns.map { t in
            XLSXWriter.Sheet(name: sheetName(t.name), rows: [["head", t.head], header] + figureRows(t.units, lang), headerRows: 2)
        }
        sheets.append(XLSXWriter.Sheet(name: sheetName(districtName(lang, towns: s.towns.count)), rows: [header] + figureRows(s.district, lang), headerRows: 1))
        return try XLSXWriter.workbook(sheets)
    }
}

struct DistrictStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per town: lines, cases, head, last push, days since (towns silent for more than 31 days marked).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var option: DistrictDBOption
    @Option(help: "text or json.") var format: String = "text"

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ArgumentParser.ValidationError("--format: '\(format)' is not valid; allowed: text, json") }
    }

    func run() async throws {
        try await districtRun(global, option) { db in
            let towns = try await DistrictStatus.read(db)
            if format == "json" {
                let node = JSONNode.object([.init("towns", .array(towns.map { t in
                    .object([.init("town", .string(t.town)), .init("events", .int(t.events)), .init("cases", .int(t.cases)),
                             .init("head", .string(t.head)), .init("last_push", .string(t.lastPush)),
                             .init("days_since_push", .int(t.daysSincePush)), .init("silent", .bool(t.silent))])
                }))])
                Console.out(node.pretty())
                return
            }
            let zh = global.language == .zh
            if towns.isEmpty {
                Console.out(zh ? "区数据库还没有任何镇推送过" : "no town has pushed to the district database yet")
                return
            }
            let header = zh ? ["镇", "记录", "案件", "末行哈希", "最近推送", "天数"] : ["town", "events", "cases", "head", "last push", "days"]
            var table = [header]
            for t in towns {
                let mark = t.silent ? (zh ? "  ! 超过 \(DistrictStatus.silentAfterDays) 天未推送" : "  ! silent for more than \(DistrictStatus.silentAfterDays) days") : ""
                table.append([t.town, String(t.events), String(t.cases), String(t.head.prefix(12)), t.lastPush, String(t.daysSincePush) + mark])
            }
            let widths = (0..<header.count).map { c in table.map { DisplayWidth.of($0[c]) }.max() ?? 0 }
            for row in table {
                Console.out(row.enumerated().map { c, cell in
                    c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - DisplayWidth.of(cell) + 2)
                }.joined())
            }
        }
    }
}

struct DistrictVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute every stored chain from the stored lines; name each edited line, deleted row or broken prev (town, seq).",
        discussion: "Exit status 2 when anything is found.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var option: DistrictDBOption
    @Option(help: "Only this town.") var town: String?

    func run() async throws {
        try await districtRun(global, option) { db in
            let results = try await DistrictVerify.run(db, town: town)
            let zh = global.language == .zh
            var damaged: [ChainDefect] = []
            for r in results {
                if r.defects.isEmpty {
                    Console.out(zh ? "\(r.town)：\(r.events) 条记录，链完整，末行哈希 \(r.head)" : "\(r.town): \(r.events) lines, chain intact, head \(r.head)")
                } else {
                    damaged += r.defects
                }
            }
            if !damaged.isEmpty {
                throw DistrictError.damaged(damaged.map(\.description).joined(separator: "\n"))
            }
        }
    }
}

/// `--password-file FILE|-`: the password of a role being created, read from a file or from
/// standard input, never from the command line (arguments are visible in `ps`).
struct PasswordFileOption: ParsableArguments {
    @Option(name: .customLong("password-file"), help: ArgumentHelp("A file holding the role's password on one line (8 to 1024 printable ASCII characters), or - for standard input.", valueName: "file"))
    var passwordFile: String

    func password() throws(DistrictError) -> String {
        let data: Data
        if passwordFile == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: passwordFile) else {
                let cause = errno == 0 ? "not readable" : String(cString: strerror(errno))
                throw DistrictError.badInput("--password-file: cannot read \(passwordFile): \(cause)")
            }
            data = d
        }
        return try DistrictRoles.password(from: [UInt8](data))
    }
}

struct DistrictAddTown: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-town",
        abstract: "Create or update a town's login role: it may push that town's ledger and read that town's rows, nothing else.",
        discussion: """
        Run by the district's administrator (the owner of the schema, with CREATEROLE) after `district init`. The role may insert its town's lines, keep its town's cases and towns rows current, and read its town's rows; the database enforces this with grants and row-level security. No town role can update or delete a stored line. Run again to change the role's password or town.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var option: DistrictDBOption
    @Option(help: "The town, exactly as its ledger's `town` setting.") var town: String
    @Option(help: "The login role's name (a-z, 0-9, _).") var role: String
    @OptionGroup var passwordFile: PasswordFileOption

    func run() async throws {
        let password: String
        do {
            try DistrictRoles.checkRoleName(role)
            try DistrictRoles.checkTown(town)
            password = try passwordFile.password()
        } catch {
            throw districtExit(error)
        }
        try await districtRun(global, option) { db in
            let created = try await DistrictRoles.addTown(db, role: role, town: town, password: password)
            let zh = global.language == .zh
            if created {
                Console.out(zh ? "已为\(town)建立登录角色 \(role)：只能推送和读取\(town)的记录"
                               : "created login role \(role) for town \(town): it may push and read \(town)'s rows only")
            } else {
                Console.out(zh ? "已更新登录角色 \(role)：镇为\(town)，密码已更换"
                               : "updated login role \(role): town \(town), password changed")
            }
        }
    }
}

struct DistrictAddAnalyst: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-analyst",
        abstract: "Create or update a read-only login role: it reads every town's rows and views and changes nothing.",
        discussion: """
        Run by the district's administrator after `district init`. The role can run `district summary`, `status` and `verify`, and its own SELECTs; it cannot insert, update or delete anything (no such grants, and its transactions are read-only). Run again to change its password.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var option: DistrictDBOption
    @Option(help: "The login role's name (a-z, 0-9, _).") var role: String
    @OptionGroup var passwordFile: PasswordFileOption

    func run() async throws {
        let password: String
        do {
            try DistrictRoles.checkRoleName(role)
            password = try passwordFile.password()
        } catch {
            throw districtExit(error)
        }
        try await districtRun(global, option) { db in
            let created = try await DistrictRoles.addAnalyst(db, role: role, password: password)
            let zh = global.language == .zh
            if created {
                Console.out(zh ? "已建立只读登录角色 \(role)：可读取所有镇的记录，不能修改任何内容"
                               : "created read-only login role \(role): it reads every town's rows and changes nothing")
            } else {
                Console.out(zh ? "已更新只读登录角色 \(role)，密码已更换" : "updated read-only login role \(role): password changed")
            }
        }
    }
}
