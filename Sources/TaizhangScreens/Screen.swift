import TaizhangDocuments
import TaizhangDomain
import TaizhangFiles
import TaizhangLog
import TaizhangSearch
import TaizhangTerminalCore

// MARK: - Actions

/// What a screen asks the app to do after a key.
public indirect enum ScreenAction {
    /// Nothing beyond redrawing.
    case none
    /// Open a screen (or overlay) on top.
    case push(any Screen)
    /// Close this many screens from the top.
    case pop(Int)
    /// Close the top screen and open another in its place.
    case replace(any Screen)
    /// Several actions in order.
    case sequence([ScreenAction])
    /// Quit, asking first when a form holds unsaved changes.
    case requestQuit
    /// Quit now.
    case quit
    /// Run a command on the ledger (the app does it, on today's date); `then` gets what was
    /// written or the error, and says what happens next.
    case perform(Command, then: (Result<CommandResult, any Error>, AppContext) -> ScreenAction)
    /// Write a file the user asked for through the one file writer (atomic, 0600). When a file
    /// is already there and `overwrite` is false, the app asks "exists, overwrite?" first;
    /// `then` gets the full path written or the error.
    case writeFile(path: String, bytes: [UInt8], overwrite: Bool, then: (Result<String, FileWriteError>, AppContext) -> ScreenAction)
    /// Edit a text in the user's editor (`$VISUAL`, `$EDITOR`, `nano`, `vi`): the run loop
    /// hands the terminal over and takes it back; `then` gets the edited text or the error.
    case editText(String, then: (Result<String, any Error>, AppContext) -> ScreenAction)
    /// Issue `form` of a case as a file through the documents module: the file is written under
    /// a temporary name, then the `document.issued` event is recorded, then the file is put in
    /// place. A relative `path` is taken from the working folder. When a file is already there
    /// and `overwrite` is false, the app asks "exists, overwrite?" first; `then` gets what was
    /// issued (its `path` in full) or the error.
    case issueDocument(DocumentForm, caseID: CaseID, format: DocumentFormat, path: String, overwrite: Bool,
                       then: (Result<IssuedResult, any Error>, AppContext) -> ScreenAction)

    /// Close the top screen.
    public static var back: ScreenAction { .pop(1) }
}

/// What the app asks of the terminal after a key.
public enum AppEffect: Sendable, Equatable {
    /// Leave the TUI.
    case quit
    /// Run the external editor on the app's ``App/pendingEdit`` text, then call
    /// ``App/finishEditing(_:)``.
    case editText
}

// MARK: - Screen

/// One screen of the TUI: a pure state machine over keys that renders into a grid.
public protocol Screen: AnyObject {
    /// Drawn over the screen below it (dialogs, pick lists, help) instead of replacing it.
    var isOverlay: Bool { get }
    /// Printable keys go into a text field, so `?` and `q` are not commands here.
    var capturesText: Bool { get }
    /// A form with changes that would be lost.
    var hasUnsavedChanges: Bool { get }
    /// The bottom bar: the keys of actions allowed now (from the screen's key table).
    func bar(_ ctx: AppContext) -> [KeyHelp]
    /// `?`: every key in force now, actions not allowed now marked (from the key table).
    func help(_ ctx: AppContext) -> [HelpLine]
    /// Reacts to a key (through the key table); changes only this screen's state and returns
    /// what the app should do.
    func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction
    /// The update step before drawing: fits scroll and selection to `area`, reads what the
    /// screen shows (a case's texts), starts background work. The app runs it before every
    /// frame; it is the only place besides `handle` that changes the screen.
    func layout(_ area: Rect, _ ctx: AppContext)
    /// Draws into `area` (reads only); sets `grid.cursor` when a text field has focus.
    func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext)
    /// A line for the status row (the queue's filter), nil to show the app's message.
    func statusLine(_ ctx: AppContext) -> (text: String, style: CellStyle, caret: Int?)?
}

extension Screen {
    public var isOverlay: Bool { false }
    public var capturesText: Bool { false }
    public var hasUnsavedChanges: Bool { false }
    public func layout(_ area: Rect, _ ctx: AppContext) {}
    public func statusLine(_ ctx: AppContext) -> (text: String, style: CellStyle, caret: Int?)? { nil }
}

// MARK: - Context

/// What every screen may use: the ledger, language, today's date, caches and the message line.
public final class AppContext {
    /// The open ledger (screens read `ledger.state`; changes are ``ScreenAction/perform(_:then:)`` actions the app runs).
    public let ledger: Ledger
    /// Language of labels.
    public let lang: Language
    /// Path shown in the header.
    public let storePath: String
    /// Today's business date (a function so tests and `TAIZHANG_TODAY` can fix it).
    public var today: () -> BusinessDate
    /// Pinyin initials cache.
    public let pinyin = PinyinIndex()
    /// The people index (earlier cases of a party at entry); follows the ledger when asked. A
    /// form that looks parties up starts building it in the background (``preparePeople(threshold:)``);
    /// the first look-up then waits only for what is left of that build.
    public var people: PeopleIndex {
        if let p = peopleIndex { return p }
        let built = peopleBuild?.result() ?? PeopleIndex(state)
        peopleBuild = nil
        peopleIndex = built
        return built
    }
    private var peopleIndex: PeopleIndex?
    private var peopleBuild: PeopleIndexBuild?

