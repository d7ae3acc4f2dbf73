import TaizhangDocuments
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
        case edit, note, close, followUp, extend, reopen, void, restore, linked, documents, person, back
        /// `h`: the message history.
        case messages
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
        /// Days of the extension already granted (0: none).
        public var extendedDays: Int = 0
        /// Whether any document form fits the case now (`Documents.forms(for:)`).
        public var formsFit: Bool = false
    }

    /// The detail screen's keys; the bar shows only what the case on screen allows.
    public static let keyTable = KeyTable<Action, KeyState>(title: "Case detail", [
        KeyBinding([.char("e")], "e", .edit, Words.Detail.edit, doc: "edit fields",
                   refusal: { $0.status == .voided ? Words.Detail.voidedCannotChange : nil }),
        KeyBinding([.char("a")], "a", .note, Words.Common.note, doc: "add a note",
                   refusal: { $0.status == .voided ? Words.Detail.voidedTakesNoNotes : nil }),
        KeyBinding([.char("c")], "c", .close, Words.Detail.close, doc: "close with an outcome (asks for the outcome's required fields)",
                   refusal: { s in
                       switch s.status {
                       case .open: return nil
                       case .closed: return Words.Detail.closedReopenFirst(s.id.description)
                       case .voided: return Words.Detail.voidedCannotClose
                       }
                   }),
        KeyBinding([.char("f")], "f", .followUp, Words.Cases.followUp, doc: "follow-up visit (mediations, after closing)",
                   refusal: { s in
                       if s.kind != .mediation { return Words.Detail.followUpsForMediations }
                       if s.status != .closed { return Words.Detail.followUpAfterClosing }
                       return nil
                   }),
        KeyBinding([.char("x")], "x", .extend, Words.Detail.extend, doc: "extend the handling deadline (petitions)",
                   refusal: { s in
                       if s.kind != .petition { return Words.Detail.extensionsForPetitions }
                       if s.status != .open { return Words.Detail.onlyOpenPetitionsExtend }
                       if s.extendedDays > 0 { return Words.Detail.alreadyExtended(s.extendedDays) }
                       return nil
                   }),
        KeyBinding([.char("R")], "R", .reopen, Words.Detail.reopen, doc: "reopen a closed case (asks for a reason)",
                   refusal: { $0.status == .closed ? nil : Words.Detail.onlyClosedReopen }),
        KeyBinding([.char("V")], "V", .void, Words.Detail.void, doc: "void (asks for a reason, then `y` to confirm)",
                   refusal: { $0.status == .voided ? Words.Detail.alreadyVoided($0.id.description) : nil }),
        KeyBinding([.char("U")], "U", .restore, Words.Detail.restore,
                   doc: "restore a voided case (asks for a reason); it returns to the status it had",
                   refusal: { $0.status == .voided ? nil : Words.Detail.onlyVoidedRestore }),
        KeyBinding([.char("l")], "l", .linked, Words.Cases.linkedCase,
                   doc: "open the linked case (`repeat_of`, `from_case`, the mediation a consultation opened, later repeat petitions)",
                   refusal: { $0.hasLinks ? nil : Words.Detail.noLinkedCase }),
        KeyBinding([.char("p")], "p", .documents, Words.Detail.documents,
                   doc: "issue a document: pick one of the forms that fit the case's kind and state, then DOCX or text; written to the working folder (asks before replacing a file)",
                   refusal: { $0.formsFit ? nil : Words.Detail.noDocumentFits }),
        KeyBinding([.char("P")], "P", .person, Words.Detail.partysCases, bar: false,
                   doc: "every case of this case's party (any kind and role, by date; by name, ID number or phone); several parties are offered first",
                   refusal: { $0.kind == .suit ? Words.Detail.suitHasNoParty : nil }),
        KeyBinding([.char("h")], "h", .messages, Words.Queue.messages, bar: false,
                   doc: "message history: the status row's recent messages in full, with their times"),
        KeyBinding([.char("q"), .escape], "q", .back, Words.Common.back, doc: "back to the queue", docKeys: "`q` / Esc"),
        KeyBinding([(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], "↑/↓ j/k", Words.Detail.scroll, bar: false,
                   doc: "scroll", docKeys: "↑ / ↓, `j` / `k`"),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown)], "PgUp/PgDn", Words.Common.page, bar: false, doc: "scroll a page",
                   docKeys: "PgUp / PgDn"),
        KeyBinding([(.char("g"), .top), (.home, .top), (.char("G"), .bottom), (.end, .bottom)], "g/G", Words.Detail.topBottom,
                   bar: false, doc: "top / bottom", docKeys: "`g` / `G`, Home / End"),
    ])

    private func keyState(_ c: CaseRecord, _ ctx: AppContext) -> KeyState {
        KeyState(id: c.id, kind: c.kind, status: c.status, hasLinks: !linked(c, ctx).isEmpty, extendedDays: c.extensions.first?.days ?? 0,
                 formsFit: !Documents.forms(for: c).isEmpty)
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
        switch action {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - pageSize)
        case .pageDown: scroll += pageSize
        case .top: scroll = 0
        case .bottom: scroll = Int.max / 2
        case .back: return .back
        case .messages: return .push(MessageHistoryScreen())
        case .edit: return .push(FormScreen.edit(c, ctx))
        case .note: return .push(FormScreen.note(c, ctx))
        case .close: return .push(FormScreen.close(c, ctx))
        case .followUp: return .push(FormScreen.followUp(c, ctx))
        case .extend: return .push(FormScreen.extend(c, ctx))
        case .reopen:
            return .push(FormScreen.reason(c, ctx, title: Words.Detail.reopenTitle(c.id.description)[ctx.lang],
                                           label: Words.Detail.reopenReason, confirm: nil) { .reopen(id: c.id.description, reason: $0) })
        case .void:
            return .push(FormScreen.reason(c, ctx, title: Words.Detail.voidTitle(c.id.description)[ctx.lang], label: Words.Detail.voidReasonField,
                                           confirm: Words.Detail.voidConfirm(c.id.description)[ctx.lang]) {
                .void(id: c.id.description, reason: $0)
            })
        case .restore:
            // Undoes a void: the case returns to the status it had.
            return .push(FormScreen.reason(c, ctx, title: Words.Detail.restoreTitle(c.id.description)[ctx.lang],
                                           label: Words.Detail.restoreReason, confirm: nil) { .restore(id: c.id.description, reason: $0) })
        case .documents: return documentsList(c, ctx)
        case .person: return PersonList.open(c, ctx)
        case .linked:
            let links = linked(c, ctx)
            if links.count == 1 { return .push(DetailScreen(id: links[0])) }
            let items = links.map { PickItem(key: $0.description, label: $0.description + "  " + (ctx.state[$0]?.headline ?? "")) }
            return .push(PickListScreen(title: Words.Detail.linkedCases[ctx.lang], items: items) { item in
                .push(DetailScreen(id: CaseID(item.key)!))
            })
        }
        return .none
    }

    /// The forms that fit `c`, then the format; the chosen document is issued to its default
    /// file name in the working folder, and the message names the full path.
    func documentsList(_ c: CaseRecord, _ ctx: AppContext) -> ScreenAction {
        let forms = Documents.forms(for: c)
        let items = forms.map { PickItem(key: $0.rawValue, label: $0.title(ctx.lang), extra: ctx.lang == .zh ? $0.rawValue : $0.title.zh) }
        return .push(PickListScreen(title: Words.Detail.issueDocumentFor(c.id.description)[ctx.lang], items: items) { item in
            guard let form = DocumentForm(rawValue: item.key) else { return .none }
            let formats = [PickItem(key: DocumentFormat.docx.rawValue, label: Words.Detail.docxFormat[ctx.lang]),
                           PickItem(key: DocumentFormat.txt.rawValue, label: Words.Detail.txtFormat[ctx.lang])]
            return .push(PickListScreen(title: form.title(ctx.lang), items: formats) { item in
                guard let format = DocumentFormat(rawValue: item.key) else { return .none }
                return .issueDocument(form, caseID: c.id, format: format, path: Documents.defaultFileName(form, caseID: c.id, format: format),
                                      overwrite: false) { result, ctx in
                    switch result {
                    case let .success(issued):
                        let path = issued.path ?? ""
                        ctx.say(Words.Detail.issued(form.title, number: issued.numberText, path: path)[ctx.lang])
                    case let .failure(error):
                        ctx.fail(ctx.describe(error))
                    }
                    return .none
                }
            })
        })
    }

    /// Cases this one points to or is pointed to by, that exist in the ledger.
    func linked(_ c: CaseRecord, _ ctx: AppContext) -> [CaseID] {
        var ids: [CaseID] = []
        for key in ["repeat_of", "from_case"] { if let i = CaseID(c[key]) { ids.append(i) } }
        if let l = c.linkedCase { ids.append(l) }
        ids += c.repeatedBy
        if c.kind == .consultation { ids += mediationsFrom(c.id, ctx) }
        var seen = Set<CaseID>()
        return ids.filter { ctx.state[$0] != nil && seen.insert($0).inserted }
    }

    /// The mediations whose 来源咨询 (`from_case`) names consultation `id`, also those entered
    /// on their own rather than by closing the consultation `to_mediation`. Found by one pass
    /// over the ledger per change of it, not per key.
    private var fromCaseLinks: (events: Int, ids: [CaseID])?

    private func mediationsFrom(_ id: CaseID, _ ctx: AppContext) -> [CaseID] {
        let events = ctx.state.eventCount
        if let f = fromCaseLinks, f.events == events { return f.ids }
        let wanted = id.description
        let records = ctx.state.records
        var ids: [CaseID] = []
        for at in records.indices where records[at].kind == .mediation && records[at]["from_case"] == wanted {
            ids.append(records[at].id)
        }
        fromCaseLinks = (events, ids)
        return ids
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
        let labelWidth = (specs.map { DisplayWidth.of($0.label[lang]) }.max() ?? 8) + 1
        for spec in specs {
            guard let v = c.fields[spec.key], !v.isEmpty else { continue }
            let label = DisplayWidth.fit(spec.label[lang], width: labelWidth, ellipsis: false)
            var shown = spec.displayValue(v, lang)
            if case .screeningRef = spec.type { shown += "  " + ctx.state.screeningSummary(v)[lang] }
            out.append(("  " + label + " " + shown, .plain))
        }
        if !c.clocks.isEmpty {
            out.append(("", .plain))
            for clock in c.clocks {
                var s = "  " + DisplayWidth.fit(clock.label[lang], width: max(labelWidth, DisplayWidth.of(clock.label[lang])), ellipsis: false) + " " + clock.due.description
                var style = CellStyle.plain
                if let note = clock.note(today: today, running: c.status == .open) {
                    s += "  " + note.text(lang)
                    switch note.urgency {
                    case .overdue: style = .alert
                    case .soon: style = .warn
                    case .past, .none: break  // a passed guideline is marked, not coloured
                    }
                }
                out.append((s, style))
            }
            if c.isOverdue(today: today) { out.append(("  " + Words.Clocks.caseOverdue[ctx.lang], .alert)) }
        }
        for e in c.extensions {
            out.append(("  " + Words.Detail.extensionLine(days: e.days, on: e.extendedOn.description)[ctx.lang] + e.reason, .plain))
        }
        for f in c.followUps {
            var s = Words.Detail.followUp[ctx.lang] + f.date.description
            if let p = f.performed { s += " " + Words.Cases.performed(Schema.yesNoLabel(p))[ctx.lang] }
            if let n = f.note { s += " " + n }
            out.append((s, .plain))
        }
        let links = linked(c, ctx)
        if !links.isEmpty {
            out.append((Words.Detail.linked[ctx.lang] + links.map(\.description).joined(separator: ", ") + Words.Detail.lOpens[ctx.lang], .hint))
        }
        if let r = c.voidReason { out.append((Words.Detail.voidReason[ctx.lang] + r, .alert)) }
        out.append(("", .plain))
        out.append((Words.Detail.history[ctx.lang] + " (\(c.timeline.count))", .bold))
        for (e, at, text) in c.history(lang: lang) {
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
            grid.put(Words.Detail.noCase(id.description)[ctx.lang], x: area.x + 1, y: area.y, style: .alert)
            return
        }
        let status = CaseFormat.status(c, lang: ctx.lang)
        let title = "\(c.id)  \(c.kind.label[ctx.lang])  [\(c.status.label[ctx.lang])\(c.status == .closed ? " · " + status : "")]"
        grid.put(title, x: area.x + 1, y: area.y, width: area.width - 2, style: .bold)
        if let loadError {
            let text = Words.Detail.cannotReadThisCaseS[ctx.lang] + loadError
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
            let more = Words.Detail.lines(from: scroll + 1, to: min(body.count, scroll + visible), of: body.count)[ctx.lang]
            let w = DisplayWidth.of(more)
            grid.put(more, x: area.x + area.width - w - 1, y: area.y, style: .hint)
        }
    }
}
