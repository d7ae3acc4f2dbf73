import TaizhangDomain
import TaizhangTerminalCore

/// The whole TUI as a state machine: a stack of screens, a header, a status row and a key bar.
///
/// `handle(_:)` takes one key and returns what the terminal must do; `render(into:)` draws the
/// current state. Neither touches a terminal, so tests drive it directly.
public final class App {
    /// The shared context.
    public let ctx: AppContext
    /// Open screens, home at the bottom.
    public private(set) var stack: [any Screen]

    /// Smallest terminal the layout needs.
    public static let minimumWidth = 80
    /// Smallest terminal the layout needs.
    public static let minimumHeight = 24

    /// Opens on the queue; with `askOperator`, first asks who is working.
    public init(ctx: AppContext, askOperator: Bool = false) {
        self.ctx = ctx
        self.stack = [QueueScreen()]
        if askOperator { stack.append(OperatorScreen()) }
    }

    /// The screen on top.
    public var top: any Screen { stack[stack.count - 1] }

    // MARK: - Keys

    /// Handles one key and returns the effects for the terminal.
    public func handle(_ key: Key) -> [AppEffect] {
        switch key {
        case .tick:
            refresh()
            return []
        case .resize:
            return []
        default:
            break
        }
        ctx.message = nil
        if key == .function(1) || (key == .char("?") && !top.capturesText) {
            if !(top is HelpScreen) { stack.append(HelpScreen(entries: top.keys(ctx))) }
            return []
        }
        if key == .ctrl("q") || key == .ctrl("c") { return apply(.requestQuit) }
        return apply(top.handle(key, ctx))
    }

    /// Reads lines other processes appended; the next render shows them.
    public func refresh() {
        do {
            try ctx.ledger.refresh()
        } catch {
            ctx.fail(ctx.describe(error))
        }
    }

    private func apply(_ action: ScreenAction) -> [AppEffect] {
        switch action {
        case .none:
            return []
        case let .push(s):
            stack.append(s)
        case let .pop(n):
            stack.removeLast(min(n, stack.count - 1))
        case let .replace(s):
            if stack.count > 1 { stack.removeLast() }
            stack.append(s)
        case let .sequence(list):
            var effects: [AppEffect] = []
            for a in list { effects += apply(a) }
            return effects
        case .requestQuit:
            if stack.contains(where: { $0.hasUnsavedChanges }) {
                stack.append(ConfirmScreen(question: ctx.t("表单尚未保存，确定放弃修改并退出？", "A form has unsaved changes. Discard them and quit?"),
                                           onYes: { _ in .quit }))
                return []
            }
            return [.quit]
        case .quit:
            return [.quit]
        }
        return []
    }

    // MARK: - Drawing

    /// Draws the current state into `grid` (sized like the terminal).
    public func render(into grid: inout CellGrid) {
        grid.cursor = nil
        grid.fill(x: 0, y: 0, width: grid.width, height: grid.height)
        guard grid.width >= App.minimumWidth, grid.height >= App.minimumHeight else {
            renderTooSmall(into: &grid)
            return
        }
        renderHeader(into: &grid)
        let area = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 3)
        let base = stack.lastIndex(where: { !$0.isOverlay }) ?? 0
        for s in stack[base...] {
            grid.cursor = nil
            s.render(into: &grid, area: area, ctx)
        }
        let statusRow = grid.height - 2
        if let line = top.statusLine(ctx) {
            grid.put(line.text, x: 0, y: statusRow, width: grid.width, style: line.style)
            if let c = line.caret { grid.cursor = (c, statusRow) }
        } else if let m = ctx.message {
            grid.put(m.text, x: 0, y: statusRow, width: grid.width, style: m.style)
        }
        renderKeyBar(into: &grid, row: grid.height - 1)
    }

    private func renderTooSmall(into grid: inout CellGrid) {
        let lines = [
            ctx.t("终端窗口太小", "Terminal too small"),
            ctx.t("当前 \(grid.width)x\(grid.height)，至少需要 \(App.minimumWidth)x\(App.minimumHeight)",
                  "now \(grid.width)x\(grid.height), needs at least \(App.minimumWidth)x\(App.minimumHeight)"),
            ctx.t("请放大窗口；q 退出", "enlarge the window; q quits"),
        ]
        let top = max(0, grid.height / 2 - 1)
        for (i, l) in lines.enumerated() {
            let w = DisplayWidth.of(l)
            grid.put(l, x: max(0, (grid.width - w) / 2), y: top + i, style: i == 0 ? .bold : .plain)
        }
    }

    private func renderHeader(into grid: inout CellGrid) {
        let town = ctx.state.townName
        var left = ctx.t("台账", "Taizhang")
        if !town.isEmpty { left += " · " + town }
        let op = ctx.t("操作员：", "operator: ") + ctx.ledger.operatorName
        let path = ctx.t("账本：", "ledger: ") + ctx.storePath
        grid.fill(x: 0, y: 0, width: grid.width, style: .reverse)
        var x = 1
        x += grid.put(left, x: x, y: 0, style: CellStyle(bold: true, reverse: true)) + 2
        x += grid.put(op, x: x, y: 0, style: .reverse) + 2
        grid.put(path, x: x, y: 0, width: max(0, grid.width - x - 1), style: .reverse)
    }

    private func renderKeyBar(into grid: inout CellGrid, row: Int) {
        var x = 0
        let entries = top.keys(ctx).filter(\.inBar) + [KeyHelp(top.capturesText ? "F1" : "?", ctx.t("帮助", "help"))]
        for e in entries {
            let need = DisplayWidth.of(e.keys) + 1 + DisplayWidth.of(e.action) + 2
            if x + need > grid.width { break }
            x += grid.put(e.keys, x: x, y: row, style: .reverse)
            x += 1
            x += grid.put(e.action, x: x, y: row, style: .plain)
            x += 2
        }
    }
}

extension CellGrid {
    /// Fills one row span.
    mutating func fill(x: Int, y: Int, width w: Int, style: CellStyle = .plain) {
        fill(x: x, y: y, width: w, height: 1, style: style)
    }
}
