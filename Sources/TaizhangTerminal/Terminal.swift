import CNcursesw
import Foundation
import TaizhangTerminalCore

/// Setting up the process for the terminal UI.
public enum Terminal {
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

    /// Why the terminal named `term` (the `TERM` variable) cannot run the TUI.
    public enum Unusable: Sendable, Equatable {
        /// `TERM` is not set.
        case unset
        /// Terminfo has no entry for it.
        case unknown(String)
        /// It cannot move the cursor or clear the screen (`dumb`, an editor's shell buffer).
        case dumb(String)
    }

    /// Nil when `term` can run a full-screen program, else why not; asks terminfo only, so it
    /// runs before ncurses would print its own message and exit.
    public static func unusable(term: String?) -> Unusable? {
        guard let term, !term.isEmpty else { return .unset }
        if term == "dumb" { return .dumb(term) }
        switch tz_terminal_usable(term) {
        case 1: return nil
        case 0: return .unknown(term)
        default: return .dumb(term)
        }
    }

    static func isUTF8(_ codeset: String) -> Bool {
        let c = codeset.uppercased().replacingOccurrences(of: "-", with: "")
        return c == "UTF8"
    }
}

/// The real terminal through ncursesw: ncurses draws (only the cells that changed, from
/// ``FrameDiffer``), and the terminal's bytes are read from standard input and decoded by the
/// core's ``KeyReader``, so the key handling is the one the unit tests cover.
///
/// Bracketed paste is switched on, so a multi-line paste arrives as one `.paste`.
public final class NcursesBackend: TerminalBackend {
    let colours: Bool
    var differ = FrameDiffer()
    var reader: KeyReader<TerminalInput>
    var open = true

    /// Takes over the terminal (the caller has set the locale with ``Terminal/setUpLocale()``);
    /// nil when ncurses cannot start. ``close()`` gives it back.
    public init?() {
        tz_unblock_sigwinch()
        guard initscr() != nil else { return nil }
        raw()
        noecho()
        nonl()
        colours = NcursesBackend.setUpColours()
        reader = KeyReader(source: TerminalInput(fd: STDIN_FILENO))
        NcursesBackend.writeToTerminal("\u{1B}[?2004h")
    }

    deinit { close() }

    /// Restores the terminal; safe to call more than once.
    public func close() {
        guard open else { return }
        open = false
        NcursesBackend.writeToTerminal("\u{1B}[?2004l")
        endwin()
    }

    public var size: TerminalSize {
        var rows: Int32 = 0, cols: Int32 = 0
        tz_getmaxyx(tz_stdscr(), &rows, &cols)
        return TerminalSize(width: Int(cols), height: Int(rows))
    }

    public func draw(_ grid: CellGrid) {
        let update = differ.update(to: grid)
        if update.clearsScreen { clear() }
        for run in update.runs {
            _ = tz_attrset(attributes(run.style))
            for (i, cell) in run.cells.enumerated() where !cell.isContinuation {
                var points = cell.text.unicodeScalars.map { UInt32($0.value) }
                points.withUnsafeMutableBufferPointer { buf in
                    _ = tz_mvaddnwstr(Int32(run.y), Int32(run.x + i), buf.baseAddress, Int32(buf.count))
                }
            }
        }
        _ = tz_attrset(0)
        if let c = update.cursor {
            curs_set(1)
            move(Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
            move(Int32(max(0, grid.height - 1)), 0)
        }
        refresh()
    }

    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        let key = reader.next(timeoutMilliseconds: timeoutMilliseconds)
        // What a resize leaves on screen is the terminal's business: draw the next frame whole.
        if key == .resize { differ.invalidate() }
        return key
    }

    public func suspend() {
        NcursesBackend.writeToTerminal("\u{1B}[?2004l")
        def_prog_mode()
        endwin()
    }

    public func resume() {
        reset_prog_mode()
        NcursesBackend.writeToTerminal("\u{1B}[?2004h")
        differ.invalidate()
        refresh()
    }

    // MARK: - Colours

    /// Colour pairs by ``CellColor``; false under `NO_COLOR` or on a terminal without colours.
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

    func attributes(_ s: CellStyle) -> Int32 {
        var a: Int32 = 0
        if s.bold { a |= tz_a_bold() }
        if s.reverse { a |= tz_a_reverse() }
        if s.underline { a |= tz_a_underline() }
        if colours, let c = s.color { a |= tz_color_pair(Int32(c.rawValue)) }
        return a
    }

    /// Writes a control sequence straight to the terminal (modes ncurses does not manage).
    static func writeToTerminal(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}

/// Standard input of the terminal, waited on with `poll`. A size change (SIGWINCH interrupts the
/// wait; the size is also checked after every wait, for a SIGWINCH that never arrives) is
/// passed to ncurses and reported; a hang-up ends the input.
struct TerminalInput: InputSource {
    let fd: Int32
    var buffer = [UInt8](repeating: 0, count: 4096)
    var lastSize: (rows: Int32, cols: Int32)?

    init(fd: Int32) {
        self.fd = fd
        var r: Int32 = 0, c: Int32 = 0
        if tz_terminal_size(STDOUT_FILENO, &r, &c) == 0 { lastSize = (r, c) }
    }

    mutating func wait(milliseconds: Int) -> InputEvent {
        let deadline = TerminalInput.now() + Double(milliseconds) / 1000
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let remaining = max(0, Int32(((deadline - TerminalInput.now()) * 1000).rounded(.up)))
            let r = poll(&p, 1, remaining)
            let pollErrno = errno
            if resized() { return .resized }
            if r < 0 {
                if pollErrno == EINTR { continue }
                return .closed
            }
            if r == 0 { return .timeout }
            if p.revents & Int16(POLLIN) != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n > 0 { return .bytes(Array(buffer[0..<n])) }
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                return .closed
            }
            // A terminal that hung up (window closed, ssh dropped) ends the program.
            if p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .closed }
        }
    }

    /// Whether the kernel's terminal size changed since the last look; if it differs from
    /// ncurses' idea, tells ncurses.
    mutating func resized() -> Bool {
        var r: Int32 = 0, c: Int32 = 0
        guard tz_terminal_size(STDOUT_FILENO, &r, &c) == 0 else { return false }
        defer { lastSize = (r, c) }
        guard let last = lastSize, last.rows != r || last.cols != c else { return false }
        var rows: Int32 = 0, cols: Int32 = 0
        tz_getmaxyx(tz_stdscr(), &rows, &cols)
        if rows != r || cols != c { resizeterm(r, c) }
        return true
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
