import TaizhangDomain
import TaizhangReport
import TaizhangSearch
import TaizhangTerminalCore

/// A person's cases, from a case's detail (`P`) or looked up from the queue (`P`, then a name, ID
/// number or phone): every case in which the person appears, any kind and role, by date, with
/// status and outcome; Enter opens one. ID numbers and phones are shown masked, as
/// `taizhang person` shows them without `--unmasked`, and the lookup is recorded nowhere.
enum PersonList {
    /// A party of a case: the name, and for the main party the case's ID number and phone.
    struct Party {
        var name: String
        var role: PersonRole
        var idNumber: String?
        var phone: String?
    }

    /// The parties of `c`, the main one first.
    static func parties(_ c: CaseRecord) -> [Party] {
        var out: [Party] = []
        for (i, role) in PersonRole.roles(of: c.kind).enumerated() {
            let value = c[role.field]
            let names = role == .respondent ? PersonName.parties(value) : (value.isEmpty ? [] : [value])
            for n in names {
                out.append(Party(name: n, role: role, idNumber: i == 0 && !c["id_number"].isEmpty ? c["id_number"] : nil,
                                 phone: i == 0 && !c["phone"].isEmpty ? c["phone"] : nil))
            }
        }
        return out
    }

    /// The cases of `party`, by date (then ledger order).
    static func cases(of party: Party, _ ctx: AppContext) -> [PersonAppearance] {
        let state = ctx.state
        return ctx.people.matches(names: [party.name], idNumber: party.idNumber, phone: party.phone, in: state)
            .sorted { (state.records[$0.row].date, $0.row) < (state.records[$1.row].date, $1.row) }
    }

    /// One line: date, id, kind, role, status and outcome, how the case was found.
    static func line(_ a: PersonAppearance, _ ctx: AppContext) -> String {
        let c = ctx.state.records[a.row]
        var status = c.status.label(ctx.lang)
        if let o = c.outcome, let spec = c.kind.outcome(o) { status += "·" + spec.label(ctx.lang) }
        var text = "\(c["date"])  \(c.id)  \(c.kind.label(ctx.lang))  \(a.role.label(ctx.lang))  \(a.name)  \(status)  \(a.by.label(ctx.lang))"
        // The numbers belong to the case's main party; another role's line shows neither.
        if a.role == PersonRole.roles(of: c.kind).first {
            if !c["id_number"].isEmpty { text += "  " + Masking.idNumber(c["id_number"]) }
            if !c["phone"].isEmpty { text += "  " + Masking.phone(c["phone"]) }
        }
        return text
    }

    /// The list of one party's cases.
    static func show(_ party: Party, _ ctx: AppContext) -> ScreenAction {
        list(cases(of: party, ctx), title: party.name, ctx)
    }

    /// A list of cases, by date, under "all cases of `who`".
    static func list(_ found: [PersonAppearance], title who: String, _ ctx: AppContext) -> ScreenAction {
        let items = found.map { PickItem(key: $0.id.description, label: line($0, ctx)) }
        let title = Words.People.allCases(who, items.count)[ctx.lang]
        return .push(PickListScreen(title: title, items: items) { item in .push(DetailScreen(id: CaseID(item.key)!)) })
    }

    /// The cases of the person asked for (a name in any role; an ID number or phone, the main
    /// party's), by date, as `taizhang person` lists them.
    static func cases(of query: PersonQuery, _ ctx: AppContext) -> [PersonAppearance] {
        let state = ctx.state
        return ctx.people.appearances(query, in: state)
            .sorted { (state.records[$0.row].date, $0.row) < (state.records[$1.row].date, $1.row) }
    }

    /// The person asked for as a list's title says it: the name, or the number masked.
    static func title(_ query: PersonQuery, _ ctx: AppContext) -> String {
        switch query {
        case let .name(n): n
        case let .idNumber(k): Words.People.idNumber(Masking.idNumber(k))[ctx.lang]
        case let .phone(k): Words.People.phone(Masking.phone(k))[ctx.lang]
        }
    }

