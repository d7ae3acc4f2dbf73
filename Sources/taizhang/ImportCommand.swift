import ArgumentParser
import Foundation
import TaizhangDomain
import TaizhangImport
import TaizhangLog

/// `taizhang import FILE`: brings an Excel or CSV ledger in, as a dry run unless `--commit`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import cases from an Excel (.xlsx) or CSV ledger (a dry run unless --commit).",
        discussion: """
        Finds the header row below any title rows, maps columns by their header words to fields and values to choice keys (docs/import.md lists the words; --map adds local ones), and checks every row as `add` and `close` would. The dry run writes nothing: it prints the header found, the column mapping, the cases per kind and year, and every row that cannot be imported with its row number, column and reason.
        --commit writes every importable row in one locked append with one fsync; any row with an error stops it unless --skip-errors. Each case records the file, sheet, row and the file's SHA-256; importing the same file again creates nothing.
        Exit status: 0 success (dry run with no errors, or committed), 1 rows rejected or input not readable, 2 ledger damaged or not writable.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The .xlsx or .csv file.") var file: String
    @Option(help: "Kind of every row: consultation, mediation, petition, review or suit (else from the sheet's title or name).") var kind: String?
    @Option(help: "station or office, for rows whose sheet has no unit column.") var unit: String?
    @Option(help: "Import only the sheet of this name.") var sheet: String?
    @Option(help: ArgumentHelp("A file of local header and value words (docs/import.md).", valueName: "MAPFILE")) var map: String?
    @Flag(help: "Write the cases (else only show what would be written).") var commit = false
    @Flag(help: "With --commit: leave out rows with errors instead of stopping.") var skipErrors = false
    @Option(help: "text or json.") var format: String = "text"

    func run() throws {
        try global.handle {
            try checkFormat(format, ["text", "json"])
            let kind = try kind.map { k throws(TaizhangDomain.ValidationError) in try parseKind(k) }
            let unit = try parseUnit(unit)?.rawValue
            let lang = global.language
            do {
                var vocabulary = Vocabulary.standard
                if let map {
                    guard let text = try? String(contentsOfFile: map, encoding: .utf8) else {
                        throw ImportError(zh: "无法读取映射文件 \(map)（应为 UTF-8 文本）", en: "cannot read the map file \(map) (UTF-8 text expected)")
                    }
                    vocabulary = try MapFile.apply(text, to: vocabulary)
                }
                let progress = ImportProgress(lang: lang)
                progress.say(lang == .zh ? "读取 \(file)…" : "reading \(file)…")
                let parsed = try ImportFile.read(path: file, kind: kind, unit: unit, sheet: sheet, vocabulary: vocabulary)
                let result: ImportResult
                if commit {
                    let ledger = try global.openLedger()
                    do {
                        result = try Importer.commit(parsed, ledger: ledger, skipErrors: skipErrors, progress: progress.rows)
                    } catch let rejected as Importer.RowsRejected {
                        progress.done()
                        print(parsed, rejected.result, lang: lang)
                        Console.error(lang == .zh ? "有 \(rejected.result.errors.count) 行无法导入，未写入任何记录（改正后重试，或加 --skip-errors 跳过这些行）"
                                                  : "\(rejected.result.errors.count) rows cannot be imported; nothing was written (fix them, or add --skip-errors to leave them out)")
                        throw ExitCode(1)
                    }
                } else {
                    let path = global.storePath
                    let ledger = FileManager.default.fileExists(atPath: path) ? try global.openLedger(readOnly: true) : nil
                    result = try Importer.dryRun(parsed, ledger: ledger, operatorName: global.resolvedOperator, progress: progress.rows)
                }
                progress.done()
                print(parsed, result, lang: lang)
                if !commit && !result.errors.isEmpty { throw ExitCode(1) }
            } catch let e as ImportError {
                Console.error(e.message(lang))
                throw ExitCode(1)
            }
        }
    }

    func print(_ file: ImportFile, _ r: ImportResult, lang: Language) {
        if format == "json" {
            Console.out(ImportReportText.json(r, lang: lang))
        } else {
            Console.out(ImportReportText.text(file, r, lang: lang))
        }
    }
}

/// Progress on stderr when it is a terminal (long imports take seconds).
final class ImportProgress {
    let lang: Language
    let live = isatty(2) == 1
    var shown = false
    init(lang: Language) { self.lang = lang }

    func say(_ s: String) {
        guard live else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(s)".utf8))
        shown = true
    }

    func rows(_ done: Int, _ total: Int) {
        say(lang == .zh ? "校验 \(done)/\(total) 行…" : "checking \(done)/\(total) rows…")
    }

    func done() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); shown = false }
    }
}
