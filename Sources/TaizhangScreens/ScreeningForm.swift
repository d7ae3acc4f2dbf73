import TaizhangDomain
import TaizhangTerminalCore

/// The screening form (`S` on the queue): records a round of dispute screening through the
/// same command as `taizhang screening add`.
extension FormScreen {
    /// The field specs of a round, keyed as the command names its members (so a rejection
    /// focuses the field it names).
    static let screeningFields: [FieldSpec] = [
        FieldSpec("date", Words.Screening.date, .date, required: true),
        FieldSpec("villages", Words.Screening.villages, .text(maxLength: 5000), required: true),
        FieldSpec("found", Words.Screening.found, .text(maxLength: 6), required: true),
        Schema.commonFields.first { $0.key == "unit" }!,
        FieldSpec("note", Words.Common.note, .longText(maxLength: Schema.maximumNoteLength)),
    ]

    /// A new screening round: date today, unit the ledger's default; Enter on the villages adds
    /// one of the ledger's villages. Saving says the round's id and what it found (零报告 for 0).
    public static func screening(_ ctx: AppContext) -> FormScreen {
        let fields = screeningFields.map { spec -> FormField in
            switch spec.key {
            case "date": return FormField(spec, value: ctx.today().description)
            case "unit": return FormField(spec, value: ctx.state.settings["default_unit"] ?? "", required: false)
            case "villages":
                var f = FormField(spec)
                f.customHint = Words.Screening.villagesHint
                return f
            case "found":
                var f = FormField(spec)
                f.customHint = Words.Screening.foundHint
                return f
            default: return FormField(spec)
            }
        }
        let form = FormScreen(title: Words.Screening.formTitle[ctx.lang], fields: fields) { form, _ in
            func given(_ key: String) -> String? {
                let v = form.value(key).trimmingCharacters(in: .whitespacesAndNewlines)
                return v.isEmpty ? nil : v
            }
            let command = Command.screening(date: given("date"), villages: form.value("villages"), found: form.value("found"),
                                            unit: given("unit"), note: given("note"))
            return .command(command) { result, ctx in
                if let r = ctx.state.screenings.first(where: { $0.seq == result.records.first?.seq }) {
                    let summary = Words.Screening.summary(villages: r.villages.joined(separator: "、"), found: r.found)[ctx.lang]
                    ctx.say(Words.Screening.recorded(r.id, summary)[ctx.lang])
                }
                return .back
            }
        }
        form.onEnter["villages"] = { form, index, ctx in
            let items = knownVillages(ctx.state).map { PickItem(key: $0, label: $0) }
            guard !items.isEmpty else { return .none }
            return .push(PickListScreen(title: Words.Screening.pickVillage[ctx.lang], items: items) { [weak form] item in
                guard let form else { return .none }
                form.setText(at: index, addVillage(item.key, to: form.fields[index].value))
                return .none
            })
        }
        return form
    }

    /// The villages the ledger knows (its cases' `village` and earlier rounds'), most used first.
    static func knownVillages(_ state: LedgerState) -> [String] {
        var uses: [String: Int] = [:]
        for c in state.allCases where c.status != .voided {
            if let v = c.fields["village"], !v.isEmpty { uses[v, default: 0] += 1 }
        }
        for r in state.screenings { for v in r.villages { uses[v, default: 0] += 1 } }
        return uses.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// `list` with `village` added after a `、`, unless it is already named.
    static func addVillage(_ village: String, to list: String) -> String {
        let names = list.split(whereSeparator: { ",，、;；\n".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        if names.contains(village) { return list }
        let kept = list.trimmingCharacters(in: .whitespaces)
        if kept.isEmpty { return village }
        return kept.last.map { ",，、;；".contains($0) } == true ? kept + village : kept + "、" + village
    }
}
