import TaizhangDomain
import TaizhangSearch
import TaizhangTerminalCore

/// The earlier cases of the party typed into a new petition or mediation form: counted on the
/// form's status line as soon as a name, ID number or phone matches, listed by F3, where Enter on
/// an earlier petition sets the form's `repeat_of`. Reads the ledger only; nothing is recorded.
struct PartyLookup {
    /// The kind of the case being entered.
    let kind: CaseKind

    /// The earlier cases for what the form holds now, likely repeats first.
    func earlier(_ form: FormScreen, _ ctx: AppContext) -> [EarlierCase] {
        let names = kind == .petition ? [form.value("petitioner")]
            : [form.value("applicant")] + PersonName.parties(form.value("respondent"))
        let date = BusinessDate.parse(form.value("date"), today: ctx.today()) ?? ctx.today()
        let id = form.value("id_number"), phone = form.value("phone")
        let named = names.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if named.isEmpty && id.isEmpty && phone.isEmpty { return [] }
        let found = ctx.people.matches(names: named, idNumber: id.isEmpty ? nil : id, phone: phone.isEmpty ? nil : phone, in: ctx.state)
        return Repeats.earlierCases(found, idNumber: id.isEmpty ? nil : id, subject: form.value("subject"), date: date, in: ctx.state)
    }

    /// The status line's notice: how many earlier cases, and the key that lists them.
    func notice(_ form: FormScreen, _ ctx: AppContext) -> String? {
        let found = earlier(form, ctx)
        guard !found.isEmpty else { return nil }
        let likely = found.filter(\.likelyRepeat).count
        let repeatText = likely > 0 ? Words("，其中疑似重复信访 \(likely) 件", ", \(likely) likely repeat(s)")[ctx.lang] : ""
        return Words("此当事人有在先案件 \(found.count) 件\(repeatText)（F3 查看）", "this party has \(found.count) earlier case(s)\(repeatText) (F3 lists them)")[ctx.lang]
    }

    /// One line of the list: id, date, subject, status, how it was found.
    static func line(_ e: EarlierCase, _ ctx: AppContext) -> String {
        let c = ctx.state.records[e.appearance.row]
        let subject = c.kind == .petition ? c["subject"] : c.headline
        let mark = e.likelyRepeat ? Words("  疑似重复", "  likely repeat")[ctx.lang] : ""
        return "\(c.id)  \(c["date"])  \(subject)  \(c.status.label(ctx.lang))  \(e.appearance.by.label(ctx.lang))\(mark)"
    }

    /// The list of earlier cases; choosing a petition (for a new petition) sets `repeat_of`.
    func show(_ form: FormScreen, _ ctx: AppContext) -> ScreenAction {
        let found = earlier(form, ctx)
        guard !found.isEmpty else {
            ctx.say(Words("没有找到此当事人的在先案件", "no earlier case of this party")[ctx.lang])
            return .none
        }
        let items = found.map { PickItem(key: $0.appearance.id.description, label: Self.line($0, ctx)) }
        let title = kind == .petition ? Words("在先案件（Enter 记为重复信访）", "Earlier cases (Enter marks a repeat)")[ctx.lang] : Words("在先案件", "Earlier cases")[ctx.lang]
        let kind = self.kind
        return .push(PickListScreen(title: title, items: items) { [weak form] item in
            guard let form, kind == .petition else { return .none }
            guard CaseID(item.key)?.kind == .petition else {
                ctx.fail(Words("重复信访只能指向在先的信访案件", "a repeat can only name an earlier petition")[ctx.lang])
                return .none
            }
            form.setValue("repeat_of", item.key)
            ctx.say(Words("已记为 \(item.key) 的重复信访", "marked as a repeat of \(item.key)")[ctx.lang])
            return .none
        })
    }
}
