import CNcursesw
import Foundation
import TaizhangScreens

/// Runs an ``App`` on the real terminal through ncursesw: draws each frame's ``CellGrid``
/// (only the cells that changed), reads keys with `get_wch`, and polls for appended lines.
public enum Terminal {
    /// How long `get_wch` waits before the app gets a `.tick` (and looks for appended lines).
    public static let pollMilliseconds: Int32 = 250

    /// Sets the locale so wide characters work: the user's, or C.UTF-8 when theirs is not UTF-8.
    /// Returns the codeset in use.
    @discardableResult
    public static func setUpLocale() -> String {
        setlocale(LC_ALL, "")
        var codeset = String(cString: tz_codeset())
        if !isUTF8(codeset) {
            if setlocale(LC_ALL, "C.UTF-8") == nil { setlocale(LC_ALL, "en_US.UTF-8") }
            codeset = String(cString: tz_codeset())
        }
        return codeset
    }

    static func isUTF8(_ codeset: String) -> Bool {
        let c = codeset.uppercased().replacingOccurrences(of: "-", with: "")
        return c == "UTF8"
    }

    /// Runs `app` until it asks to quit. The caller has set the locale (``setUpLocale()``).
    public static func run(_ app: App) {
        tz_unblock_sigwinch()
        guard initscr() != nil else { return }
        defer { endwin() }
        raw()
        noecho()
        nonl()
        keypad(tz_stdscr(), true)
        set_escdelay(25)
        wtimeout(tz_stdscr(), pollMilliseconds)
        let colours = setUpColours()
        // Bracketed paste: a multi-line paste arrives as one `.paste` instead of keys with Enters.
        writeToTerminal("\u{1B}[?2004h")
        defer { writeToTerminal("\u{1B}[?2004l") }
        var screen = DrawnFrame(colours: colours)
        var reader = KeyReader()
        while true {
            var rows: Int32 = 0, cols: Int32 = 0
            tz_getmaxyx(tz_stdscr(), &rows, &cols)
            var grid = CellGrid(width: Int(cols), height: Int(rows))
            app.render(into: &grid)
            screen.draw(grid)
            guard var key = reader.next() else { continue }
            // A terminal that hung up (window closed, ssh dropped) ends the program.
            if key == .tick && terminalGone() { break }
            if key == .tick && sizeChanged(rows: rows, cols: cols) { key = .resize }
            if key == .resize { screen.invalidate() }
            if app.handle(key).contains(.quit) { break }
        }
    }

    /// Whether the terminal behind standard input has hung up.
    static func terminalGone() -> Bool {
        var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) >= 0 else { return false }
        return p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Whether the kernel reports a size other than ncurses' (a resize whose SIGWINCH did not
    /// arrive); if so, tells ncurses the new size.
    static func sizeChanged(rows: Int32, cols: Int32) -> Bool {
        var r: Int32 = 0, c: Int32 = 0
        guard tz_terminal_size(STDOUT_FILENO, &r, &c) == 0, r != rows || c != cols else { return false }
        resizeterm(r, c)
        return true
    }

    // MARK: - Colours