    /// Starts building the people index in the background, once, on a ledger large enough for
    /// the build to be felt (about 1 s at a million events).
    public func preparePeople(threshold: Int = CaseSearchIndex.backgroundThreshold) {
        guard peopleIndex == nil, peopleBuild == nil, state.records.count >= threshold else { return }
        peopleBuild = PeopleIndexBuild(state)
    }

    /// True while the people index is being built in the background (tests).
    public var isPreparingPeople: Bool { peopleBuild != nil }
    /// The message for the status row, cleared by the next key; every message shown is also
    /// kept in ``messageLog`` (`h` lists them), so a long one cut at the screen's edge can be
    /// read in full.
    public var message: (text: String, style: CellStyle)? {
        didSet { if let m = message { logMessage(m) } }
    }
    /// The messages shown, oldest first (the last ``messageLogLimit``).
    public private(set) var messageLog: [LoggedMessage] = []
    /// How many messages ``messageLog`` keeps.
    public static let messageLogLimit = 200
    /// When a message is shown, as `2024-03-05T09:12:33.120+08:00` (a function so tests fix it).
    public var clock: () -> String = { LogClock.now() }

    private func logMessage(_ m: (text: String, style: CellStyle)) {
        messageLog.append(LoggedMessage(at: clock(), text: m.text, isError: m.style == .alert))
        if messageLog.count > Self.messageLogLimit { messageLog.removeFirst(messageLog.count - Self.messageLogLimit) }
    }
    /// The folder relative export paths are taken from (and default paths are offered in).
    public let workingDirectory: String

    /// Creates a context.
    public init(ledger: Ledger, lang: Language, storePath: String, today: @escaping () -> BusinessDate = { BusinessDate.today() },
                workingDirectory: String = FileWriter.currentDirectory()) {
        self.ledger = ledger
        self.lang = lang
        self.storePath = storePath
        self.today = today
        self.workingDirectory = workingDirectory
        // Lines folded as written that `verify` would flag: said on opening, kept with the
        // next message.
        if ledger.state.flaggedLines > 0 {
            recoveryNotice = Words.Notices.flaggedByVerify(ledger.state.flaggedLines)[lang]
            message = ("! " + recoveryNotice!, .alert)
        } else if ledger.state.unauditedLines > 0 {
            recoveryNotice = Words.Notices.notAudited(ledger.state.unauditedLines)[lang]
            message = ("! " + recoveryNotice!, .alert)
        }
    }

    /// The folded ledger state.
    public var state: LedgerState { ledger.state }


    /// Shows an informational message (after a recovery notice, which must not be lost).
    public func say(_ text: String) {
        if let notice = recoveryNotice {
            recoveryNotice = nil
            message = ("! " + text + Words.App.separator[lang] + notice, .alert)
        } else {
            message = (text, .bold)
        }
    }

    /// Shows an error message (red, and marked with `!` so it reads without colour).
    public func fail(_ text: String) {
        if let notice = recoveryNotice {
            recoveryNotice = nil
            message = ("! " + text + Words.App.separator[lang] + notice, .alert)
        } else {
            message = ("! " + text, .alert)
        }
    }

    /// The ledger is a scratch copy (`--demo`), said in the header.
    public var scratchCopy = false

    /// A case the queue selects (switching tab and status as needed) when it is next shown:
    /// the one just entered.
    public var revealOnQueue: CaseID?

    /// A torn line set aside during the last command, shown with the next message.
    var recoveryNotice: String?

    /// Performs a command on today's date (the app does this for a screen's
    /// ``ScreenAction/perform(_:then:)``). If the ledger had to set aside a torn last line
    /// first (another process crashed mid-write), says where those bytes went.
    @discardableResult
    func perform(_ command: Command) throws -> CommandResult {
        let recovered = ledger.log.recoveries.count
        defer { reportRecoveries(since: recovered) }
        return try ledger.perform(command, today: today())
    }

    /// Announces torn lines moved aside since `count` recoveries.
    func reportRecoveries(since count: Int) {
        guard let q = ledger.log.recoveries.dropFirst(count).last else { return }
        recoveryNotice = Words.Notices.tornTail(bytes: q.byteCount, line: q.line, path: q.path)[lang]
        message = ("! " + recoveryNotice!, .alert)
    }

    /// A message for any error a command may throw.
    public func describe(_ error: any Error) -> String {
        if let v = error as? ValidationError { return v.message(lang) }
        if let l = error as? LogError { return lang == .zh ? l.chineseDescription : l.description }
        if let f = error as? FileWriteError { return lang == .zh ? f.chineseDescription : f.description }
        if let e = error as? ExternalEditError { return lang == .zh ? e.chineseDescription : e.description }
        if let r = error as? StoredTextError { return r.message(lang) }
        return String(describing: error)
    }
}

/// A message the status row showed, kept for the message history.
public struct LoggedMessage: Sendable, Equatable {
    /// When it was shown (ISO 8601 with offset).
    public var at: String
    /// The message.
    public var text: String
    /// Whether it was an error (or warning).
    public var isError: Bool
}

// MARK: - Scrolling

/// Scrolling as a pure function, so layout steps and drawing agree without drawing changing
/// anything.
enum ScrollWindow {
    /// The first row to show so that row `selected` is among the `visible` rows shown, moving
    /// as little as possible from `scroll`, and never past the end of `count` rows.
    static func follow(selected: Int, scroll: Int, visible: Int, count: Int) -> Int {
        let visible = max(1, visible)
        var s = scroll
        if selected < s { s = selected }
        if selected >= s + visible { s = selected - visible + 1 }
        return max(0, min(s, max(0, count - visible)))
    }
}
