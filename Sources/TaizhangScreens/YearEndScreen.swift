import TaizhangDomain
import TaizhangTerminalCore
import TaizhangFiles

/// `y`: the year-end figures for a year and unit, with bar charts by category and by month.
public final class YearEndScreen: Screen {
    /// The year shown.
    public private(set) var year: Int
    /// The unit shown, nil for the whole town.
    public private(set) var unit: TaizhangDomain.Unit?
    /// The figures shown, computed when the screen opens, when the year or unit changes and
    /// when the ledger does (the layout step checks), never while drawing.
    public private(set) var figures: YearEndFigures
    /// What ``figures`` were computed for.
    private var computedFor: Basis

    /// The inputs of the figures: when one changes, they are computed again.
    private struct Basis: Equatable {
        var year: Int, unit: TaizhangDomain.Unit?, events: Int, today: BusinessDate
    }

    /// Opens on today's year, or the latest year with cases when today's has none.
    public init(_ ctx: AppContext) {
        let thisYear = ctx.today().year
        let years = Set(ctx.state.allCases.map(\.date.year))
        year = years.contains(thisYear) || years.isEmpty ? thisYear : years.max()!
        computedFor = Basis(year: year, unit: nil, events: ctx.state.eventCount, today: ctx.today())
        figures = YearEndFigures(ledger: ctx.ledger, year: year, unit: nil, today: computedFor.today, lang: ctx.lang)
    }

    /// Computes the figures again when what they depend on changed.
    private func update(_ ctx: AppContext) {
        let basis = Basis(year: year, unit: unit, events: ctx.state.eventCount, today: ctx.today())
        guard basis != computedFor else { return }
        computedFor = basis
        figures = YearEndFigures(ledger: ctx.ledger, year: year, unit: unit, today: basis.today, lang: ctx.lang)
    }

    // MARK: - Keys

    /// What the year-end screen's keys stand for.
    public enum Action: Sendable, Equatable { case previousYear, nextYear, unit, export, back }

