import ArgumentParser
import Foundation
import TaizhangDomain
import TaizhangTerminalCore

/// Parses `--set key=value` options, rejecting malformed ones.
func parseInputs(_ sets: [String]) throws -> [FieldInput] {
    try sets.map { text throws(TaizhangDomain.ValidationError) in try FieldInput.parse(text) }
}

/// Turns a kind argument (key, prefix or Chinese label) into a kind.
func parseKind(_ text: String) throws(TaizhangDomain.ValidationError) -> CaseKind {
    let t = text.lowercased()
    if let k = CaseKind(rawValue: t) ?? CaseKind(prefix: text.uppercased()) ?? CaseKind.allCases.first(where: { $0.label.zh == text }) {
        return k
    }
    let list = CaseKind.allCases.map { "\($0.rawValue)（\($0.label.zh)）" }.joined(separator: "、")
    throw TaizhangDomain.ValidationError(field: "kind", value: text, zh: "案件类型 “\(text)” 无效，可选：\(list)",
                                         en: "kind '\(text)' is not valid; allowed: \(CaseKind.allCases.map(\.rawValue).joined(separator: ", "))")
}

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open a new case and print its id.",
                                                    discussion: "Example: taizhang add mediation --set unit=office --set applicant=张三 --set respondent=李四 --set category=neighbor")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "consultation, mediation, petition, review or suit.") var kind: String
    @Option(name: .customLong("set"), help: ArgumentHelp("A field value; repeat for several. `date` defaults to today.", valueName: "key=value"))
    var sets: [String] = []
    @Flag(name: .customLong("yes"), help: "Accept a date before 2000 or more than a year ago (its year becomes part of the id).")
    var yes = false

    func run() throws {
        try global.handle {
            let kind = try parseKind(kind)
            let inputs = try parseInputs(sets)
            if !yes, let q = DatePlausibility.question(kind: kind, inputs: inputs, today: .today()) {
                Console.error(q(global.language) + (global.language == .zh ? "如无误，请加 --yes 再运行。" : " If it is, run again with --yes."))
                throw ExitCode(1)
            }
            let ledger = try global.openLedger()
            EntryMatches.report(kind: kind, inputs: inputs, state: ledger.state, lang: global.language)
            let result = try ledger.perform(.open(kind: kind, fields: inputs))
            Console.out(result.caseID!.description)
        }
    }
}

struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Change fields of a case (an empty value clears an optional field).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id, e.g. M-2024-0007.") var id: String
    @Option(name: .customLong("set"), help: ArgumentHelp("A field value; repeat for several.", valueName: "key=value"))
    var sets: [String] = []
    @Option(name: .customLong("if-version"), help: ArgumentHelp("Save only if the case is still at this version (`show --format json` prints it).", valueName: "n"))
    var ifVersion: Int?

    func run() throws {
        try global.handle {
            let ledger = try global.openLedger()
            let fields = try parseInputs(sets)
            if let v = ifVersion {
                try ledger.perform(.edit(CaseEdit(id: id, expectedVersion: v, base: nil, fields: fields)))
            } else {
                try ledger.perform(.update(id: id, fields: fields))
            }
        }
    }
}

struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add a note to a case.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id.") var id: String
    @Argument(help: "The note; - reads it from standard input.") var text: String

    func run() throws {
        try global.handle {
            var body = text
            if text == "-" {
                body = try InputText.decode(FileHandle.standardInput.readDataToEndOfFile(), field: "note")
            }
            try global.openLedger().perform(.note(id: id, text: body))
        }
    }
}

struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a case's outcome.",
        discussion: """
        Outcomes and what they require:
          consultation: answered, litigation_guided, to_mediation (respondent, category: opens a linked mediation), legal_aid, referred
          mediation: resolved (agreement=written|oral), failed (next=litigation|other|none), withdrawn
          petition: concluded (result=supported|explained|not_supported), not_accepted (reason), withdrawn
          review: lawful, revised, unlawful (each opinion)
          suit: won, lost, settled
        closed_on defaults to today.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id.") var id: String
    @Option(help: "The outcome key.") var outcome: String
    @Option(name: .customLong("set"), help: ArgumentHelp("Outcome fields, closed_on, or other fields.", valueName: "key=value"))
    var sets: [String] = []

    func run() throws {
        try global.handle {
            let result = try global.openLedger().perform(.close(id: id, outcome: outcome, fields: try parseInputs(sets)))
            if let m = result.linkedCaseID { Console.out(m.description) }
        }
    }
}

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "followup", abstract: "Record a follow-up visit (回访) of a closed mediation.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id.") var id: String
    @Option(help: "Date of the visit (default today).") var date: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("performed=yes|no.", valueName: "key=value")) var sets: [String] = []
    @Option(help: "A note.") var note: String?

    func run() throws {
        try global.handle {
            var performed: String? = nil
            for input in try parseInputs(sets) {
                guard input.key == "performed" else {
                    throw TaizhangDomain.ValidationError(field: input.key, value: input.value, zh: "回访只接受 performed=yes|no", en: "a follow-up takes only performed=yes|no")
                }
                performed = input.value
            }
            try global.openLedger().perform(.followUp(id: id, date: date, performed: performed, note: note))
        }
    }
}

struct Extend: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Extend a petition's handling deadline (once, at most 30 days).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id.") var id: String
    // Taken whatever it looks like, so `--days -5` is refused as a bad number of days rather
    // than read as an unknown option.
    @Option(parsing: .unconditional, help: "Days to add, 1 to 30.") var days: String
    @Option(help: "Why.") var reason: String
    @Option(help: "Date of the decision (default today).") var date: String?

    func run() throws {
        try global.handle {
            try global.openLedger().perform(.extend(id: id, days: days, reason: reason, on: date))
        }
    }
}

struct Reopen: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open a closed case again (its outcome is cleared, its history kept).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id.") var id: String
    @Option(help: "Why.") var reason: String

    func run() throws {
        try global.handle { try global.openLedger().perform(.reopen(id: id, reason: reason)) }
    }
}

struct VoidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "void", abstract: "Mark a case entered in error as void (it stays in the ledger; `restore` undoes it).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id.") var id: String
    @Option(help: "Why.") var reason: String

    func run() throws {
        try global.handle { try global.openLedger().perform(.void(id: id, reason: reason)) }
    }
}

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Undo a void.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id.") var id: String
    @Option(help: "Why.") var reason: String

    func run() throws {
        try global.handle { try global.openLedger().perform(.restore(id: id, reason: reason)) }
    }
}

struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ledger settings (town name, etc.), stored as events.",
                                                    subcommands: [SetSetting.self, ShowSettings.self], defaultSubcommand: ShowSettings.self)

    struct SetSetting: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set KEY=VALUE (town, station_name, office_name, default_unit).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "key=value") var assignment: String

        func run() throws {
            try global.handle {
                let input = try FieldInput.parse(assignment)
                try global.openLedger().perform(.setting(key: input.key, value: input.value))
            }
        }
    }

    struct ShowSettings: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the settings.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.handle {
                let state = try global.openLedger(readOnly: true).state
                for spec in Schema.settings {
                    Console.out("\(spec.key)=\(Escaping.visible(state.settings[spec.key] ?? ""))")
                }
            }
        }
    }
}

struct Fields: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the fields of a kind with their allowed values.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "consultation, mediation, petition, review or suit.") var kind: String

    func run() throws {
        try global.handle {
            let kind = try parseKind(kind)
            let lang = global.language
            for f in kind.fields {
                let choices = f.choices.map { lang == .zh ? "\($0.key)=\($0.label.zh)" : $0.key }.joined(separator: " ")
                Console.out("\(f.required ? "*" : " ") \(DisplayWidth.fit(f.key, width: 14, ellipsis: false)) \(DisplayWidth.fit(f.label(lang), width: 16, ellipsis: false)) \(choices)")
            }
            Console.out("")
            for o in kind.outcomes {
                let req = o.requiredFields.map(\.key).joined(separator: ", ")
                Console.out("  outcome \(DisplayWidth.fit(o.key, width: 18, ellipsis: false)) \(DisplayWidth.fit(o.label(lang), width: 14, ellipsis: false)) \(req)")
            }
        }
    }
}