    /// The cases of what was typed into the queue's person search; nothing when none is found
    /// (said on the status row).
    static func show(_ text: String, _ ctx: AppContext) -> ScreenAction {
        let query = PersonQuery(text)
        if case let .name(n) = query, n.isEmpty {
            ctx.fail(Words.People.typeAQuery[ctx.lang])
            return .none
        }
        let found = cases(of: query, ctx)
        if found.isEmpty {
            ctx.fail(Words.People.noCase(title(query, ctx))[ctx.lang])
            return .none
        }
        return list(found, title: title(query, ctx), ctx)
    }

    /// From a case: the one party's cases, or first a choice of the parties.
    static func open(_ c: CaseRecord, _ ctx: AppContext) -> ScreenAction {
        let list = parties(c)
        if list.isEmpty {
            ctx.fail(Words("本案没有当事人记录", "this case records no party")[ctx.lang])
            return .none
        }
        if list.count == 1 { return show(list[0], ctx) }
        let items = list.enumerated().map { PickItem(key: String($0.offset), label: "\($0.element.role.label(ctx.lang))  \($0.element.name)") }
        return .push(PickListScreen(title: Words("查看哪位当事人的案件", "Whose cases?")[ctx.lang], items: items) { item in
            show(list[Int(item.key)!], ctx)
        })
    }
}

/// The queue's `P`: asks for a name, an ID number or a phone, then lists that person's cases
/// (``PersonList``). What is typed stays on the screen only.
public final class PersonSearchScreen: Screen {
    /// What is typed.
    public private(set) var editor = LineEditor()

    /// An empty prompt.
    public init() {}

    public var isOverlay: Bool { true }
    public var capturesText: Bool { true }

    /// What the prompt's keys stand for.
    public enum Action: Sendable, Equatable { case find, cancel, type }

    /// The prompt's keys.
    public static let keyTable = KeyTable<Action, Void>(title: "Person search (queue `P`)", fallback: .type, [
        KeyBinding([], Words.Common.typeWord, .type, Words.People.query,
                   doc: "a name (spaces, full-width letters and middle dots do not matter), an ID number (15 or 18 characters) or a phone (7 or more digits)",
                   docKeys: "typing"),
        KeyBinding([.enter], "Enter", .find, Words.People.find,
                   doc: "list every case of the person, any kind and role, by date (ID numbers and phones masked); Enter there opens a case"),
        KeyBinding([.escape], "Esc", .cancel, Words.Common.cancel, doc: "back to the queue"),
    ])

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar((), ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help((), ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard case let .run(action) = Self.keyTable.resolve(key, ()) else { return .none }
        switch action {
        case .cancel: return .back
        case .type: _ = editor.handle(key)
        case .find:
            let shown = PersonList.show(editor.text, ctx)
            if case .none = shown { return .none }
            return .sequence([.back, shown])
        }
        return .none
    }

    private func box(_ area: Rect) -> Rect { area.centered(width: min(area.width - 4, 60), height: 6) }

    public func layout(_ area: Rect, _ ctx: AppContext) { editor.layout(width: box(area).width - 7) }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let box = box(area)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: Words.People.findPersonTitle[ctx.lang])
        grid.put(Words.People.nameIDOrPhone[ctx.lang], x: box.x + 2, y: box.y + 1, maxWidth: box.width - 4)
        grid.put("> ", x: box.x + 2, y: box.y + 2, style: .bold)
        let caret = editor.render(into: &grid, x: box.x + 4, y: box.y + 2, width: box.width - 7, style: CellStyle(underline: true))
        grid.cursor = (caret, box.y + 2)
        grid.put(Words.People.notRecorded[ctx.lang], x: box.x + 2, y: box.y + 4, style: .hint, maxWidth: box.width - 4)
    }
}
