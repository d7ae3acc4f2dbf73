import TaizhangDocuments
import TaizhangDomain
import TaizhangTerminalCore
import TaizhangFiles

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

    /// The text waiting for the external editor, and what happens with the result.
    public private(set) var pendingEdit: (text: String, then: (Result<String, any Error>, AppContext) -> ScreenAction)?

    /// Hands the external editor's result to the screen that asked for it.
    public func finishEditing(_ result: Result<String, any Error>) -> [AppEffect] {
        guard let edit = pendingEdit else { return [] }
        pendingEdit = nil
        if case let .failure(error) = result { ctx.fail(ctx.describe(error)) }
        return apply(edit.then(result, ctx))
    }

    /// The last frame was too small to show the screens (they get no keys until it grows).
    public private(set) var tooSmall = false

    /// The screen on top.
    public var top: any Screen { stack[stack.count - 1] }

    // MARK: - Keys

    /// What the keys that work on every screen stand for.
    public enum GlobalAction: Sendable, Equatable {
        /// `?` / F1: the help overlay (closes it when it is open).
        case help
        /// Ctrl-Q / Ctrl-C: quit, asking first when a form holds unsaved changes.
        case quit
    }

    /// The keys of every screen; the state is whether the top screen takes typed text.
    public static let keyTable = KeyTable<GlobalAction, Bool>(
        title: "Everywhere",
        intro: "Lowercase keys move and view, uppercase or confirmed keys change data; `q` / Esc goes back (`q` on the queue quits).",
        notes: "Changes other terminals append to the ledger appear within a second, without a key press.", [
            KeyBinding([.char("?"), .function(1)], "?", .help, Words.App.help, doc: "every key of this screen", docKeys: "`?`",
                       applies: { !$0 }),
            KeyBinding([.function(1)], "F1", .help, Words.App.help,
                       doc: "every key of this screen, also where `?` would be typed into a field (forms, filters, pick lists)", docKeys: "F1",
                       applies: { $0 }),
            KeyBinding([.ctrl("q"), .ctrl("c")], "Ctrl-Q", .quit, Words.App.quitTheProgram, bar: false,
                       doc: "quit from any screen (asks first when a form has unsaved changes)", docKeys: "Ctrl-Q / Ctrl-C"),
        ])

    /// Handles one key and returns the effects for the terminal.
    public func handle(_ key: Key) -> [AppEffect] {
        var key = key
        // Ctrl-J (a line feed) starts a new line in a long text; elsewhere it is Enter, as
        // some terminals send it for Enter.
        if key == .ctrl("j"), (top as? FormScreen)?.takesLineFeed != true { key = .enter }
        switch key {
        case .tick:
            refresh()
            return []
        case .resize:
            return []
        default:
            break
        }
        if tooSmall {
            // The screens are hidden: a key must not reach a form nobody can see. Only quitting
            // works (asking first when a form holds unsaved changes; the question is shown there).
            if top is ConfirmScreen { return apply(top.handle(key, ctx)) }
            switch key {
            case .char("q"), .ctrl("q"), .ctrl("c"): return apply(.requestQuit)
            default: return []
            }
        }
        ctx.message = nil
        switch App.keyTable.resolve(key, top.capturesText) {
        case .run(.help):
            if top is HelpScreen { stack.removeLast() } else { stack.append(HelpScreen(entries: helpLines())) }
            return []
        case .run(.quit):
            return apply(.requestQuit)
        case .refused, .unbound:
            return apply(top.handle(key, ctx))
        }
    }

    /// The top screen's help followed by the keys of every screen.
    func helpLines() -> [HelpLine] {
        top.help(ctx) + App.keyTable.help(top.capturesText, ctx.lang)
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
                stack.append(ConfirmScreen(question: Words.App.discardFormAndQuit[ctx.lang],
                                           onYes: { _ in .quit }))
                return []
            }
            return [.quit]
        case .quit:
            return [.quit]
        case let .perform(command, then):
            let result: Result<CommandResult, any Error>
            do { result = .success(try ctx.perform(command)) } catch { result = .failure(error) }
            return apply(then(result, ctx))
        case let .editText(text, then):
            pendingEdit = (text, then)
            return [.editText]
        case let .writeFile(path, bytes, overwrite, then):
            do {
                let full = try FileWriter.write(bytes, to: path, overwrite: overwrite, relativeTo: ctx.workingDirectory)
                return apply(then(.success(full), ctx))
            } catch let error {
                if case let .exists(full) = error, !overwrite {
                    stack.append(ConfirmScreen(question: Words.App.overwrite(full)[ctx.lang]) { _ in
                        .writeFile(path: full, bytes: bytes, overwrite: true, then: then)
                    })
                    return []
                }
                return apply(then(.failure(error), ctx))
            }
        case let .issueDocument(form, id, format, path, overwrite, then):
            let target = FileWriter.absolute(path, relativeTo: ctx.workingDirectory)
            do {
                let issued = try Documents.issue(form, caseID: id.description, format: format, to: target, overwrite: overwrite,
                                                 state: { ctx.state }, perform: { try ctx.perform($0) })
                return apply(then(.success(issued), ctx))
            } catch FileWriteError.exists(let full) where !overwrite {
                // Refused before anything was recorded: ask, then issue again replacing the file.
                stack.append(ConfirmScreen(question: Words.App.overwrite(full)[ctx.lang]) { _ in
                    .issueDocument(form, caseID: id, format: format, path: full, overwrite: true, then: then)
                })
                return []
            } catch {
                return apply(then(.failure(error), ctx))
            }
        }
        return []
    }

    // MARK: - Drawing

    /// One frame: the update step (``layout(width:height:)``), then drawing.
    public func render(into grid: inout CellGrid) {
        layout(width: grid.width, height: grid.height)
        draw(into: &grid)
    }

    /// The screens' update step for a terminal of this size: scroll and selection fitted to
    /// the rows there are, a case's texts read, background work started.
    public func layout(width: Int, height: Int) {
        tooSmall = width < App.minimumWidth || height < App.minimumHeight
        if tooSmall { return }
        let area = App.screenArea(width: width, height: height)
        let base = stack.lastIndex(where: { !$0.isOverlay }) ?? 0
        for s in stack[base...] { s.layout(area, ctx) }
    }

    /// The rows between the header and the status row.
    static func screenArea(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: height - 3) }

    /// Draws the current state into `grid` (sized like the terminal); changes nothing.
    public func draw(into grid: inout CellGrid) {
        grid.cursor = nil
        grid.fill(x: 0, y: 0, width: grid.width, height: grid.height)
        guard grid.width >= App.minimumWidth, grid.height >= App.minimumHeight else {
            renderTooSmall(into: &grid)
            return
        }
        renderHeader(into: &grid)
        let area = App.screenArea(width: grid.width, height: grid.height)
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
            Words.App.terminalTooSmall[ctx.lang],
            Words.App.size(width: grid.width, height: grid.height, minWidth: App.minimumWidth, minHeight: App.minimumHeight)[ctx.lang],
            Words.App.enlargeWindow[ctx.lang],
        ] + ((top as? ConfirmScreen).map { [$0.question + Words.App.yesNoSuffix[ctx.lang]] } ?? [])
        let top = max(0, grid.height / 2 - 1)
        for (i, l) in lines.enumerated() {
            let w = DisplayWidth.of(l)
            grid.put(l, x: max(0, (grid.width - w) / 2), y: top + i, style: i == 0 ? .bold : .plain)
        }
    }

    private func renderHeader(into grid: inout CellGrid) {
        let town = ctx.state.townName
        var left = Words.App.taizhang[ctx.lang]
        if !town.isEmpty { left += " · " + town }
        let op = Words.App.operatorWord[ctx.lang] + ctx.ledger.operatorName
        let path = (ctx.scratchCopy ? Words.App.demoCopy : Words.App.ledger)[ctx.lang] + ctx.storePath
        grid.fill(x: 0, y: 0, width: grid.width, style: .reverse)
        var x = 1
        x += grid.put(left, x: x, y: 0, style: CellStyle(bold: true, reverse: true)) + 2
        x += grid.put(op, x: x, y: 0, style: .reverse) + 2
        grid.put(path, x: x, y: 0, width: max(0, grid.width - x - 1), style: .reverse)
    }

    private func renderKeyBar(into grid: inout CellGrid, row: Int) {
        var x = 0
        func need(_ e: KeyHelp) -> Int { DisplayWidth.of(e.keys) + 1 + DisplayWidth.of(e.action) + 2 }
        // The keys of every screen (help first) keep their room at the end; the screen's own
        // entries that do not fit before them are left to `?`.
        let global = App.keyTable.bar(top.capturesText, ctx.lang)
        let reserved = global.reduce(0) { $0 + need($1) }
        var entries: [KeyHelp] = []
        for e in top.bar(ctx) {
            if x + need(e) > grid.width - reserved { break }
            entries.append(e)
            x += need(e)
        }
        entries += global
        x = 0
        for e in entries {
            if x + need(e) > grid.width { break }
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
