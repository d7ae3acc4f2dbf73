import ArgumentParser
import Foundation
import TaizhangDomain
import TaizhangFiles
import TaizhangLog
import TaizhangReport

/// The year-end and export commands (`summary`, `export`), registered on the root command.
let reportCommands: [ParsableCommand.Type] = [Summary.self, Export.self]

/// Parses `--unit`, naming the allowed values when it is wrong.
func parseUnit(_ text: String?) throws(TaizhangDomain.ValidationError) -> TaizhangDomain.Unit? {
    guard let text else { return nil }
    guard let u = TaizhangDomain.Unit(rawValue: text) else {
        throw TaizhangDomain.ValidationError(field: "unit", value: text, zh: "单位（--unit）“\(text)” 无效，可选：station、office",
                                             en: "--unit: '\(text)' is not valid; allowed: station, office")
    }
    return u
}

/// Rejects a `--format` value not in `allowed`.
func checkFormat(_ format: String, _ allowed: [String]) throws(TaizhangDomain.ValidationError) {
    guard allowed.contains(format) else {
        throw TaizhangDomain.ValidationError(field: "format", value: format,
                                             zh: "格式（--format）“\(format)” 无效，可选：\(allowed.joined(separator: "、"))",
                                             en: "--format: '\(format)' is not valid; allowed: \(allowed.joined(separator: ", "))")
    }
}

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Year-end figures (年度统计) per unit and for the whole town.",
        discussion: """
        Counts cases whose business date is in the year, voided cases excluded. Every rate is shown with its numerator and denominator, rounded half-up to one decimal. The ledger's event count and head hash are printed with the figures. Definitions: docs/metrics.md.

        Formats: text, markdown, csv, json (stable, documented), narrative (the report's sentences), xlsx (a workbook with a sheet per unit; needs -o FILE.xlsx). With -o the figures go to that file (written whole, readable by you only) instead of standard output.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The year of the business dates to count.") var year: Int
    @Option(help: "station or office (default: both and the whole town).") var unit: String?
    @Option(help: "text, markdown, csv, json, narrative or xlsx.") var format: String = "text"
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output file (default: standard output).", valueName: "file"))
    var output: String?

    func run() throws {
        try global.handle {
            let unit = try parseUnit(unit)
            try checkFormat(format, ["text", "markdown", "csv", "json", "narrative", "xlsx"])
            if format == "xlsx" && (output ?? "-") == "-" {
                throw TaizhangDomain.ValidationError(field: "output", value: output ?? "", zh: "XLSX 是二进制文件，不能写到标准输出，请用 -o 文件名.xlsx",
                                                     en: "xlsx is a binary format and cannot go to standard output; give -o FILE.xlsx")
            }
            guard (1900...2199).contains(year) else {
                throw TaizhangDomain.ValidationError(field: "year", value: String(year), zh: "年份（--year）\(year) 无效", en: "--year: \(year) is not a valid year")
            }
            let ledger = try global.openLedger(readOnly: true)
            let summary = YearSummary(state: ledger.state, year: year, unit: unit, today: BusinessDate.today(),
                                      events: ledger.log.lineCount, head: ledger.log.headHash, generatedAt: LogClock.now())
            let lang = global.language
            let narrative = {
                summary.narrative(stationName: ledger.state.settings["station_name"], officeName: ledger.state.settings["office_name"])
            }
            if let output, output != "-" {
                // To a file: the bytes as made, written whole and readable by the owner only.
                let bytes: [UInt8]
                switch format {
                case "json": bytes = Array((summary.jsonText() + "\n").utf8)
                case "markdown": bytes = Array((summary.markdown(lang) + "\n").utf8)
                case "csv": bytes = Array(summary.csv(lang).utf8)
                case "xlsx": bytes = [UInt8](try summary.xlsx(lang))
                case "narrative": bytes = Array((narrative() + "\n").utf8)
                default: bytes = Array((summary.text(lang) + "\n").utf8)
                }
                let full = try FileWriter.write(bytes, to: output, overwrite: true)
                Console.error(Words.YearEnd.exported(full)[lang])
                return
            }
            switch format {
            case "json": Console.out(summary.jsonText())
            case "markdown": Console.out(summary.markdown(lang))
            case "csv": Console.data(Data(summary.csv(lang).utf8))
            case "narrative": Console.out(narrative())
            default: Console.out(summary.text(lang))
            }
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the ledger's cases of a year: one row per case, every field.",
        discussion: """
        Rows are the cases whose business date is in the year, voided ones included (status voided). CSV and JSON lines use field keys as headers and stored values; XLSX has a notice sheet and one sheet per kind with labels in --lang. Phone and ID numbers are masked unless --unmasked.

        The first line (or sheet) says that the file holds personal data. Files are created with mode 0600. `-o -` writes CSV or JSON lines to standard output.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The year of the business dates to export.") var year: Int
    @Option(help: "csv, xlsx or jsonl.") var format: String = "csv"
    @Option(help: "Only this kind.") var kind: String?
    @Flag(help: "Write phone and ID numbers in full.") var unmasked = false
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output file, or - for standard output.", valueName: "file"))
    var output: String

    func run() throws {
        try global.handle {
            try checkFormat(format, ["csv", "xlsx", "jsonl"])
            let kind = try kind.map { text throws(TaizhangDomain.ValidationError) in try parseKind(text) }
            if output == "-" && format == "xlsx" {
                throw TaizhangDomain.ValidationError(field: "output", value: output, zh: "XLSX 是二进制文件，不能写到标准输出，请用 -o 文件名.xlsx",
                                                     en: "xlsx is a binary format and cannot go to standard output; give -o FILE.xlsx")
            }
            let ledger = try global.openLedger(readOnly: true)
            let export = try LedgerExport(state: ledger.state, year: year, kind: kind, masked: !unmasked, today: BusinessDate.today(),
                                      events: ledger.log.lineCount, head: ledger.log.headHash)
            let lang = global.language
            let bytes: [UInt8]
            switch format {
            case "xlsx": bytes = [UInt8](try export.xlsx(lang))
            case "jsonl": bytes = Array(export.jsonLines(lang).utf8)
            default: bytes = Array(export.csv(lang).utf8)
            }
            // Personal data: written atomically and readable by the owner only.
            if let full = try global.writeOutput(bytes, to: output, overwrite: true) {
                Console.error(lang == .zh ? "已导出 \(export.cases.count) 件到 \(full)\(unmasked ? "（未遮盖个人号码）" : "")"
                                          : "exported \(export.cases.count) case(s) to \(full)\(unmasked ? " (numbers not masked)" : "")")
            }
        }
    }
}
