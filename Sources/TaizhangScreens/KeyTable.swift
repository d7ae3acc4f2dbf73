import TaizhangDomain
import TaizhangTerminalCore

/// One binding of a screen's key table: the keys, the action they stand for, the words for
/// the key bar, `?` and docs/keys.md, and when the action is in force and allowed.
public struct KeyBinding<Action: Sendable & Equatable, State>: Sendable {
    /// The keys that trigger it, each with the action it stands for (one binding may pair ↑
    /// with "up" and ↓ with "down" under one label). Empty: documented only, such as typing
    /// into a field, which reaches the screen as the table's ``KeyTable/fallback``.
    public var keyActions: [(key: Key, action: Action)]
    /// The keys as shown (`↑/↓ j/k`, `Ctrl-S/F2`).
    public var label: Words
    /// The keys.
    public var keys: [Key] { keyActions.map(\.key) }
    /// Short words for the bar and `?`.
    public var help: Words
    /// The sentence for docs/keys.md (English; default: the help words).
    public var doc: String?
    /// The keys as written in docs/keys.md (default: the label).
    public var docKeys: String?
    /// Shown in the bottom bar (when allowed), not only on `?`.
    public var inBar: Bool
    /// Whether the binding is in force in this state at all (the queue's Enter keeps the
    /// filter while typing one and opens a case otherwise).
    public var applies: @Sendable (State) -> Bool
    /// Nil when the action is allowed in this state, else why not (said when the key is pressed).
    public var refusal: @Sendable (State) -> Words?

    /// A binding; by default in force and allowed always.
    public init(_ keys: [Key], _ label: Words, _ action: Action, _ help: Words, bar: Bool = true,
                doc: String? = nil, docKeys: String? = nil,
                applies: @escaping @Sendable (State) -> Bool = { _ in true },
                refusal: @escaping @Sendable (State) -> Words? = { _ in nil }) {
        self.keyActions = keys.map { ($0, action) }
        self.label = label
        self.help = help
        self.inBar = bar
        self.doc = doc
        self.docKeys = docKeys
        self.applies = applies
        self.refusal = refusal
    }

    /// Same keys in both languages.
    public init(_ keys: [Key], _ label: String, _ action: Action, _ help: Words, bar: Bool = true,
                doc: String? = nil, docKeys: String? = nil,
                applies: @escaping @Sendable (State) -> Bool = { _ in true },
                refusal: @escaping @Sendable (State) -> Words? = { _ in nil }) {
        self.init(keys, Words(label, label), action, help, bar: bar, doc: doc, docKeys: docKeys, applies: applies, refusal: refusal)
    }

    /// Several keys under one label, each with its own action (↑ up, ↓ down).
    public init(_ keyActions: [(Key, Action)], _ label: String, _ help: Words, bar: Bool = true,
                doc: String? = nil, docKeys: String? = nil,
                applies: @escaping @Sendable (State) -> Bool = { _ in true },
                refusal: @escaping @Sendable (State) -> Words? = { _ in nil }) {
        precondition(!keyActions.isEmpty, "a binding of several keys needs at least one")
        self.init(keyActions.map(\.0), Words(label, label), keyActions[0].1, help, bar: bar, doc: doc, docKeys: docKeys,
                  applies: applies, refusal: refusal)
        self.keyActions = keyActions.map { (key: $0.0, action: $0.1) }
    }
}

/// What a key means on a screen in a given state.
public enum KeyResolution<Action: Sendable & Equatable>: Equatable {
    /// Run this action.
    case run(Action)
    /// The action exists but is not allowed now; say why.
    case refused(Words)
    /// The key is not in the table (a text field takes it, or nothing happens).
    case unbound
}

/// A line of `?` help: the entry, and whether the action is allowed now (others are dimmed).
public struct HelpLine: Sendable, Equatable {
    /// Keys and words.
    public var entry: KeyHelp
    /// False when the action is not allowed in the current state.
    public var available: Bool
    /// A help line.
    public init(_ entry: KeyHelp, available: Bool = true) {
        self.entry = entry
        self.available = available
    }
}

/// A screen's one key table: its key handling, bottom bar, `?` help and docs/keys.md all come
/// from it.
public struct KeyTable<Action: Sendable & Equatable, State>: Sendable {
    /// Section title in docs/keys.md.
    public var title: String
    /// Prose under the title in docs/keys.md (may be empty).
    public var intro: String
    /// Prose under the table in docs/keys.md (may be empty).
    public var notes: String
    /// The bindings, in the order help lists them.
    public var bindings: [KeyBinding<Action, State>]
    /// The action for keys no binding takes (typing into a field), if any.
    public var fallback: Action?

    /// A table.
    public init(title: String, intro: String = "", notes: String = "", fallback: Action? = nil, _ bindings: [KeyBinding<Action, State>]) {
        self.title = title
        self.intro = intro
        self.notes = notes
        self.fallback = fallback
        self.bindings = bindings
    }

    /// What `key` means in `state`: the first binding in force that has it.
    public func resolve(_ key: Key, _ state: State) -> KeyResolution<Action> {
        for b in bindings where b.applies(state) {
            guard let pair = b.keyActions.first(where: { $0.key == key }) else { continue }
            if let why = b.refusal(state) { return .refused(why) }
            return .run(pair.action)
        }
        return fallback.map { .run($0) } ?? .unbound
    }

    /// The bottom bar: bindings in force, allowed now and marked for the bar.
    public func bar(_ state: State, _ lang: Language) -> [KeyHelp] {
        bindings.filter { $0.inBar && $0.applies(state) && $0.refusal(state) == nil }.map { KeyHelp($0.label[lang], $0.help[lang]) }
    }

    /// `?`: every binding in force, those not allowed now marked so.
    public func help(_ state: State, _ lang: Language) -> [HelpLine] {
        bindings.filter { $0.applies(state) }.map { HelpLine(KeyHelp($0.label[lang], $0.help[lang], bar: $0.inBar), available: $0.refusal(state) == nil) }
    }

    /// The rows of this table in docs/keys.md (each binding once, in order).
    public var docRows: [(keys: String, action: String)] {
        bindings.map { ($0.docKeys ?? $0.label.en, $0.doc ?? $0.help.en) }
    }
}

/// One section of docs/keys.md, whatever the screen's action and state types.
public struct KeyDocSection: Sendable {
    /// Title.
    public var title: String
    /// Prose under the title.
    public var intro: String
    /// Table rows.
    public var rows: [(keys: String, action: String)]
    /// Prose under the table.
    public var notes: String

    /// The section of `table`.
    public init<A, S>(_ table: KeyTable<A, S>) {
        title = table.title
        intro = table.intro
        rows = table.docRows
        notes = table.notes
    }
}
