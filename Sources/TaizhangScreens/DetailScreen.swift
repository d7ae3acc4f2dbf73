import TaizhangDomain
import TaizhangTerminalCore

/// One case: every field with its label, status, clocks and the full timeline; actions on it.
public final class DetailScreen: Screen {
    /// The case shown.
    public let id: CaseID
    private var scroll = 0
    private var pageSize = 10

    /// Shows case `id`.
    public init(id: CaseID) { self.id = id }

    public func keys(_ ctx: AppContext) -> [KeyHelp] {
        [
            KeyHelp("e", ctx.t("修改", "edit")), KeyHelp("a", ctx.t("备注", "note")), KeyHelp("c", ctx.t("结案", "close")),
            KeyHelp("f", ctx.t("回访", "follow-up")), KeyHelp("x", ctx.t("延期", "extend")),
            KeyHelp("R", ctx.t("重新打开", "reopen")), KeyHelp("V", ctx.t("作废", "void")),
            KeyHelp("U", ctx.t("恢复作废", "restore"), bar: false),
            KeyHelp("l", ctx.t("关联案件", "linked case")), KeyHelp("q", ctx.t("返回", "back")),
            KeyHelp("↑/↓ j/k", ctx.t("滚动", "scroll"), bar: false), KeyHelp("PgUp/PgDn", ctx.t("翻页", "page"), bar: false),
            KeyHelp("g/G", ctx.t("开头/末尾", "top/bottom"), bar: false), KeyHelp("Esc", ctx.t("返回", "back"), bar: false),
        ]
    }

    // MARK: - Keys

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard let c = ctx.state[id] else { return .back }
        let zh = ctx.lang == .zh
        switch key {
        case .up, .char("k"): scroll = max(0, scroll - 1)
        case .down, .char("j"): scroll += 1
        case .pageUp: scroll = max(0, scroll - pageSize)
        case .pageDown: scroll += pageSize
        case .char("g"), .home: scroll = 0
        case .char("G"), .end: scroll = Int.max / 2
        case .char("q"), .escape: return .back
        case .char("e"):
            if c.status == .voided { ctx.fail(ctx.t("已作废的案件不能修改", "a voided case cannot be changed")); return .none }
            return .push(FormScreen.edit(c, ctx))
        case .char("a"):
            if c.status == .voided { ctx.fail(ctx.t("已作废的案件不能添加备注", "a voided case takes no notes")); return .none }
            return .push(FormScreen.note(c, ctx))
        case .char("c"):
            guard c.status == .open else {
                ctx.fail(c.status == .closed ? ctx.t("\(c.id) 已结案；如需更改结果请先按 R 重新打开", "\(c.id) is closed; press R to reopen it first")
                                             : ctx.t("已作废的案件不能结案", "a voided case cannot be closed"))
                return .none
            }
            return .push(FormScreen.close(c, ctx))
        case .char("f"):
            guard c.kind == .mediation else { ctx.fail(ctx.t("回访只适用于人民调解案件", "follow-ups are for mediations only")); return .none }
            guard c.status == .closed else { ctx.fail(ctx.t("调解结案后才能登记回访", "record a follow-up after the mediation is closed")); return .none }
            return .push(FormScreen.followUp(c, ctx))
        case .char("x"):
            guard c.kind == .petition else { ctx.fail(ctx.t("延期只适用于信访案件", "extensions are for petitions only")); return .none }
            guard c.status == .open else { ctx.fail(ctx.t("只有办理中的信访件可以延期", "only an open petition can be extended")); return .none }
            return .push(FormScreen.extend(c, ctx))
        case .char("R"):
            guard c.status == .closed else { ctx.fail(ctx.t("只有已结案的案件可以重新打开", "only a closed case can be reopened")); return .none }
            return .push(FormScreen.reason(c, ctx, title: ctx.t("重新打开 \(c.id)", "Reopen \(c.id)"),
                                           label: Localized("重新打开理由", "reason"), confirm: nil) { .reopen(id: c.id.description, reason: $0) })
        case .char("V"):
            guard c.status != .voided else { ctx.fail(ctx.t("\(c.id) 已作废", "\(c.id) is already voided")); return .none }
            return .push(FormScreen.reason(c, ctx, title: ctx.t("作废 \(c.id)", "Void \(c.id)"), label: Localized("作废理由", "reason"),
                                           confirm: zh ? "确定作废 \(c.id)？作废后不能再修改（可恢复）。" : "Void \(c.id)? It can no longer be changed (it can be restored).") {
                .void(id: c.id.description, reason: $0)
            })
        case .char("U"):
            // Undoes a void: the case returns to the status it had.
            guard c.status == .voided else { ctx.fail(ctx.t("只有已作废的案件可以恢复", "only a voided case can be restored")); return .none }
            return .push(FormScreen.reason(c, ctx, title: ctx.t("恢复 \(c.id)", "Restore \(c.id)"),
                                           label: Localized("恢复理由", "reason"), confirm: nil) { .restore(id: c.id.description, reason: $0) })
        case .char("l"):
            let links = linked(c, ctx)
            if links.isEmpty { ctx.fail(ctx.t("本案没有关联案件", "this case has no linked case")); return .none }
            if links.count == 1 { return .push(DetailScreen(id: links[0])) }
            let items = links.map { PickItem(key: $0.description, label: $0.description + "  " + (ctx.state[$0]?.headline ?? "")) }
            return .push(PickListScreen(title: ctx.t("关联案件", "Linked cases"), items: items) { item in
                .push(DetailScreen(id: CaseID(item.key)!))
            })
        default:
            break
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

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        guard let c = ctx.state[id] else {
            grid.put(ctx.t("找不到案件 \(id)", "no case \(id)"), x: area.x + 1, y: area.y, style: .alert)
            return
        }
        let status = CaseFormat.status(c, lang: ctx.lang)
        let title = "\(c.id)  \(c.kind.label(ctx.lang))  [\(c.status.label(ctx.lang))\(c.status == .closed ? " · " + status : "")]"
        grid.put(title, x: area.x + 1, y: area.y, width: area.width - 2, style: .bold)
        let body = lines(c, ctx, width: area.width).flatMap { line in
            CaseFormat.wrap(Escaping.visible(line.0), width: area.width - 2).map { ($0, line.1) }
        }
        let visible = area.height - 1
        pageSize = max(1, visible - 1)
        scroll = max(0, min(scroll, max(0, body.count - visible)))
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
