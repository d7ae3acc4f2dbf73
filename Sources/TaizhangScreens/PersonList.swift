import TaizhangDomain
import TaizhangSearch
import TaizhangTerminalCore

/// A person's cases, from a case's detail (`p`): every case in which a party of this case
/// appears, any kind and role, by date, with status and outcome; Enter opens one. ID numbers and
/// phones are not shown, and the lookup is recorded nowhere.
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
        return "\(c["date"])  \(c.id)  \(c.kind.label(ctx.lang))  \(a.role.label(ctx.lang))  \(a.name)  \(status)  \(a.by.label(ctx.lang))"
    }

    /// The list of one party's cases.
    static func show(_ party: Party, _ ctx: AppContext) -> ScreenAction {
        let items = cases(of: party, ctx).map { PickItem(key: $0.id.description, label: line($0, ctx)) }
        let title = Words("\(party.name) 的全部案件（\(items.count) 件）", "All cases of \(party.name) (\(items.count))")[ctx.lang]
        return .push(PickListScreen(title: title, items: items) { item in .push(DetailScreen(id: CaseID(item.key)!)) })
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
