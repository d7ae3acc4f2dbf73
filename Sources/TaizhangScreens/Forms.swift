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
        // The date a question was answered for: asked again only when the date changes.
        var confirmedDate: String? = nil
        let form = FormScreen(title: Words.Forms.newWord[ctx.lang] + kind.label[ctx.lang], fields: fields) { form, ctx in
            let date = form.value("date")
            if confirmedDate != date, let q = DatePlausibility.question(kind: kind, inputs: form.filledInputs, today: ctx.today()) {
                return .pending(.push(ConfirmScreen(question: q(ctx.lang)) { [weak form] ctx in
                    confirmedDate = date
                    return form?.save(ctx) ?? .none
                }))
            }
            return .command(.open(kind: kind, fields: form.filledInputs)) { result, ctx in
                guard let id = result.caseID else { return .back }
                ctx.revealOnQueue = id
                ctx.say(Words.Forms.savedAs(id.description)[ctx.lang])
                return .replace(DetailScreen(id: id))
            }
        }
        if kind == .petition || kind == .mediation { form.partyLookup = PartyLookup(kind: kind) }
        return form
    }

    /// Edits the fields of `c`; only changed fields are sent, against the version the form was
    /// opened at. When someone else changed the same fields meanwhile, the save shows the
    /// conflict (``ConflictScreen``) instead of overwriting them.
    public static func edit(_ c: CaseRecord, _ ctx: AppContext) -> FormScreen {
        let fields = c.kind.fields.map { FormField($0, value: c[$0.key]) }
        var version = c.version
        var base = c.fields.dictionary
        let form = FormScreen(title: Words.Forms.edit[ctx.lang] + c.id.description, fields: fields) { form, ctx in
            let changes = form.changedInputs
            if changes.isEmpty {
                ctx.say(Words.Forms.nothingChanged[ctx.lang])
                return .action(.back)
            }
            return .command(.edit(CaseEdit(id: c.id.description, expectedVersion: version, base: base, fields: changes))) { _, ctx in
                ctx.say(Words.Forms.saved(c.id.description)[ctx.lang])
                return .back
            }
        }
        form.onReject = { form, _, ctx in
            let edit = CaseEdit(id: c.id.description, expectedVersion: version, base: base, fields: form.changedInputs)
            guard let conflict = (try? ctx.state.conflict(for: edit, today: ctx.today())) ?? nil else { return nil }
            let rebase = { [weak form] (taking: Set<String>) in
                form?.rebase(onto: conflict.current, taking: taking)
                version = conflict.currentVersion
                base = conflict.current
            }
            return .push(ConflictScreen(conflict, kind: c.kind, resolve: { [weak form] taking, ctx in
                rebase(taking)
                return form?.save(ctx) ?? .none
            }, backToEditing: { ctx in
                rebase([])
                ctx.say(Words.Conflict.formRefreshed[ctx.lang])
            }))
        }
        return form
    }

    // MARK: - Actions on a case

    /// Adds a note.
    public static func note(_ c: CaseRecord, _ ctx: AppContext) -> FormScreen {
        let spec = FieldSpec("note", Words.Common.note, .longText(maxLength: Schema.maximumNoteLength), required: true)
        return FormScreen(title: Words.Forms.noteOn[ctx.lang] + c.id.description, fields: [FormField(spec)]) { form, _ in
            .command(.note(id: c.id.description, text: form.value("note"))) { _, ctx in
                ctx.say(Words.Forms.noteAdded[ctx.lang])
                return .back
            }
        }
    }

    /// Closes with an outcome; the outcome's required fields appear once it is chosen.
    public static func close(_ c: CaseRecord, _ ctx: AppContext) -> FormScreen {
        let outcomeSpec = FieldSpec("outcome", Words.Forms.outcome,
                                    .choice(c.kind.outcomes.map { Choice($0.key, $0.label) }), required: true)
        let closedOn = FormField(Schema.closedOnField, value: ctx.today().description)
        let form = FormScreen(title: Words.Forms.close[ctx.lang] + c.id.description, fields: [FormField(outcomeSpec), closedOn]) { form, _ in
            let outcome = form.value("outcome")
            let inputs = form.fields.dropFirst().filter { !$0.value.isEmpty }.map { FieldInput($0.key, $0.value) }
            return .command(.close(id: c.id.description, outcome: outcome, fields: inputs)) { result, ctx in
                if let linked = result.linkedCaseID {
                    ctx.say(Words.Forms.closedOpening(linked.description)[ctx.lang])
                } else {
                    ctx.say(Words.Forms.closedCase(c.id.description)[ctx.lang])
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
            FormField(FieldSpec("date", Words.Forms.followUpDate, .date), value: ctx.today().description),
            FormField(FieldSpec("performed", Words.Forms.performed, .yesNo)),
            FormField(FieldSpec("note", Words.Common.note, .longText(maxLength: Schema.maximumNoteLength))),
        ]
        return FormScreen(title: Words.Forms.followUpOf[ctx.lang] + c.id.description, fields: fields) { form, _ in
            .command(.followUp(id: c.id.description, date: form.value("date"), performed: form.value("performed"), note: form.value("note"))) { _, ctx in
                ctx.say(Words.Forms.followUpRecorded[ctx.lang])
                return .back
            }
        }
    }

    /// Extends a petition's handling deadline.
    public static func extend(_ c: CaseRecord, _ ctx: AppContext) -> FormScreen {
        let fields = [
            FormField(FieldSpec("days", Words.Forms.extensionDays, .count, required: true), value: String(Schema.petitionMaximumExtension)),
            FormField(FieldSpec("reason", Words.Forms.extensionReason, .longText(maxLength: Schema.maximumReasonLength), required: true)),
            FormField(FieldSpec("extended_on", Words.Forms.extendedOn, .date), value: ctx.today().description),
        ]
        return FormScreen(title: Words.Forms.extend[ctx.lang] + c.id.description, fields: fields) { form, _ in
            .command(.extend(id: c.id.description, days: form.value("days"), reason: form.value("reason"), on: form.value("extended_on"))) { _, ctx in
                ctx.say(Words.Forms.extended[ctx.lang])
                return .back
            }
        }
    }

    /// Asks for a reason, optionally confirms, then runs `command(reason)`.
    public static func reason(_ c: CaseRecord, _ ctx: AppContext, title: String, label: Words, confirm: String?,
                              command: @escaping (String) -> Command) -> FormScreen {
        let spec = FieldSpec("reason", label, .longText(maxLength: Schema.maximumReasonLength), required: true)
        let saved: (CommandResult, AppContext) -> ScreenAction = { _, ctx in
            ctx.say(Words.Forms.saved(c.id.description)[ctx.lang])
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
