import TaizhangDomain
import TaizhangTerminalCore

/// One case: every field with its label, status, clocks and the full timeline; actions on it.
public final class DetailScreen: Screen {
    /// The case shown.
    public let id: CaseID
    private var scroll = 0
    private var pageSize = 10
    /// The case with its long texts and history read from the ledger file (layout step),
    /// and the change it was read at; drawing uses only this.
    private var loaded: CaseRecord?
    private var loadedAt: (events: Int, timeline: Int)?
    /// Why the case's texts could not be read, shown instead of them.
    private var loadError: String?
    /// The body as drawn, wrapped to the width of the last layout.
    private var body: [(String, CellStyle)] = []

    /// Shows case `id`.
    public init(id: CaseID) { self.id = id }

    // MARK: - Keys

    /// What the detail screen's keys stand for.
    public enum Action: Sendable, Equatable {
        case edit, note, close, followUp, extend, reopen, void, restore, linked, person, back
        case up, down, pageUp, pageDown, top, bottom
    }

    /// What the key table looks at: the case's kind and status, and whether it has links.
    public struct KeyState: Sendable {
        /// The case id (for messages).
        public var id: CaseID
        /// Its kind.
        public var kind: CaseKind
        /// Its status.
        public var status: CaseStatus
        /// Whether a linked case exists in the ledger.
        public var hasLinks: Bool
    }

