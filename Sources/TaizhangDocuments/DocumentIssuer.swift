import Foundation
import TaizhangDomain
import TaizhangFiles
import TaizhangLog

/// How a document is written.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// WordprocessingML (.docx).
    case docx
    /// Plain UTF-8 text.
    case txt

    /// The file name extension.
    public var fileExtension: String { rawValue }
}

/// What issuing a document did.
public struct IssuedResult: Sendable {
    /// The case.
    public var caseID: CaseID
    /// The form.
    public var form: DocumentForm
    /// Its number.
    public var number: DocumentNumber
    /// The number as printed.
    public var numberText: String
    /// The document's bytes (the text, for `txt`).
    public var bytes: [UInt8]
    /// Where it was written, in full; nil when the caller prints it.
    public var path: String?
}

/// The documents module's entry points, for the CLI and the TUI alike: which forms fit a case,
/// what a form looks like, and issuing one (recording it in the case's history and writing it).
public enum Documents {
    /// The forms `c` can issue now, in the order they go into its file.
    public static func forms(for c: CaseRecord) -> [DocumentForm] { DocumentForm.fitting(c) }

    /// `form` filled from `c` with the number it has, or would get if issued now.
    public static func layout(_ form: DocumentForm, case c: CaseRecord, state: LedgerState) -> DocumentLayout {
        layout(form, case: c, settings: state.settings, number: state.documentNumber(c, form: form).number)
    }

    /// `form` filled from `c` with `number`.
    public static func layout(_ form: DocumentForm, case c: CaseRecord, settings: [String: String], number: DocumentNumber) -> DocumentLayout {
        form.layout(c, context: FormContext(settings: settings, form: form, number: number))
    }

    /// A layout's bytes in `format`.
    public static func render(_ layout: DocumentLayout, as format: DocumentFormat) throws -> [UInt8] {
        switch format {
        case .txt: return Array(TextRenderer.render(layout).utf8)
        case .docx: return [UInt8](try DOCXWriter.package(layout))
        }
    }

    /// A file name for `form` of `c` in the current folder: `M-2024-0007-人民调解协议书.docx`.
    public static func defaultFileName(_ form: DocumentForm, caseID: CaseID, format: DocumentFormat) -> String {
        "\(caseID)-\(form.title.zh).\(format.fileExtension)"
    }

    /// Issues `form` from case `id`: records a `document.issued` event (which hands out the
    /// number, under the ledger's lock) and, when `path` is given, writes the file there
    /// atomically with mode 0600 (`FileWriter`), refusing to replace an existing file unless
    /// `overwrite` (``FileWriteError/exists(path:)``, before anything is recorded).
    ///
    /// The file is written to a temporary name first, so a full disk or a bad folder fails
    /// before anything is recorded; it is put in place after the event is on disk. If that last
    /// step fails, the event stays, and issuing again gives the same number.
    public static func issue(_ form: DocumentForm, caseID id: String, format: DocumentFormat, to path: String?,
                             overwrite: Bool = false, ledger: Ledger, today: BusinessDate = .today()) throws -> IssuedResult {
        try issue(form, caseID: id, format: format, to: path, overwrite: overwrite, state: { ledger.state },
                  perform: { try ledger.perform($0, today: today) })
    }

    /// The same through a caller's own way of performing commands (the TUI's `AppContext.perform`,
    /// which also reports recovered torn lines); `state` gives the ledger's current state.
    public static func issue(_ form: DocumentForm, caseID id: String, format: DocumentFormat, to path: String?, overwrite: Bool = false,
                             state: () -> LedgerState, perform: (Command) throws -> CommandResult) throws -> IssuedResult {
        let before = state()
        guard let c = before.lookup(id.trimmingCharacters(in: .whitespaces).uppercased()) else {
            throw ValidationError(field: "id", value: id, zh: "找不到案件 \(id)", en: "no case \(id) in this ledger")
        }
        if let why = form.unfitReason(c) { throw why }
        let expected = before.documentNumber(c, form: form).number
        var bytes = try render(layout(form, case: c, settings: before.settings, number: expected), as: format)
        // The bytes go to disk under a temporary name before anything is recorded.
        let file = try path.map { p throws(FileWriteError) in try FileWriter.prepare(bytes, for: p, overwrite: overwrite) }
        let number: DocumentNumber
        do {
            let result = try perform(.issueDocument(id: c.id.description, form: form, format: format.rawValue))
            let data = result.records.last?.data
            number = DocumentNumber(series: form.series, year: data?["year"]?.intValue ?? expected.year,
                                    number: data?["number"]?.intValue ?? expected.number)
        } catch {
            file?.discard()
            throw error
        }
        let after = state()
        let current = after[c.id] ?? c
        if number != expected || current.fields != c.fields || current.followUps != c.followUps {
            // Another terminal issued a document of this series, or changed the case, meanwhile.
            do {
                bytes = try render(layout(form, case: current, settings: after.settings, number: number), as: format)
                try file?.replaceContents(bytes)
            } catch {
                file?.discard()
                throw error
            }
        }
        let written = try file.map { f throws(FileWriteError) in try f.commit(overwrite: overwrite) }
        let text = number.text(townShortName: DocumentNumber.shortName(town: after.townName))
        return IssuedResult(caseID: c.id, form: form, number: number, numberText: text, bytes: bytes, path: written)
    }
}
