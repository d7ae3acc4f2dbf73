import ArgumentParser
import Foundation
import TaizhangDomain
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
        Counts cases whose business date is in the year, voided cases excluded. Every rate is shown
        with its numerator and denominator, rounded half-up to one decimal. The ledger's event count
        and head hash are printed with the figures. Definitions: docs/metrics.md.
        Formats: text, markdown, csv, json (stable, documented), narrative (the report's sentences).
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The year of the business dates to count.") var year: Int
    @Option(help: "station or office (default: both and the whole town).") var unit: String?
    @Option(help: "text, markdown, csv, json or narrative.") var format: String = "text"

    func run() throws {
        try global.handle {
            let unit = try parseUnit(unit)
            try checkFormat(format, ["text", "markdown", "csv", "json", "narrative"])
            guard (1900...2199).contains(year) else {
                throw TaizhangDomain.ValidationError(field: "year", value: String(year), zh: "年份（--year）\(year) 无效", en: "--year: \(year) is not a valid year")
            }
            let ledger = try global.openLedger(readOnly: true)
            let summary = YearSummary(state: ledger.state, year: year, unit: unit, today: BusinessDate.today(),
                                      events: ledger.log.lineCount, head: ledger.log.headHash, generatedAt: LogClock.now())
            let lang = global.language
            switch format {
            case "json": Console.out(summary.jsonText())
            case "markdown": Console.out(summary.markdown(lang))
            case "csv": FileHandle.standardOutput.write(Data(summary.csv(lang).utf8))
            case "narrative":
                Console.out(summary.narrative(stationName: ledger.state.settings["station_name"],
                                              officeName: ledger.state.settings["office_name"]))
            default: Console.out(summary.text(lang))
            }
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export the ledger's cases of a year (not yet available).")
    @OptionGroup var global: GlobalOptions
    func run() throws {}
}
