import ArgumentParser
import Foundation
import TaizhangDocuments
import TaizhangDomain
import TaizhangFiles
import TaizhangLog
import TaizhangReport
import TaizhangTerminalCore

/// The documents and the monthly form (`doc`, `report disputes`), registered on the root command.
let documentCommands: [ParsableCommand.Type] = [Doc.self, ReportCommand.self, ScreeningCommand.self]

struct Doc: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Issue a document from a case (DOCX or text), recorded in the case's history.",
        discussion: """
        Forms: mediation registration (受理登记表), rights (当事人权利义务告知书), agreement (人民调解协议书, once resolved with a written agreement), followup (回访记录, once a follow-up is recorded); petition acceptance (受理告知书), refusal (不予受理告知书, once not_accepted), reply (处理意见书, once concluded).

        Every document issued adds a document.issued event (form, number, format) to the case. Numbers look like （2024）青坨人调字第7号: per series and year of the case, in order of first issue, and the same every time a case's document of that series is issued again. The mediation forms share their case's number; each petition notice has its own series.

        --format txt without -o prints the text. DOCX goes to -o FILE, else to CASE-TITLE.docx in the current folder. Files are written atomically with mode 0600 (they hold personal data, in full) and never replace an existing file unless --force. `--list` prints the forms that fit the case now.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id, e.g. M-2024-0007.") var id: String
    @Option(help: "registration, rights, agreement, followup, acceptance, refusal or reply.") var form: String?
    @Option(help: "docx or txt (default: txt when -o ends in .txt, else docx).") var format: String?
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output file.", valueName: "file")) var output: String?
    @Flag(help: "Replace the output file if it exists.") var force = false
    @Flag(help: "List the forms that fit the case now, and those already issued.") var list = false

    func run() throws {
        try global.handle {
            let lang = global.language
            if list {
                let ledger = try global.openLedger(readOnly: true)
                guard let c = ledger.state.lookup(id.uppercased()) else {
                    throw TaizhangDomain.ValidationError(field: "id", value: id, zh: "找不到案件 \(id)", en: "no case \(id) in this ledger")
                }
                for f in Documents.forms(for: c) { Console.out("\(f.rawValue)\t\(f.title(lang))") }
                let town = DocumentNumber.shortName(town: ledger.state.townName)
                for d in c.issuedDocuments {
                    let n = DocumentNumber(series: d.form?.series ?? .mediation, year: d.year, number: d.number).text(townShortName: town)
                    Console.out((lang == .zh ? "已出具 " : "issued ") + "\(d.formKey)\t\(n)\t\(d.format)\t\(d.entry.at)\t\(d.entry.op)")
                }
                return
            }
            guard let formText = form else {
                throw TaizhangDomain.ValidationError(field: "form", value: nil, zh: "请用 --form 指定文书，可选：\(formList(.zh))",
                                                     en: "give the document with --form; allowed: \(formList(.en))")
            }
            guard let form = DocumentForm(rawValue: formText.lowercased()) else {
                throw TaizhangDomain.ValidationError(field: "form", value: formText, zh: "文书（--form）“\(formText)” 无效，可选：\(formList(.zh))",
                                                     en: "--form: '\(formText)' is not valid; allowed: \(formList(.en))")
            }
            let chosen = format ?? (output?.lowercased().hasSuffix(".txt") == true ? "txt" : "docx")
            try checkFormat(chosen, DocumentFormat.allCases.map(\.rawValue))
            let fmt = DocumentFormat(rawValue: chosen)!
            let ledger = try global.openLedger()
            guard let c = ledger.state.lookup(id.uppercased()) else {
                throw TaizhangDomain.ValidationError(field: "id", value: id, zh: "找不到案件 \(id)", en: "no case \(id) in this ledger")
            }
            var path = output
            if path == nil && fmt == .docx { path = Documents.defaultFileName(form, caseID: c.id, format: fmt) }
            if path == "-" {
                guard fmt == .txt else {
                    throw TaizhangDomain.ValidationError(field: "output", value: "-", zh: "DOCX 是二进制文件，不能写到标准输出，请用 -o 文件名.docx",
                                                         en: "docx is a binary format and cannot go to standard output; give -o FILE.docx")
                }
                path = nil
            }
            let result = try Documents.issue(form, caseID: c.id.description, format: fmt, to: path, overwrite: force,
                                             ledger: ledger, today: BusinessDate.today())
            if let p = result.path {
                Console.error(lang == .zh ? "已出具\(form.title.zh) \(result.numberText)：\(p)" : "issued \(form.title.en) \(result.numberText): \(p)")
            } else {
                Console.data(Data(result.bytes))
            }
        }
    }

    func formList(_ lang: Language) -> String {
        DocumentForm.allCases.map { lang == .zh ? "\($0.rawValue)（\($0.title.zh)）" : $0.rawValue }.joined(separator: lang == .zh ? "、" : ", ")
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Forms sent upward.",
                                                    subcommands: [Disputes.self])

    struct Disputes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "矛盾纠纷排查调处情况表: mediations of a month, quarter or year, per unit (or village) with a total.",
            discussion: """
            Counts mediations whose business date lies in the period, voided ones left out, outcomes as the ledger stands. Columns: 调解案件总数, 涉及当事人数, 调解成功, 协议涉及金额 (万元), by source, by category, 口头/书面协议, 司法确认. Definitions: docs/metrics.md.

            Formats: md (default, to standard output), csv (to standard output or -o), xlsx (needs -o). Files are written atomically with mode 0600.
            """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "2024-03 (a month), 2024-Q1 (a quarter) or 2024 (a year).") var period: String
        @Option(help: "village: one row per village instead of per unit.") var by: String?
        @Option(help: "md, csv or xlsx.") var format: String = "md"
        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output file (- for standard output).", valueName: "file"))
        var output: String?
        @Flag(help: "Replace the output file if it exists.") var force = false

        func run() throws {
            try global.handle {
                let p = try ReportPeriod.parse(period)
                try checkFormat(format, ["md", "csv", "xlsx"])
                if let by, by != "village" {
                    throw TaizhangDomain.ValidationError(field: "by", value: by, zh: "分组（--by）“\(by)” 无效，可选：village", en: "--by: '\(by)' is not valid; allowed: village")
                }
                if format == "xlsx" && (output == nil || output == "-") {
                    throw TaizhangDomain.ValidationError(field: "output", value: output, zh: "XLSX 是二进制文件，请用 -o 文件名.xlsx",
                                                         en: "xlsx is a binary format; give -o FILE.xlsx")
                }
                let ledger = try global.openLedger(readOnly: true)
                let form = DisputeForm(state: ledger.state, period: p, byVillage: by == "village",
                                       events: ledger.log.lineCount, head: ledger.log.headHash)
                let lang = global.language
                if let full = try global.writeOutput(try form.bytes(format: format, lang), to: output, overwrite: force) {
                    Console.error(lang == .zh ? "已写出 \(form.title)：\(full)" : "wrote \(form.title): \(full)")
                }
            }
        }
    }
}

struct ScreeningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "screening", abstract: "Rounds of dispute screening (矛盾纠纷排查); 0 found is a 零报告.",
                                                    subcommands: [Add.self, ListRounds.self], defaultSubcommand: ListRounds.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a screening round and print its id (2024-03-05/1: its date and place among that day's rounds).",
            discussion: """
            Example: taizhang screening add --date 2024-03-05 --villages 东河村,前营村 --found 0 --note 零报告

            A dispute the round found is entered as a mediation with source=initiative and screening=ID (taizhang add mediation --set source=initiative --set screening=2024-03-05/1 …; the date alone does when that day has one round).
            """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Date of the round (default today).") var date: String?
        @Option(help: "Villages and communities covered, separated by commas or 、.") var villages: String
        @Option(help: "Disputes found (0 is a zero report).") var found: String
        @Option(help: "station or office (default: the ledger's default unit, else office).") var unit: String?
        @Option(help: "A note.") var note: String?

        func run() throws {
            try global.handle {
                let ledger = try global.openLedger()
                let result = try ledger.perform(.screening(date: date, villages: villages, found: found, unit: unit, note: note))
                guard let round = ledger.state.screenings.first(where: { $0.seq == result.records.first?.seq }) else { return }
                Console.out(round.id)
                let summary = Words.Screening.summary(villages: round.villages.joined(separator: "、"), found: round.found)[global.language]
                Console.error(Words.Screening.recorded(round.id, summary)[global.language])
            }
        }
    }

    struct ListRounds: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List screening rounds (of a period): id, date, unit, villages, found (零报告 when 0), the mediations entered from it.",
            discussion: "A round that more mediations name (screening=ID) than it found is marked with !.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "2024-03, 2024-Q1 or 2024 (default: all).") var period: String?

        func run() throws {
            try global.handle {
                let p = try period.map { text throws(TaizhangDomain.ValidationError) in try ReportPeriod.parse(text) }
                let state = try global.openLedger(readOnly: true).state
                let lang = global.language
                let rounds = state.screenings.filter { p?.contains($0.date) ?? true }
                let links = state.screeningLinks()
                for r in rounds {
                    let found = (r.isZeroReport ? Words.Screening.zeroReport : Words.Screening.found(r.found))[lang]
                    let unit = Unit(rawValue: r.unit)?.label[lang] ?? r.unit
                    var line = "\(r.id)  \(unit)  \(r.villages.joined(separator: "、"))  \(found)  \(r.op)" + (r.note.map { "  " + $0 } ?? "")
                    if let ids = links[r.id] {
                        line += "  " + Words.Screening.linked(ids.map(\.description).joined(separator: ", "))[lang]
                        if ids.count > r.found { line += "  " + Words.Screening.overLinked(linked: ids.count, found: r.found)[lang] }
                    }
                    Console.out(Escaping.visible(line))
                }
                Console.out(Words.Screening.rounds(rounds.count)[lang])
            }
        }
    }
}
