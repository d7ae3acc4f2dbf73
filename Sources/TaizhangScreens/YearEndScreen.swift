import Foundation
import TaizhangDomain
import TaizhangTerminalCore

/// `y`: the year-end figures for a year and unit, with bar charts by category and by month.
public final class YearEndScreen: Screen {
    /// The year shown.
    public private(set) var year: Int
    /// The unit shown, nil for the whole town.
    public private(set) var unit: TaizhangDomain.Unit?

    /// Opens on today's year, or the latest year with cases when today's has none.
    public init(_ ctx: AppContext) {
        let thisYear = ctx.today().year
        let years = Set(ctx.state.allCases.map(\.date.year))
        year = years.contains(thisYear) || years.isEmpty ? thisYear : years.max()!
    }

    public func keys(_ ctx: AppContext) -> [KeyHelp] {
        [KeyHelp("←/→", ctx.t("年份", "year")), KeyHelp("u", ctx.t("单位", "unit")), KeyHelp("w", ctx.t("导出（.txt/.md/.csv/.json）", "export (.txt/.md/.csv/.json)")),
         KeyHelp("q", ctx.t("返回", "back")), KeyHelp("h/l", ctx.t("年份", "year"), bar: false), KeyHelp("Esc", ctx.t("返回", "back"), bar: false)]
    }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        switch key {
        case .left, .char("h"): year -= 1
        case .right, .char("l"): year += 1
        case .char("u"):
            switch unit {
            case nil: unit = .station
            case .station?: unit = .office
            case .office?: unit = nil
            }
        case .char("q"), .escape: return .back
        case .char("w"):
            let figures = YearEndFigures(ledger: ctx.ledger, year: year, unit: unit, today: ctx.today(), lang: ctx.lang)
            let name = "taizhang-\(year)-\(unit?.rawValue ?? "town").txt"
            let path = FileManager.default.currentDirectoryPath + "/" + name
            let spec = FieldSpec("path", "导出到文件", "export to", .text(maxLength: 4096), required: true)
            return .push(FormScreen(title: ctx.t("导出年度统计", "Export year-end figures"), fields: [FormField(spec, value: path)]) { form, ctx in
                let target = form.value("path").trimmingCharacters(in: .whitespaces)
                let text = figures.export(path: target, lang: ctx.lang)
                return .push(ConfirmScreen(question: ctx.t("写入 \(target)？", "Write \(target)?")) { ctx in
                    do {
                        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
                        ctx.say(ctx.t("已导出到 \(target)", "exported to \(target)"))
                        return .back
                    } catch {
                        ctx.fail(ctx.t("无法写入 \(target)：\(error.localizedDescription)", "cannot write \(target): \(error.localizedDescription)"))
                        return .none
                    }
                })
            })
        default: break
        }
        return .none
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let figures = YearEndFigures(ledger: ctx.ledger, year: year, unit: unit, today: ctx.today(), lang: ctx.lang)
        let unitName = unit?.label(ctx.lang) ?? ctx.t("全镇", "whole town")
        grid.put(ctx.t("年度统计  ◀ \(year) ▶  单位：\(unitName)", "Year-end  ◀ \(year) ▶  unit: \(unitName)"), x: area.x + 1, y: area.y, style: .bold)
        let labelWidth = (figures.figures.map { DisplayWidth.of($0.label) }.max() ?? 10) + 2
        let leftWidth = min(area.width / 2, labelWidth + 18)
        for (i, f) in figures.figures.enumerated() where i < area.height - 2 {
            let y = area.y + 2 + i
            grid.put(f.label, x: area.x + 1, y: y, width: labelWidth, ellipsis: false)
            grid.put(YearEndFigures.value(f), x: area.x + 1 + labelWidth, y: y, width: leftWidth - labelWidth, style: .bold)
        }
        // Bars on the right: by category, then by month.
        let bx = area.x + leftWidth + 3
        let bw = area.x + area.width - bx - 1
        var y = area.y + 2
        grid.put(ctx.t("调解纠纷类型", "Mediations by category"), x: bx, y: y, style: .bold)
        y += 1
        let catRows = max(1, min(figures.byCategory.count, (area.height - 6) / 2 - 1))
        if figures.byCategory.isEmpty { grid.put(ctx.t("（无）", "(none)"), x: bx, y: y, style: .hint); y += 1 }
        let catLabelWidth = min(12, (figures.byCategory.map { DisplayWidth.of($0.0) }.max() ?? 4) + 1)
        for (name, n) in figures.byCategory.prefix(catRows) {
            bar(&grid, x: bx, y: y, width: bw, label: name, labelWidth: catLabelWidth, value: n, max: figures.byCategory.first?.1 ?? 1)
            y += 1
        }
        y += 1
        guard y < area.bottom else { return }
        grid.put(ctx.t("按月受理", "Received per month"), x: bx, y: y, style: .bold)
        y += 1
        let maxMonth = figures.byMonth.max() ?? 0
        if area.bottom - y >= 12 {
            for (i, n) in figures.byMonth.enumerated() {
                bar(&grid, x: bx, y: y + i, width: bw, label: ctx.t("\(i + 1)月", "\(i + 1)"), labelWidth: 5, value: n, max: maxMonth)
            }
        } else {
            // Not enough rows: one column per month with eighth blocks.
            let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
            var line = ""
            for n in figures.byMonth { line += String(maxMonth == 0 ? " " : blocks[(n * 8 + maxMonth - 1) / maxMonth]) + " " }
            grid.put(line, x: bx, y: y, style: CellStyle(color: .cyan))
            grid.put(ctx.t("1 2 3 4 5 6 7 8 9 101112 月", "J F M A M J J A S O N D"), x: bx, y: y + 1, style: .hint)
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
