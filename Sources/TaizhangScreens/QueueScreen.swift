import TaizhangDomain
import TaizhangTerminalCore

/// Home: the work queue with a tab per kind, status and sort toggles and a filter typed live.
public final class QueueScreen: Screen {
    /// Tabs: all kinds, then one per kind.
    static let tabs: [CaseKind?] = [nil] + CaseKind.allCases.map { Optional($0) }
    /// Which statuses to show; `o` cycles.
    public enum StatusChoice: CaseIterable { case open, closed, all }

    /// Selected tab index.
    public private(set) var tab = 0
    /// Status shown.
    public private(set) var status: StatusChoice = .open
    /// Sort order.
    public private(set) var sort: CaseSort = .deadline
    /// The filter text.
    public private(set) var filter = LineEditor()
    /// Whether keys go to the filter.
    public private(set) var filtering = false
    /// Id of the selected case (kept across refreshes and re-sorts).
    public private(set) var selectedID: CaseID?
    private var scroll = 0
    private var pageSize = 10
    /// Sorted lists, counts and filter matches, cached between keys.
    private let model = QueueModel()
    /// Only the operator's cases (`m`): those whose 承办人 is the operator's name.
    public private(set) var mine = false
    /// The sort order reversed (`r`).
    public private(set) var reversed = false
    /// The "my cases" filter and the reversed order over the model's lists.
    private let narrowing = QueueNarrowing()

    /// A queue on the first tab, open cases by deadline.
    public init() {}

    public var capturesText: Bool { filtering }

    // MARK: - Rows

    private var statusFilter: CaseStatus? { status == .open ? .open : status == .closed ? .closed : nil }

    /// Ids of the cases shown on tab `t`, in order (the cases themselves are looked up only for
    /// the rows on screen).
    func rows(_ ctx: AppContext, tab t: Int? = nil) -> QueueRows {
        let rows = model.rows(ctx.state, status: statusFilter, sort: sort, kind: QueueScreen.tabs[t ?? tab],
                              needle: QueueModel.needle(filter.text), pinyin: ctx.pinyin)
        return narrowing.apply(rows, ctx.state, handler: mine ? ctx.ledger.operatorName : nil, reversed: reversed)
    }

    /// Case counts per tab under the current status and filter (and "my cases").
    func counts(_ ctx: AppContext) -> [Int] {
        guard mine else {
            return model.counts(ctx.state, status: statusFilter, needle: QueueModel.needle(filter.text), pinyin: ctx.pinyin)
        }
        let all = model.rows(ctx.state, status: statusFilter, sort: sort, kind: nil, needle: QueueModel.needle(filter.text), pinyin: ctx.pinyin)
        return narrowing.counts(all, ctx.state, handler: ctx.ledger.operatorName)
    }

    private func selectedIndex(_ ctx: AppContext, _ rows: QueueRows) -> Int {
        guard let id = selectedID, let row = ctx.state.cases.position(of: id), let i = rows.index(ofRow: row) else { return 0 }
        return i
    }

    private func move(_ rows: QueueRows, to i: Int) {
        guard !rows.isEmpty else { selectedID = nil; return }
        selectedID = rows[max(0, min(rows.count - 1, i))]
    }

    // MARK: - Keys

    /// What the queue's keys stand for.
    public enum Action: Sendable, Equatable {
        case up, down, pageUp, pageDown, first, last, nextTab, previousTab
        case open, new, filter, status, sort, yearEnd, quit
        /// `m`: only my cases; `r`: reverse the order; `h`: the message history.
        case mine, reverse, messages
        case keepFilter, clearFilter
        /// Record a screening round.
        case screening
        /// `P`: every case of a person asked for by name, ID number or phone.
        case person
        /// A key typed into the filter.
        case type
    }

    /// What the key table looks at: whether keys go to the filter.
    public struct KeyState: Sendable {
        /// Typing a filter.
        public var filtering: Bool
    }