    /// The year-end screen's keys.
    public static let keyTable = KeyTable<Action, Void>(title: "Year-end figures (`y`)", [
        KeyBinding([(.left, .previousYear), (.char("h"), .previousYear), (.right, .nextYear), (.char("l"), .nextYear)], "←/→",
                   Words.YearEnd.year, doc: "previous / next year", docKeys: "← / →, `h` / `l`"),
        KeyBinding([.char("u")], "u", .unit, Words.Fields.unit, doc: "unit: whole town / legal service station / public-security office"),
        KeyBinding([.char("w")], "w", .export, Words.YearEnd.exportTxtMdCsvJson,
                   doc: "export the figures to a path you confirm: Markdown for `.md`, CSV for `.csv`, JSON for `.json`, "
                       + "an XLSX workbook for `.xlsx` (as `taizhang summary --format xlsx`), else plain text; "
                       + "the file is written whole or not at all, readable by you only, and an existing file is replaced only after you confirm"),
        KeyBinding([.char("q"), .escape], "q", .back, Words.Common.back, doc: "back", docKeys: "`q` / Esc"),
    ])

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar((), ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help((), ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard case let .run(action) = Self.keyTable.resolve(key, ()) else { return .none }
        switch action {
        case .previousYear: year -= 1
        case .nextYear: year += 1
        case .unit:
            switch unit {
            case nil: unit = .station
            case .station?: unit = .office
            case .office?: unit = nil
            }
        case .back: return .back
        case .export: return export(ctx)
        }
        update(ctx)
        return .none
    }

    /// The export form: a path (offered in the working folder), a question, then the write,
    /// which the app does through the one file writer.
    private func export(_ ctx: AppContext) -> ScreenAction {
        update(ctx)
        let figures = figures
        let name = "taizhang-\(year)-\(unit?.rawValue ?? "town").txt"
        let path = FileWriter.absolute(name, relativeTo: ctx.workingDirectory)
        let spec = FieldSpec("path", Words.YearEnd.exportTo, .text(maxLength: 4096), required: true)
        return .push(FormScreen(title: Words.YearEnd.exportYearEndFigures[ctx.lang], fields: [FormField(spec, value: path)]) { form, ctx in
            let target = FileWriter.absolute(form.value("path").trimmingCharacters(in: .whitespaces), relativeTo: ctx.workingDirectory)
            let bytes: [UInt8]
            do {
                bytes = try figures.exportBytes(path: target, lang: ctx.lang)
            } catch {
                ctx.fail(ctx.describe(error))
                return .action(.none)
            }
            return .action(.push(ConfirmScreen(question: Words.YearEnd.writeConfirm(target)[ctx.lang]) { _ in
                .writeFile(path: target, bytes: bytes, overwrite: false) { result, ctx in
                    switch result {
                    case let .success(full):
                        ctx.say(Words.YearEnd.exported(full)[ctx.lang])
                        return .back
                    case let .failure(error):
                        ctx.fail(ctx.describe(error))
                        return .none
                    }
                }
            }))
        })
    }

    // MARK: - Layout and drawing

    public func layout(_ area: Rect, _ ctx: AppContext) { update(ctx) }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let figures = figures
        let unitName = unit?.label[ctx.lang] ?? Words.Figures.wholeTown("")[ctx.lang]
        grid.put(Words.YearEnd.title(year: year, unit: unitName)[ctx.lang], x: area.x + 1, y: area.y, style: .bold)
        let labelWidth = (figures.figures.map { DisplayWidth.of($0.label) }.max() ?? 10) + 2
        let leftWidth = min(area.width / 2, labelWidth + 18)
        for (i, f) in figures.figures.enumerated() where i < area.height - 2 {
            let y = area.y + 2 + i
            grid.put(f.label, x: area.x + 1, y: y, width: labelWidth, ellipsis: false)
            grid.put(YearEndFigures.value(f, lang: ctx.lang), x: area.x + 1 + labelWidth, y: y, width: leftWidth - labelWidth, style: .bold)
        }
        // The whole town's mediations as the units' (under the figures, wrapped to the column).
        if let note = figures.note {
            let top = area.y + 3 + figures.figures.count
            for (i, line) in CaseFormat.wrap(note, width: leftWidth, indent: 0).enumerated() where top + i < area.bottom {
                grid.put(line, x: area.x + 1, y: top + i, width: leftWidth, style: .hint)
            }
        }
        // Bars on the right: by category, then by month.
        let bx = area.x + leftWidth + 3
        let bw = area.x + area.width - bx - 1
        var y = area.y + 2
        grid.put(Words.YearEnd.mediationsByCategory[ctx.lang], x: bx, y: y, style: .bold)
        y += 1
        let catRows = max(1, min(figures.byCategory.count, (area.height - 6) / 2 - 1))
        if figures.byCategory.isEmpty { grid.put(Words.Common.none[ctx.lang], x: bx, y: y, style: .hint); y += 1 }
        let catLabelWidth = min(12, (figures.byCategory.map { DisplayWidth.of($0.0) }.max() ?? 4) + 1)
        for (name, n) in figures.byCategory.prefix(catRows) {
            bar(&grid, x: bx, y: y, width: bw, label: name, labelWidth: catLabelWidth, value: n, max: figures.byCategory.first?.1 ?? 1)
            y += 1
        }
        y += 1
        guard y < area.bottom else { return }
        grid.put(Words.YearEnd.receivedPerMonth[ctx.lang], x: bx, y: y, style: .bold)
        y += 1
        let maxMonth = figures.byMonth.max() ?? 0
        if area.bottom - y >= 12 {
            for (i, n) in figures.byMonth.enumerated() {
                bar(&grid, x: bx, y: y + i, width: bw, label: Words.YearEnd.month(i + 1)[ctx.lang], labelWidth: 5, value: n, max: maxMonth)
            }
        } else {
            // Not enough rows: one column per month with eighth blocks.
            let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
            var line = ""
            for n in figures.byMonth { line += String(maxMonth == 0 ? " " : blocks[(n * 8 + maxMonth - 1) / maxMonth]) + " " }
            grid.put(line, x: bx, y: y, style: CellStyle(color: .cyan))
            grid.put(Words.YearEnd.monthsAxis[ctx.lang], x: bx, y: y + 1, style: .hint)
        }
    }

    private func bar(_ grid: inout CellGrid, x: Int, y: Int, width: Int, label: String, labelWidth: Int, value: Int, max: Int) {
        grid.put(label, x: x, y: y, width: labelWidth)
        let numberText = " \(value)"
        let room = width - labelWidth - DisplayWidth.of(numberText) - 1
        guard room > 0 else { return }
        // Eighths of a cell for a smooth end.
        let eighths = max == 0 ? 0 : (value * room * 8 + max - 1) / max
        let full = eighths / 8, rest = eighths % 8
        let partial: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let text = String(repeating: "█", count: full) + partial[rest] + numberText
        grid.put(text, x: x + labelWidth, y: y, style: CellStyle(color: .cyan))
    }
}
