import TaizhangDomain
import TaizhangTerminalCore

/// The forms of the TUI, one per command, all built from the domain's field lists.
extension FormScreen {
    // MARK: - Cases

    /// A new case of `kind`: every field of the kind, date set to today.
    public static func new(_ kind: CaseKind, _ ctx: AppContext) -> FormScreen {
        let today = ctx.today()
        let fields = kind.fields.map { spec -> FormField in
            switch spec.key {
            case "date": return FormField(spec, value: today.description)
            case "unit": return FormField(spec, value: ctx.state.settings["default_unit"] ?? "")
            default: return FormField(spec)
            }
        }
        let form = FormScreen(title: ctx.t("新建", "New ") + kind.label(ctx.lang), fields: fields) { form, _ in
            .command(.open(kind: kind, fields: form.filledInputs)) { result, ctx in
                guard let id = result.caseID else { return .back }
                ctx.say(ctx.t("已登记 \(id)", "saved as \(id)"))
                return .replace(DetailScreen(id: id))
            }
        }
        if kind == .petition || kind == .mediation { form.partyLookup = PartyLookup(kind: kind) }
        return form
    }

    /// Edits the fields of `c`; only changed fields are sent.
    public static func edit(_ c: CaseRecord, _ ctx: AppContext) -> FormScreen {
        let fields = c.kind.fields.map { FormField($0, value: c[$0.key]) }
        return FormScreen(title: ctx.t("修改 ", "Edit ") + c.id.description, fields: fields) { form, ctx in
            let changes = form.changedInputs
            if changes.isEmpty {
                ctx.say(ctx.t("没有修改", "nothing changed"))
                return .action(.back)
            }
            return .command(.update(id: c.id.description, fields: changes)) { _, ctx in
                ctx.say(ctx.t("已保存 \(c.id)", "saved \(c.id)"))
                return .back
            }
        }
    }

    // MARK: - Actions on a case

    /// Adds a note.
    public static func note(_ c: CaseRecord, _ ctx: AppContext) -> FormScreen {
        let spec = FieldSpec("note", "备注", "note", .longText(maxLength: Schema.maximumNoteLength), required: true)
        return FormScreen(title: ctx.t("备注 ", "Note on ") + c.id.description, fields: [FormField(spec)]) { form, _ in
            .command(.note(id: c.id.description, text: form.value("note"))) { _, ctx in
                ctx.say(ctx.t("已添加备注", "note added"))
                return .back
            }
        }
    }

    /// Closes with an outcome; the outcome's required fields appear once it is chosen.
    public static func close(_ c: CaseRecord, _ ctx: AppContext) -> FormScreen {
        let outcomeSpec = FieldSpec("outcome", "结案结果", "outcome",
                                    .choice(c.kind.outcomes.map { Choice($0.key, $0.label.zh, $0.label.en) }), required: true)
        let closedOn = FormField(Schema.closedOnField, value: ctx.today().description)
        let form = FormScreen(title: ctx.t("结案 ", "Close ") + c.id.description, fields: [FormField(outcomeSpec), closedOn]) { form, _ in
            let outcome = form.value("outcome")
            let inputs = form.fields.dropFirst().filter { !$0.value.isEmpty }.map { FieldInput($0.key, $0.value) }
            return .command(.close(id: c.id.description, outcome: outcome, fields: inputs)) { result, ctx in
                if let linked = result.linkedCaseID {
                    ctx.say(ctx.t("已结案；已转调解 \(linked)", "closed; opened mediation \(linked)"))
                } else {
                    ctx.say(ctx.t("已结案 \(c.id)", "closed \(c.id)"))
                }
                return .back
            }
        }
        form.onChoice = { form, key in
            guard key == "outcome" else { return }
            let required = c.kind.outcome(form.value("outcome"))?.requiredFields ?? []
            form.setFields(after: 0, required.map { FormField($0, required: true) } + [closedOn])
        }
        return form
    }

    /// Records a mediation follow-up visit.
    public static func followUp(_ c: CaseRecord, _ ctx: AppContext) -> FormScreen {
        let fields = [
            FormField(FieldSpec("date", "回访日期", "date", .date), value: ctx.today().description),
            FormField(FieldSpec("performed", "履行情况", "performed", .yesNo)),
            FormField(FieldSpec("note", "备注", "note", .longText(maxLength: Schema.maximumNoteLength))),
        ]
        return FormScreen(title: ctx.t("回访 ", "Follow-up of ") + c.id.description, fields: fields) { form, _ in
            .command(.followUp(id: c.id.description, date: form.value("date"), performed: form.value("performed"), note: form.value("note"))) { _, ctx in
                ctx.say(ctx.t("已登记回访", "follow-up recorded"))
                return .back
            }
        }
    }

    /// Extends a petition's handling deadline.
    public static func extend(_ c: CaseRecord, _ ctx: AppContext) -> FormScreen {
        let fields = [
            FormField(FieldSpec("days", "延期天数", "days", .count, required: true), value: String(Schema.petitionMaximumExtension)),
            FormField(FieldSpec("reason", "延期理由", "reason", .text(maxLength: Schema.maximumReasonLength), required: true)),
            FormField(FieldSpec("extended_on", "延期日期", "extended on", .date), value: ctx.today().description),
        ]
        return FormScreen(title: ctx.t("延期 ", "Extend ") + c.id.description, fields: fields) { form, _ in
            .command(.extend(id: c.id.description, days: form.value("days"), reason: form.value("reason"), on: form.value("extended_on"))) { _, ctx in
                ctx.say(ctx.t("已延期", "extended"))
                return .back
            }
        }
    }

    /// Asks for a reason, optionally confirms, then runs `command(reason)`.
    public static func reason(_ c: CaseRecord, _ ctx: AppContext, title: String, label: Localized, confirm: String?,
                              command: @escaping (String) -> Command) -> FormScreen {
        let spec = FieldSpec("reason", label.zh, label.en, .text(maxLength: Schema.maximumReasonLength), required: true)
        let saved: (CommandResult, AppContext) -> ScreenAction = { _, ctx in
            ctx.say(ctx.t("已保存 \(c.id)", "saved \(c.id)"))
            return .back
        }
        return FormScreen(title: title, fields: [FormField(spec)]) { form, _ in
            let reason = form.value("reason")
            guard let confirm else { return .command(command(reason), done: saved) }
            // Check the reason before asking, so the question is only asked about a valid request.
            _ = try Validator.freeText(reason, field: "reason", label: label, maxLength: Schema.maximumReasonLength)
            return .action(.push(ConfirmScreen(question: confirm) { _ in
                .perform(command(reason)) { result, ctx in
                    switch result {
                    case let .success(written): return saved(written, ctx)
                    case let .failure(error):
                        ctx.fail(ctx.describe(error))
                        return .none
                    }
                }
            }))
        }
    }
}