    /// The queue's keys.
    public static let keyTable = KeyTable<Action, KeyState>(
        title: "Queue (home)",
        notes: "The last column shows the days left on a case's clock: `!超期3天` (`!3d over`) in red when\n"
            + "overdue, `*剩2天` (`*2d left`) in yellow when due within 3 days.",
        fallback: .type, [
            KeyBinding([(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], "↑/↓ j/k", Words.Common.move,
                       doc: "move", docKeys: "↑ / ↓, `j` / `k`", applies: { !$0.filtering }),
            KeyBinding([.enter], "Enter", .open, Words.Queue.openWord, doc: "open the case", applies: { !$0.filtering }),
            KeyBinding([.char("n")], "n", .new, Words.Queue.newWord,
                       doc: "new case, then the kind: `1` consultation, `2` mediation, `3` petition, `4` review, `5` suit",
                       applies: { !$0.filtering }),
            KeyBinding([.char("/")], "/", .filter, Words.Queue.filter,
                       doc: "filter as you type over every text field, labels and notes; pinyin initials match (`zs` finds 张三); Enter keeps the filter, Esc clears it",
                       applies: { !$0.filtering }),
            KeyBinding([.tab], "Tab", .nextTab, Words.Queue.tab,
                       doc: "next tab: all, consultations, mediations, petitions, reviews, suits"),
            KeyBinding([.char("o")], "o", .status, Words.Queue.openClosedAll, doc: "show open / closed / all cases",
                       applies: { !$0.filtering }),
            KeyBinding([.char("s")], "s", .sort, Words.Queue.sort, doc: "sort by deadline (default) / date / id",
                       applies: { !$0.filtering }),
            KeyBinding([.char("y")], "y", .yearEnd, Words.Queue.yearEnd, doc: "year-end figures", applies: { !$0.filtering }),
            KeyBinding([.char("m")], "m", .mine, Words.Queue.mine, bar: false,
                       doc: "my cases: only the cases whose handler (承办人) is the operator; again for every handler's",
                       applies: { !$0.filtering }),
            KeyBinding([.char("r")], "r", .reverse, Words.Queue.reverse, bar: false, doc: "reverse the sort order",
                       applies: { !$0.filtering }),
            KeyBinding([.char("h")], "h", .messages, Words.Queue.messages, bar: false,
                       doc: "message history: the status row's recent messages in full, with their times",
                       applies: { !$0.filtering }),
            KeyBinding([.char("q")], "q", .quit, Words.Common.quit, doc: "quit", applies: { !$0.filtering }),
            KeyBinding([.char("S")], "S", .screening, Words.Queue.recordScreening, bar: false,
                       doc: "record a round of dispute screening (排查): date, villages, disputes found (0 is a 零报告), unit, note",
                       applies: { !$0.filtering }),
            KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown)], "PgUp/PgDn", Words.Common.page, bar: false, doc: "page",
                       docKeys: "PgUp / PgDn", applies: { !$0.filtering }),
            KeyBinding([(.char("g"), .first), (.home, .first), (.char("G"), .last), (.end, .last)], "g/G", Words.Queue.firstLast,
                       bar: false, doc: "first / last case", docKeys: "`g` / `G`, Home / End", applies: { !$0.filtering }),
            KeyBinding([.backTab], "Shift-Tab", .previousTab, Words.Queue.previousTab, bar: false, doc: "previous tab"),
            KeyBinding([.char("P")], "P", .person, Words.People.findPerson, bar: false,
                       doc: "find a person: type a name, ID number or phone, then every case of theirs (any kind and role, by date; numbers masked); Enter opens one",
                       applies: { !$0.filtering }),
            KeyBinding([.escape], "Esc", .clearFilter, Words.Queue.clearFilter, bar: false, doc: "clear the filter",
                       applies: { !$0.filtering }),
            KeyBinding([], Words.Common.typeWord, .type, Words.Queue.filterPinyinInitialsToo,
                       doc: "while filtering: the filter, over every text field, labels and notes; pinyin initials match (`zs` finds 张三)",
                       docKeys: "typing", applies: { $0.filtering }),
            KeyBinding([.enter], "Enter", .keepFilter, Words.Queue.keep, doc: "while filtering: keep the filter and go back to the list",
                       docKeys: "Enter (filtering)", applies: { $0.filtering }),
            KeyBinding([.escape], "Esc", .clearFilter, Words.Queue.clearFilter, doc: "while filtering: clear the filter",
                       docKeys: "Esc (filtering)", applies: { $0.filtering }),
            KeyBinding([(.up, .up), (.down, .down)], "↑/↓", Words.Common.move, bar: false, doc: "while filtering: move",
                       docKeys: "↑ / ↓ (filtering)", applies: { $0.filtering }),
        ])

    var keyState: KeyState { KeyState(filtering: filtering) }

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar(keyState, ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help(keyState, ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        switch Self.keyTable.resolve(key, keyState) {
        case let .run(action): return run(action, key, ctx)
        case let .refused(why): ctx.fail(why(ctx.lang)); return .none
        case .unbound: return .none
        }
    }

    private func run(_ action: Action, _ key: Key, _ ctx: AppContext) -> ScreenAction {
        let list = rows(ctx)
        let i = selectedIndex(ctx, list)
        switch action {
        case .type:
            guard filtering else { return .none }
            _ = filter.handle(key)
            move(rows(ctx), to: 0)
        case .keepFilter: filtering = false
        case .clearFilter: filtering = false; filter = LineEditor()
        case .up: move(list, to: i - 1)
        case .down: move(list, to: i + 1)
        case .pageUp: move(list, to: i - pageSize)
        case .pageDown: move(list, to: i + pageSize)
        case .first: move(list, to: 0)
        case .last: move(list, to: list.count - 1)
        case .nextTab:
            tab = (tab + 1) % QueueScreen.tabs.count
            move(rows(ctx), to: 0)
        case .previousTab:
            tab = (tab + QueueScreen.tabs.count - 1) % QueueScreen.tabs.count
            move(rows(ctx), to: 0)
        case .status:
            let all = StatusChoice.allCases
            status = all[(all.firstIndex(of: status)! + 1) % all.count]
            move(rows(ctx), to: 0)
        case .sort:
            let all = CaseSort.allCases
            sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
        case .filter:
            filtering = true
        case .mine:
            mine.toggle()
            let name = ctx.ledger.operatorName
            ctx.say((mine ? Words.Queue.showingMine(name) : Words.Queue.showingEveryones)[ctx.lang])
            move(rows(ctx), to: 0)
        case .reverse:
            reversed.toggle()
        case .messages:
            return .push(MessageHistoryScreen())
        case .open:
            guard !list.isEmpty else { return .none }
            return .push(DetailScreen(id: list[i]))
        case .new:
            return .push(KindMenuScreen())
        case .yearEnd:
            return .push(YearEndScreen(ctx))
        case .screening:
            return .push(FormScreen.screening(ctx))
        case .person:
            return .push(PersonSearchScreen())
        case .quit:
            return .requestQuit
        }
        return .none
    }

    // MARK: - Layout

    /// Where the list goes in `area`: its first row and how many cases fit (the last row shows
    /// the position instead when the list is longer than the screen).
    static func listRows(_ area: Rect, count: Int) -> (top: Int, visible: Int) {
        let top = area.y + 2
        let room = max(1, area.bottom - top)
        return (top, count > room ? max(1, room - 1) : room)
    }

    /// Selects case `id`, switching to a tab and status that show it (and clearing a filter
    /// that hides it): a case just entered is shown on the queue.
    func show(_ id: CaseID, _ ctx: AppContext) {
        guard let c = ctx.state[id], let position = ctx.state.cases.position(of: id) else { return }
        func shown() -> Bool { rows(ctx).index(ofRow: position) != nil }
        selectedID = id
        if shown() { return }
        if let t = QueueScreen.tabs.firstIndex(of: c.kind) { tab = t }
        if shown() { return }
        switch c.status {
        case .open: status = .open
        case .closed: status = .closed
        default: status = .all
        }
        if shown() { return }
        filter = LineEditor()
        if shown() { return }
        mine = false
    }

    public func layout(_ area: Rect, _ ctx: AppContext) {
        if let id = ctx.revealOnQueue {
            ctx.revealOnQueue = nil
            show(id, ctx)
        }
        let list = rows(ctx)
        let (_, visible) = QueueScreen.listRows(area, count: list.count)
        pageSize = max(1, visible - 1)
        if !list.isEmpty {
            let sel = selectedIndex(ctx, list)
            if selectedID == nil { selectedID = list[sel] }
            scroll = ScrollWindow.follow(selected: sel, scroll: scroll, visible: visible, count: list.count)
        }
        // On a large ledger, start building the filter's search text while the user reads.
        model.prepareSearch(ctx.state, pinyin: ctx.pinyin)
    }

    // MARK: - Drawing

    public func statusLine(_ ctx: AppContext) -> (text: String, style: CellStyle, caret: Int?)? {
        guard filtering || !filter.text.isEmpty else { return nil }
        if ctx.message != nil && !filtering { return nil }
        let prompt = "/ "
        let caret = filtering ? DisplayWidth.of(prompt) + filter.caretColumn : nil
        // Matches from a search text still being built are refined on the next frames.
        let partial = QueueModel.needle(filter.text).isEmpty ? nil : model.searchedShare
        let note = partial.map { "  " + Words.Queue.searchedSoFar(min(99, Int($0 * 100)))[ctx.lang] } ?? ""
        return (prompt + filter.text + note, filtering ? .plain : .hint, caret)
    }

    struct Column {
        /// What a column shows.
        enum Content { case id, date, party, subject, category, handler, status, deadline }
        var content: Content
        var title: String
        var width: Int
    }

    /// The list's columns for a screen `width` wide: the party and the subject share what
    /// the others leave; the received date is left out below
    /// ``dateColumnWidth`` columns (the id carries the year, `s` sorts by date).
    static func columns(width: Int, lang: Language) -> [Column] {
        let zh = lang == .zh
        var cols = [Column(content: .id, title: Words.Cases.id[lang], width: 11)]
        if width >= dateColumnWidth { cols.append(Column(content: .date, title: Words.Fields.receivedOn[lang], width: 10)) }
        cols += [Column(content: .party, title: Words.Queue.party[lang], width: 0),
                 Column(content: .subject, title: Words.Queue.subject[lang], width: 0),
                 Column(content: .category, title: Words.Cases.category[lang], width: zh ? 10 : 12),
                 Column(content: .handler, title: Words.Fields.handler[lang], width: 8),
                 Column(content: .status, title: Words.Cases.status[lang], width: zh ? 8 : 10),
                 Column(content: .deadline, title: Words.Clocks.deadline[lang], width: 10)]
        let fixed = cols.reduce(0) { $0 + $1.width } + cols.count - 1
        let flexible = max(16, width - 2 - fixed)
        let p = cols.firstIndex { $0.content == .party }!
        cols[p].width = max(8, (flexible + 1) / 2)
        cols[p + 1].width = flexible - cols[p].width
        return cols
    }

    /// Narrowest screen that shows the received date column.
    static let dateColumnWidth = 110

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let today = ctx.today()
        // Tabs with counts, then status and sort.
        let counts = counts(ctx)
        var x = area.x + 1
        for (t, kind) in QueueScreen.tabs.enumerated() {
            let label = "\(CaseFormat.shortKind(kind, lang: ctx.lang)) \(counts[t])"
            let text = t == tab ? "[\(label)]" : " \(label) "
            x += grid.put(text, x: x, y: area.y, style: t == tab ? CellStyle(bold: true, reverse: true) : .plain)
        }
        let statusText: String
        switch status {
        case .open: statusText = Words.Statuses.open[ctx.lang]
        case .closed: statusText = Words.Statuses.closed[ctx.lang]
        case .all: statusText = Words.Queue.all[ctx.lang]
        }
        let sortText: String
        switch sort {
        case .deadline: sortText = Words.Queue.byDeadline[ctx.lang]
        case .date: sortText = Words.Queue.byDate[ctx.lang]
        case .id: sortText = Words.Queue.byId[ctx.lang]
        }
        var right = "\(statusText) · \(sortText)"
        if reversed { right += " · " + Words.Queue.reversed[ctx.lang] }
        // On a narrow screen the "my cases" mark stays when the rest does not fit.
        var candidates = [right]
        if mine {
            let m = Words.Queue.mineOf(ctx.ledger.operatorName)[ctx.lang]
            candidates = [m + " · " + right, m, Words.Queue.mine[ctx.lang]]
        }
        if let fit = candidates.first(where: { x + 2 + DisplayWidth.of($0) < area.x + area.width }) {
            grid.put(fit, x: area.x + area.width - DisplayWidth.of(fit) - 1, y: area.y, style: .hint)
        }

        let cols = QueueScreen.columns(width: area.width, lang: ctx.lang)
        let headerRow = area.y + 1
        var cx = area.x + 1
        for c in cols {
            grid.put(c.title, x: cx, y: headerRow, width: c.width, style: .bold, ellipsis: false)
            cx += c.width + 1
        }

        let list = rows(ctx)
        let (top, visible) = QueueScreen.listRows(area, count: list.count)
        if list.isEmpty {
            let msg = !filter.text.isEmpty ? Words.Queue.noMatch[ctx.lang]
                : mine ? Words.Queue.noneOfMine(ctx.ledger.operatorName)[ctx.lang] : Words.Queue.noCases[ctx.lang]
            grid.put(msg, x: area.x + 2, y: top + 1, style: .hint)
            return
        }
        let sel = selectedIndex(ctx, list)
        // The layout step has fitted the scroll; following again only matters for a frame drawn
        // without one, and stores nothing.
        let scroll = ScrollWindow.follow(selected: sel, scroll: self.scroll, visible: visible, count: list.count)
        for (n, id) in list[scroll..<min(list.count, scroll + visible)].enumerated() {
            guard let c = ctx.state.cases[id] else { continue }
            let y = top + n
            let due = CaseFormat.deadline(c, today: today, lang: ctx.lang)
            var x = area.x + 1
            for col in cols {
                let value: String
                switch col.content {
                case .id: value = c.id.description
                case .date: value = c["date"]
                case .party: value = CaseFormat.party(c)
                case .subject: value = CaseFormat.subject(c)
                case .category: value = CaseFormat.category(c, lang: ctx.lang)
                case .handler: value = c["handler"]
                case .status: value = CaseFormat.status(c, lang: ctx.lang)
                case .deadline: value = due.text
                }
                let style = col.content == .deadline ? CaseFormat.style(due.urgency) : (c.status == .voided ? .hint : .plain)
                grid.put(value, x: x, y: y, width: col.width, style: style)
                x += col.width + 1
            }
            if scroll + n == sel {
                grid.put(">", x: area.x, y: y, style: .bold)
                grid.highlight(x: area.x + 1, y: y, width: area.width - 2)
            }
        }
        if list.count > visible {
            let position = "\(sel + 1)/\(list.count)  " + Words.Queue.pgupPgdnPages[ctx.lang]
            let w = DisplayWidth.of(position)
            grid.put(position, x: area.x + area.width - w - 1, y: area.bottom - 1, style: .hint)
        }
    }
}