    /// The detail screen's keys; the bar shows only what the case on screen allows.
    public static let keyTable = KeyTable<Action, KeyState>(title: "Case detail", [
        KeyBinding([.char("e")], "e", .edit, Localized("修改", "edit"), doc: "edit fields",
                   refusal: { $0.status == .voided ? Localized("已作废的案件不能修改", "a voided case cannot be changed") : nil }),
        KeyBinding([.char("a")], "a", .note, Localized("备注", "note"), doc: "add a note",
                   refusal: { $0.status == .voided ? Localized("已作废的案件不能添加备注", "a voided case takes no notes") : nil }),
        KeyBinding([.char("c")], "c", .close, Localized("结案", "close"), doc: "close with an outcome (asks for the outcome's required fields)",
                   refusal: { s in
                       switch s.status {
                       case .open: return nil
                       case .closed: return Localized("\(s.id) 已结案；如需更改结果请先按 R 重新打开", "\(s.id) is closed; press R to reopen it first")
                       case .voided: return Localized("已作废的案件不能结案", "a voided case cannot be closed")
                       }
                   }),
        KeyBinding([.char("f")], "f", .followUp, Localized("回访", "follow-up"), doc: "follow-up visit (mediations, after closing)",
                   refusal: { s in
                       if s.kind != .mediation { return Localized("回访只适用于人民调解案件", "follow-ups are for mediations only") }
                       if s.status != .closed { return Localized("调解结案后才能登记回访", "record a follow-up after the mediation is closed") }
                       return nil
                   }),
        KeyBinding([.char("x")], "x", .extend, Localized("延期", "extend"), doc: "extend the handling deadline (petitions)",
                   refusal: { s in
                       if s.kind != .petition { return Localized("延期只适用于信访案件", "extensions are for petitions only") }
                       if s.status != .open { return Localized("只有办理中的信访件可以延期", "only an open petition can be extended") }
                       return nil
                   }),
        KeyBinding([.char("R")], "R", .reopen, Localized("重新打开", "reopen"), doc: "reopen a closed case (asks for a reason)",
                   refusal: { $0.status == .closed ? nil : Localized("只有已结案的案件可以重新打开", "only a closed case can be reopened") }),
        KeyBinding([.char("V")], "V", .void, Localized("作废", "void"), doc: "void (asks for a reason, then `y` to confirm)",
                   refusal: { $0.status == .voided ? Localized("\($0.id) 已作废", "\($0.id) is already voided") : nil }),
        KeyBinding([.char("U")], "U", .restore, Localized("恢复作废", "restore"),
                   doc: "restore a voided case (asks for a reason); it returns to the status it had",
                   refusal: { $0.status == .voided ? nil : Localized("只有已作废的案件可以恢复", "only a voided case can be restored") }),
        KeyBinding([.char("l")], "l", .linked, Localized("关联案件", "linked case"),
                   doc: "open the linked case (`repeat_of`, `from_case`, the mediation a consultation opened, later repeat petitions)",
                   refusal: { $0.hasLinks ? nil : Localized("本案没有关联案件", "this case has no linked case") }),
        KeyBinding([.char("p")], "p", .person, Localized("当事人案件", "party's cases"), bar: false,
                   doc: "every case of this case's party (any kind and role, by date; by name, ID number or phone); several parties are offered first",
                   refusal: { $0.kind == .suit ? Localized("行政应诉案件没有当事人记录", "a suit records no party") : nil }),
        KeyBinding([.char("q"), .escape], "q", .back, Localized("返回", "back"), doc: "back to the queue", docKeys: "`q` / Esc"),
        KeyBinding([(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], "↑/↓ j/k", Localized("滚动", "scroll"), bar: false,
                   doc: "scroll", docKeys: "↑ / ↓, `j` / `k`"),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown)], "PgUp/PgDn", Localized("翻页", "page"), bar: false, doc: "scroll a page",
                   docKeys: "PgUp / PgDn"),
        KeyBinding([(.char("g"), .top), (.home, .top), (.char("G"), .bottom), (.end, .bottom)], "g/G", Localized("开头/末尾", "top/bottom"),
                   bar: false, doc: "top / bottom", docKeys: "`g` / `G`, Home / End"),
    ])

    private func keyState(_ c: CaseRecord, _ ctx: AppContext) -> KeyState {
        KeyState(id: c.id, kind: c.kind, status: c.status, hasLinks: !linked(c, ctx).isEmpty)
    }

    public func bar(_ ctx: AppContext) -> [KeyHelp] {
        guard let c = ctx.state[id] else { return [] }
        return Self.keyTable.bar(keyState(c, ctx), ctx.lang)
    }

    public func help(_ ctx: AppContext) -> [HelpLine] {
        guard let c = ctx.state[id] else { return [] }
        return Self.keyTable.help(keyState(c, ctx), ctx.lang)
    }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard let c = ctx.state[id] else { return .back }
        switch Self.keyTable.resolve(key, keyState(c, ctx)) {
        case let .run(action): return run(action, c, ctx)
        case let .refused(why): ctx.fail(why(ctx.lang)); return .none
        case .unbound: return .none
        }
    }

    private func run(_ action: Action, _ c: CaseRecord, _ ctx: AppContext) -> ScreenAction {
        let zh = ctx.lang == .zh
        switch action {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - pageSize)
        case .pageDown: scroll += pageSize
        case .top: scroll = 0
        case .bottom: scroll = Int.max / 2
        case .back: return .back
        case .edit: return .push(FormScreen.edit(c, ctx))
        case .note: return .push(FormScreen.note(c, ctx))
        case .close: return .push(FormScreen.close(c, ctx))
        case .followUp: return .push(FormScreen.followUp(c, ctx))
        case .extend: return .push(FormScreen.extend(c, ctx))
        case .reopen:
            return .push(FormScreen.reason(c, ctx, title: ctx.t("重新打开 \(c.id)", "Reopen \(c.id)"),
                                           label: Localized("重新打开理由", "reason"), confirm: nil) { .reopen(id: c.id.description, reason: $0) })
        case .void:
            return .push(FormScreen.reason(c, ctx, title: ctx.t("作废 \(c.id)", "Void \(c.id)"), label: Localized("作废理由", "reason"),
                                           confirm: zh ? "确定作废 \(c.id)？作废后不能再修改（可恢复）。" : "Void \(c.id)? It can no longer be changed (it can be restored).") {
                .void(id: c.id.description, reason: $0)
            })
        case .restore:
            // Undoes a void: the case returns to the status it had.
            return .push(FormScreen.reason(c, ctx, title: ctx.t("恢复 \(c.id)", "Restore \(c.id)"),
                                           label: Localized("恢复理由", "reason"), confirm: nil) { .restore(id: c.id.description, reason: $0) })
        case .person: return PersonList.open(c, ctx)
        case .linked:
            let links = linked(c, ctx)
            if links.count == 1 { return .push(DetailScreen(id: links[0])) }
            let items = links.map { PickItem(key: $0.description, label: $0.description + "  " + (ctx.state[$0]?.headline ?? "")) }
            return .push(PickListScreen(title: ctx.t("关联案件", "Linked cases"), items: items) { item in
                .push(DetailScreen(id: CaseID(item.key)!))
            })
        }
        return .none
    }

    /// Cases this one points to or is pointed to by, that exist in the ledger.
    func linked(_ c: CaseRecord, _ ctx: AppContext) -> [CaseID] {
        var ids: [CaseID] = []
        for key in ["repeat_of", "from_case"] { if let i = CaseID(c[key]) { ids.append(i) } }
        if let l = c.linkedCase { ids.append(l) }
        ids += c.repeatedBy
        var seen = Set<CaseID>()
        return ids.filter { ctx.state[$0] != nil && seen.insert($0).inserted }
    }

    // MARK: - Drawing

    /// The body as styled lines (label column aligned by display width).
    func lines(_ c: CaseRecord, _ ctx: AppContext, width: Int) -> [(String, CellStyle)] {
        let lang = ctx.lang
        let today = ctx.today()
        var out: [(String, CellStyle)] = []
        var specs = c.kind.fields
        if let o = c.outcome, let spec = c.kind.outcome(o) { specs += spec.requiredFields }
        if c.closedOn != nil { specs.append(Schema.closedOnField) }
        let labelWidth = (specs.map { DisplayWidth.of($0.label(lang)) }.max() ?? 8) + 1
        for spec in specs {
            guard let v = c.fields[spec.key], !v.isEmpty else { continue }
            let label = DisplayWidth.fit(spec.label(lang), width: labelWidth, ellipsis: false)
            out.append(("  " + label + " " + spec.displayValue(v, lang), .plain))
        }
        if !c.clocks.isEmpty {
            out.append(("", .plain))
            for clock in c.clocks {
                var s = "  " + DisplayWidth.fit(clock.label(lang), width: max(labelWidth, DisplayWidth.of(clock.label(lang))), ellipsis: false) + " " + clock.due.description
                var style = CellStyle.plain
                if let done = clock.doneOn {
                    s += done > clock.due ? ctx.t("  已于 \(done) 办理（逾期）", "  done \(done) (late)") : ctx.t("  已于 \(done) 办理", "  done \(done)")
                    if done > clock.due { style = .alert }
                } else if c.status == .open {
                    let left = today.days(until: clock.due)
                    if left < 0 {
                        s += ctx.t("  !已过 \(-left) 天", "  ! \(-left) days ago")
                        if clock.binding { style = .alert }
                    } else {
                        s += ctx.t("  剩 \(left) 天", "  \(left) days left")
                        if left <= 3 { s = s.replacingOccurrences(of: "  剩", with: "  *剩"); style = .warn }
                    }
                }
                out.append((s, style))
            }
            if c.isOverdue(today: today) { out.append((ctx.t("  ！已超期", "  ! overdue"), .alert)) }
        }
        for e in c.extensions {
            out.append((ctx.t("  延期 \(e.days) 天（\(e.extendedOn)）：", "  extended \(e.days) days (\(e.extendedOn)): ") + e.reason, .plain))
        }
        for f in c.followUps {
            var s = ctx.t("  回访 ", "  follow-up ") + f.date.description
            if let p = f.performed { s += ctx.t(" 履行：\(p == "yes" ? "是" : "否")", " performed: \(p)") }
            if let n = f.note { s += " " + n }
            out.append((s, .plain))
        }
        let links = linked(c, ctx)
        if !links.isEmpty {
            out.append((ctx.t("  关联案件：", "  linked: ") + links.map(\.description).joined(separator: ", ") + ctx.t("（按 l 打开）", " (l opens)"), .hint))
        }
        if let r = c.voidReason { out.append((ctx.t("  作废理由：", "  void reason: ") + r, .alert)) }
        out.append(("", .plain))
        out.append((ctx.t("经过", "History") + " (\(c.timeline.count))", .bold))
        for e in c.timeline {
            let (at, text) = e.described(kind: c.kind, lang: lang)
            out.append(("  " + CaseFormat.when(at) + "  " + e.op + "  " + text, .plain))
        }
        return out
    }

    // MARK: - Layout

    /// Reads the case's long texts and history once per change of the case (one read per
    /// text, not one per frame), then wraps the body to the width and fits the scroll.
    public func layout(_ area: Rect, _ ctx: AppContext) {
        guard let c = ctx.state[id] else { loaded = nil; body = []; return }
        let version = (events: ctx.state.eventCount, timeline: c.timeline.count)
        if loadedAt.map({ $0 != version }) ?? true {
            loadedAt = version
            do {
                loaded = try ctx.state.loaded(c)
                loadError = nil
            } catch {
                loaded = nil
                loadError = ctx.describe(error)
            }
        }
        body = loaded.map { lines($0, ctx, width: area.width) }.map { all in
            all.flatMap { line in CaseFormat.wrap(Escaping.visible(line.0), width: area.width - 2).map { ($0, line.1) } }
        } ?? []
        let visible = area.height - 1
        pageSize = max(1, visible - 1)
        scroll = max(0, min(scroll, max(0, body.count - visible)))
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        guard let c = ctx.state[id] else {
            grid.put(ctx.t("找不到案件 \(id)", "no case \(id)"), x: area.x + 1, y: area.y, style: .alert)
            return
        }
        let status = CaseFormat.status(c, lang: ctx.lang)
        let title = "\(c.id)  \(c.kind.label(ctx.lang))  [\(c.status.label(ctx.lang))\(c.status == .closed ? " · " + status : "")]"
        grid.put(title, x: area.x + 1, y: area.y, width: area.width - 2, style: .bold)
        if let loadError {
            let text = ctx.t("! 无法读取本案的内容：", "! cannot read this case's texts: ") + loadError
            for (n, line) in CaseFormat.wrap(Escaping.visible(text), width: area.width - 2).prefix(area.height - 1).enumerated() {
                grid.put(line, x: area.x + 1, y: area.y + 1 + n, width: area.width - 2, style: .alert)
            }
            return
        }
        let visible = area.height - 1
        let scroll = max(0, min(self.scroll, max(0, body.count - visible)))
        for (n, line) in body[scroll..<min(body.count, scroll + visible)].enumerated() {
            grid.put(line.0, x: area.x + 1, y: area.y + 1 + n, width: area.width - 2, style: line.1)
        }
        if body.count > visible {
            let more = ctx.t("（\(scroll + 1)-\(min(body.count, scroll + visible))/\(body.count) 行，j/k 滚动）",
                             "(lines \(scroll + 1)-\(min(body.count, scroll + visible)) of \(body.count); j/k scroll)")
            let w = DisplayWidth.of(more)
            grid.put(more, x: area.x + area.width - w - 1, y: area.y, style: .hint)
        }
    }
}