    /// Colour pairs by ``CellColor``, or nil under `NO_COLOR` or on a terminal without colours.
    private static func setUpColours() -> Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        guard has_colors() else { return false }
        start_color()
        use_default_colors()
        let map: [(CellColor, Int32)] = [(.red, Int32(COLOR_RED)), (.yellow, Int32(COLOR_YELLOW)), (.green, Int32(COLOR_GREEN)),
                                         (.cyan, Int32(COLOR_CYAN)), (.blue, Int32(COLOR_BLUE)), (.magenta, Int32(COLOR_MAGENTA))]
        for (c, fg) in map { init_pair(Int16(c.rawValue), Int16(fg), -1) }
        return true
    }

    /// Writes a control sequence straight to the terminal (modes ncurses does not manage).
    static func writeToTerminal(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    // MARK: - Keys

    /// Reads keys, turning a bracketed paste (`ESC [200~ … ESC [201~`) into one `.paste`.
    struct KeyReader {
        /// Keys read ahead while checking for a paste, handed out first.
        var pending: [Key] = []
        static let start: [Key] = "[200~".map { .char($0) }
        static let end: [Key] = [.escape] + "[201~".map { .char($0) }

        mutating func next() -> Key? {
            if !pending.isEmpty { return pending.removeFirst() }
            let key = readKey()
            guard key == .escape else { return key }
            // Whatever belongs to the same burst is already waiting: look without blocking.
            wtimeout(tz_stdscr(), 0)
            defer { wtimeout(tz_stdscr(), pollMilliseconds) }
            var ahead: [Key] = []
            for expected in KeyReader.start {
                guard let k = readKey(), k != .tick else { break }
                ahead.append(k)
                if k != expected { break }
            }
            guard ahead == KeyReader.start else {
                pending = ahead
                return .escape
            }
            return .paste(readPaste())
        }

        /// Collects pasted keys up to the end marker (or until input pauses).
        private mutating func readPaste() -> String {
            wtimeout(tz_stdscr(), 200)
            var keys: [Key] = []
            while let k = readKey(), k != .tick {
                keys.append(k)
                if keys.count >= KeyReader.end.count, Array(keys.suffix(KeyReader.end.count)) == KeyReader.end {
                    keys.removeLast(KeyReader.end.count)
                    break
                }
            }
            var text = ""
            for k in keys {
                switch k {
                case let .char(c): text.append(c)
                case .enter: text.append("\n")
                case .tab: text.append("\t")
                default: break
                }
            }
            return text
        }
    }

    /// The next key, `.tick` when none came within the poll interval, nil for keys the TUI ignores.
    static func readKey() -> Key? {
        var c: UInt32 = 0
        let r = tz_get_wch(&c)
        if r == ERR { return .tick }
        if r == KEY_CODE_YES { return functionKey(Int32(c)) }
        return Key.fromScalar(c)
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        default:
            for n in 1...12 where code == tz_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    // MARK: - Drawing

    /// The terminal's contents as last drawn, to send only what changed.
    struct DrawnFrame {
        let colours: Bool
        var previous: CellGrid?

        init(colours: Bool) { self.colours = colours }

        mutating func invalidate() {
            previous = nil
            clear()
        }

        mutating func draw(_ grid: CellGrid) {
            if previous?.width != grid.width || previous?.height != grid.height { invalidate() }
            for y in 0..<grid.height {
                for x in 0..<grid.width {
                    let cell = grid[x, y]
                    if cell.isContinuation { continue }
                    if let p = previous, p[x, y] == cell,
                       // A wide character's right half must also be unchanged.
                       !(x + 1 < grid.width && grid[x + 1, y] != p[x + 1, y]) { continue }
                    _ = tz_attrset(attributes(cell.style))
                    var points = cell.text.unicodeScalars.map { UInt32($0.value) }
                    points.withUnsafeMutableBufferPointer { buf in
                        _ = tz_mvaddnwstr(Int32(y), Int32(x), buf.baseAddress, Int32(buf.count))
                    }
                }
            }
            _ = tz_attrset(0)
            if let c = grid.cursor, c.x >= 0, c.x < grid.width, c.y >= 0, c.y < grid.height {
                curs_set(1)
                move(Int32(c.y), Int32(c.x))
            } else {
                curs_set(0)
                move(Int32(max(0, grid.height - 1)), 0)
            }
            refresh()
            previous = grid
        }

        func attributes(_ s: CellStyle) -> Int32 {
            var a: Int32 = 0
            if s.bold { a |= tz_a_bold() }
            if s.reverse { a |= tz_a_reverse() }
            if s.underline { a |= tz_a_underline() }
            if colours, let c = s.color { a |= tz_color_pair(Int32(c.rawValue)) }
            return a
        }
    }
}
