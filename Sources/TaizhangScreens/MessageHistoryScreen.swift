import TaizhangDomain
import TaizhangLog
import TaizhangTerminalCore

/// `h`: the messages the status row showed, newest first, each with its time and wrapped to
/// the screen's width, so a message longer than one row can be read in full.
public final class MessageHistoryScreen: Screen {
    private var scroll = 0
    private var pageSize = 10
    /// The lines as drawn, wrapped at the last layout's width.
    private var body: [(String, CellStyle)] = []

    /// The history of the context it is opened in.
    public init() {}

    // MARK: - Keys

    /// What the message history's keys stand for.
    public enum Action: Sendable, Equatable { case up, down, pageUp, pageDown, top, bottom, back }

    /// The message history's keys.
    public static let keyTable = KeyTable<Action, Void>(
        title: "Message history (`h`)",
        notes: "Lists the last 200 messages of the status row (what was saved, refused or failed), newest first, each with\n"
            + "the time it was shown and in full, wrapped over as many rows as it needs.", [
        KeyBinding([(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], "↑/↓ j/k", Words.Detail.scroll,
                   doc: "scroll", docKeys: "↑ / ↓, `j` / `k`"),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown)], "PgUp/PgDn", Words.Common.page, bar: false, doc: "scroll a page",
                   docKeys: "PgUp / PgDn"),
        KeyBinding([(.char("g"), .top), (.home, .top), (.char("G"), .bottom), (.end, .bottom)], "g/G", Words.Detail.topBottom,
                   bar: false, doc: "top / bottom", docKeys: "`g` / `G`, Home / End"),
        KeyBinding([.char("q"), .escape, .char("h")], "q", .back, Words.Common.back, doc: "back", docKeys: "`q` / Esc / `h`"),
    ])

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar((), ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help((), ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard case let .run(action) = Self.keyTable.resolve(key, ()) else { return .none }
        switch action {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - pageSize)
        case .pageDown: scroll += pageSize
        case .top: scroll = 0
        case .bottom: scroll = Int.max / 2
        case .back: return .back
        }
        return .none
    }

    /// The history as styled lines `width` cells wide: the time, then the message wrapped
    /// under it.
    static func lines(_ log: [LoggedMessage], width: Int, lang: Language) -> [(String, CellStyle)] {
        guard !log.isEmpty else { return [(Words.Messages.empty[lang], .hint)] }
        var out: [(String, CellStyle)] = []
        for m in log.reversed() {
            // `2024-03-05T09:12:33.120+08:00` -> `2024-03-05 09:12:33`.
            let when = String(m.at.prefix(19)).replacingOccurrences(of: "T", with: " ")
            let text = when + "  " + Escaping.visible(m.text)
            for line in CaseFormat.wrap(text, width: width, indent: DisplayWidth.of(when) + 2) {
                out.append((line, m.isError ? .alert : .plain))
            }
        }
        return out
    }

    // MARK: - Layout and drawing

    public func layout(_ area: Rect, _ ctx: AppContext) {
        body = Self.lines(ctx.messageLog, width: area.width - 2, lang: ctx.lang)
        let visible = area.height - 1
        pageSize = max(1, visible - 1)
        scroll = max(0, min(scroll, max(0, body.count - visible)))
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        grid.put(Words.Messages.title(ctx.messageLog.count)[ctx.lang], x: area.x + 1, y: area.y, width: area.width - 2, style: .bold)
        let visible = area.height - 1
        let scroll = max(0, min(self.scroll, max(0, body.count - visible)))
        for (n, line) in body[scroll..<min(body.count, scroll + visible)].enumerated() {
            grid.put(line.0, x: area.x + 1, y: area.y + 1 + n, width: area.width - 2, style: line.1)
        }
    }
}
