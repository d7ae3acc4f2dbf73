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

    /// A queue on the first tab, open cases by deadline.
    public init() {}

    public var capturesText: Bool { filtering }

    // MARK: - Rows

    private var statusFilter: CaseStatus? { status == .open ? .open : status == .closed ? .closed : nil }

    /// Ids of the cases shown on tab `t`, in order (the cases themselves are looked up only for
    /// the rows on screen).
    func rows(_ ctx: AppContext, tab t: Int? = nil) -> QueueRows {
        model.rows(ctx.state, status: statusFilter, sort: sort, kind: QueueScreen.tabs[t ?? tab],
                   needle: QueueModel.needle(filter.text), pinyin: ctx.pinyin)
    }

    /// Case counts per tab under the current status and filter.
    func counts(_ ctx: AppContext) -> [Int] {
        model.counts(ctx.state, status: statusFilter, needle: QueueModel.needle(filter.text), pinyin: ctx.pinyin)
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

    public func keys(_ ctx: AppContext) -> [KeyHelp] {
        if filtering {
            return [KeyHelp(ctx.t("输入", "type"), ctx.t("筛选（可用拼音首字母）", "filter (pinyin initials too)")),
                    KeyHelp("Enter", ctx.t("确定", "keep")), KeyHelp("Esc", ctx.t("清除筛选", "clear filter")),
                    KeyHelp("↑/↓", ctx.t("移动", "move"), bar: false)]
        }
        return [
            KeyHelp("↑/↓ j/k", ctx.t("移动", "move")), KeyHelp("Enter", ctx.t("打开", "open")),
            KeyHelp("n", ctx.t("新建", "new")), KeyHelp("/", ctx.t("筛选", "filter")),
            KeyHelp("Tab", ctx.t("切换类别", "tab")), KeyHelp("o", ctx.t("办理中/已结/全部", "open/closed/all")),
            KeyHelp("s", ctx.t("排序", "sort")), KeyHelp("y", ctx.t("年度统计", "year-end")),
            KeyHelp("q", ctx.t("退出", "quit")),
            KeyHelp("PgUp/PgDn", ctx.t("翻页", "page"), bar: false), KeyHelp("g/G", ctx.t("首行/末行", "first/last"), bar: false),
            KeyHelp("Shift-Tab", ctx.t("上一类别", "previous tab"), bar: false),
            KeyHelp("Esc", ctx.t("清除筛选", "clear filter"), bar: false),
            KeyHelp("Ctrl-Q", ctx.t("退出（任何界面）", "quit (any screen)"), bar: false),
        ]
    }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        let list = rows(ctx)
        let i = selectedIndex(ctx, list)
        if filtering {
            switch key {
            case .enter: filtering = false
            case .escape: filtering = false; filter = LineEditor()
            case .up: move(list, to: i - 1)
            case .down: move(list, to: i + 1)
            case .tab, .backTab: return handleNav(key, ctx, list, i)
            default:
                _ = filter.handle(key)
                move(rows(ctx), to: 0)
            }
            return .none
        }
        return handleNav(key, ctx, list, i)
    }

    private func handleNav(_ key: Key, _ ctx: AppContext, _ list: QueueRows, _ i: Int) -> ScreenAction {
        switch key {
        case .up, .char("k"): move(list, to: i - 1)
        case .down, .char("j"): move(list, to: i + 1)
        case .pageUp: move(list, to: i - pageSize)
        case .pageDown: move(list, to: i + pageSize)
        case .char("g"), .home: move(list, to: 0)
        case .char("G"), .end: move(list, to: list.count - 1)
        case .tab:
            tab = (tab + 1) % QueueScreen.tabs.count
            move(rows(ctx), to: 0)
        case .backTab:
            tab = (tab + QueueScreen.tabs.count - 1) % QueueScreen.tabs.count
            move(rows(ctx), to: 0)
        case .char("o"):
            let all = StatusChoice.allCases
            status = all[(all.firstIndex(of: status)! + 1) % all.count]
            move(rows(ctx), to: 0)
        case .char("s"):
            let all = CaseSort.allCases
            sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
        case .char("/"):
            filtering = true
        case .escape:
            filter = LineEditor()
        case .enter:
            guard !list.isEmpty else { return .none }
            return .push(DetailScreen(id: list[i]))
        case .char("n"):
            return .push(KindMenuScreen())
        case .char("y"):
            return .push(YearEndScreen(ctx))
        case .char("q"):
            return .requestQuit
        default:
            break
        }
        return .none
    }

    // MARK: - Drawing

    public func statusLine(_ ctx: AppContext) -> (text: String, style: CellStyle, caret: Int?)? {
        guard filtering || !filter.text.isEmpty else { return nil }
        if ctx.message != nil && !filtering { return nil }
        let prompt = "/ "
        let caret = filtering ? DisplayWidth.of(prompt) + filter.caretColumn : nil
        return (prompt + filter.text, filtering ? .plain : .hint, caret)
    }

    struct Column {
        var title: String
        var width: Int
    }

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
        case .open: statusText = ctx.t("办理中", "open")
        case .closed: statusText = ctx.t("已结案", "closed")
        case .all: statusText = ctx.t("全部状态", "all")
        }
        let sortText: String
        switch sort {
        case .deadline: sortText = ctx.t("按期限", "by deadline")
        case .date: sortText = ctx.t("按日期", "by date")
        case .id: sortText = ctx.t("按编号", "by id")
        }
        let right = "\(statusText) · \(sortText)"
        let rw = DisplayWidth.of(right)
        if x + 2 + rw < area.x + area.width { grid.put(right, x: area.x + area.width - rw - 1, y: area.y, style: .hint) }

        // Columns: the headline takes what is left.
        let zh = ctx.lang == .zh
        var cols = [Column(title: ctx.t("编号", "id"), width: 11), Column(title: ctx.t("受理日期", "date"), width: 10),
                    Column(title: ctx.t("当事人/事项", "parties / subject"), width: 0),
                    Column(title: ctx.t("类别", "category"), width: zh ? 10 : 12), Column(title: ctx.t("承办人", "handler"), width: 8),
                    Column(title: ctx.t("状态", "status"), width: zh ? 8 : 10), Column(title: ctx.t("期限", "due"), width: 10)]
        let fixed = cols.reduce(0) { $0 + $1.width } + cols.count - 1
        cols[2].width = max(8, area.width - 2 - fixed)
        let headerRow = area.y + 1
        var cx = area.x + 1
        for c in cols {
            grid.put(c.title, x: cx, y: headerRow, width: c.width, style: .bold, ellipsis: false)
            cx += c.width + 1
        }

        let list = rows(ctx)
        let top = headerRow + 1
        // When the list is longer than the screen, the last row shows the position instead.
        let room = max(1, area.bottom - top)
        let visible = list.count > room ? max(1, room - 1) : room
        pageSize = max(1, visible - 1)
        if list.isEmpty {
            let msg = filter.text.isEmpty ? ctx.t("（没有案件。按 n 新建）", "(no cases; press n to add one)")
                                          : ctx.t("（没有符合筛选的案件）", "(no case matches the filter)")
            grid.put(msg, x: area.x + 2, y: top + 1, style: .hint)
            return
        }
        let sel = selectedIndex(ctx, list)
        if selectedID == nil { selectedID = list[sel] }
        if sel < scroll { scroll = sel }
        if sel >= scroll + visible { scroll = sel - visible + 1 }
        scroll = max(0, min(scroll, max(0, list.count - visible)))
        for (n, id) in list[scroll..<min(list.count, scroll + visible)].enumerated() {
            guard let c = ctx.state.cases[id] else { continue }
            let y = top + n
            let due = CaseFormat.deadline(c, today: today, lang: ctx.lang)
            let values = [c.id.description, c["date"], c.headline, CaseFormat.category(c, lang: ctx.lang), c["handler"],
                          CaseFormat.status(c, lang: ctx.lang), due.text]
            var x = area.x + 1
            for (k, col) in cols.enumerated() {
                let style = k == 6 ? CaseFormat.style(due.urgency) : (c.status == .voided ? .hint : .plain)
                grid.put(values[k], x: x, y: y, width: col.width, style: style)
                x += col.width + 1
            }
            if scroll + n == sel {
                grid.put(">", x: area.x, y: y, style: .bold)
                grid.highlight(x: area.x + 1, y: y, width: area.width - 2)
            }
        }
        if list.count > visible {
            let position = "\(sel + 1)/\(list.count)  " + ctx.t("PgUp/PgDn 翻页", "PgUp/PgDn pages")
            let w = DisplayWidth.of(position)
            grid.put(position, x: area.x + area.width - w - 1, y: area.bottom - 1, style: .hint)
        }
        // On a large ledger, start building the filter's search text while the user reads.
        model.prepareSearch(ctx.state, pinyin: ctx.pinyin)
    }
}
