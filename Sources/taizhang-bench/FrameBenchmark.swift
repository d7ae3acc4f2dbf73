import Foundation
import TaizhangDomain
import TaizhangLog
import TaizhangScreens
import TaizhangTerminalCore

/// `taizhang-bench frames --store FILE [--cases N]`: how long the TUI takes from one key to a
/// finished frame on a large ledger.
///
/// Builds the real `App` as `taizhang tui` does (read-only ledger, Chinese labels, today's date)
/// and times `app.handle(key)` plus `app.render(into:)` on a fresh 120x40 grid, as the terminal
/// loop does per key. Typing a filter and plain navigation are timed separately, over every
/// case (status "all"). The first filter keystroke fills the pinyin cache, so it is reported on
/// its own. With `--cases N`, a missing FILE is generated first (about N cases) and a ledger
/// with fewer cases is reported. Each section stops early after ``budget`` seconds of keys, so a
/// slow build still finishes (the key count printed says how far it got).
struct FrameBenchmark {
    let path: String
    let wantedCases: Int?
    static let width = 120
    static let height = 40
    /// Events per case in generated ledgers (1M events gave 182k cases).
    static let eventsPerCase = 5.5
    /// Seconds of measured keys per section before it stops early.
    static let budget = 60.0

    func run() throws {
        if let n = wantedCases, !FileManager.default.fileExists(atPath: path) {
            let events = Int(Double(n) * FrameBenchmark.eventsPerCase) + 1
            var generator = try LedgerGenerator(path: path, seed: 2024)
            let t = try seconds { try generator.generate(events: events) }
            say("generated \(generator.state.cases.count) cases (\(events) events) in \(fmt(t, 1)) s")
        }
        var ledger: Ledger?
        let tOpen = try seconds {
            ledger = try Ledger(path: path, operatorName: "bench", options: LogOpenOptions(create: false, readOnly: true))
        }
        guard let ledger else { return }
        let cases = ledger.state.cases.count
        let open = ledger.state.allCases.reduce(0) { $0 + ($1.status == .open ? 1 : 0) }
        say("ledger: \(path)")
        say("cases: \(cases) (\(open) open), events: \(ledger.state.eventCount), opened in \(fmt(tOpen, 2)) s")
        say("RSS after open: \(fmt(selfRSSMB(), 0)) MB (peak \(fmt(selfPeakRSSMB(), 0)) MB)")
        if let n = wantedCases, cases < n { say("note: fewer cases than --cases \(n)") }

        let ctx = AppContext(ledger: ledger, lang: .zh, storePath: path)
        let app = App(ctx: ctx)
        var frames = FrameClock(app: app)

        // The first frame starts building the filter's search text in the background.
        let buildStart = Date()
        let first = frames.frame()
        say("first frame (open queue): \(ms(first)) ms")
        // `o` twice: open -> closed -> all, so every case is listed and searched.
        let statusKeys = [frames.key(.char("o")), frames.key(.char("o"))]
        say("status to all (2 keys): \(statusKeys.map(ms).joined(separator: ", ")) ms")
        let grid = frames.lastGrid
        say("header row: \(grid.row(1).trimmingCharacters(in: .whitespaces))")

        // (b) Navigation over every case.
        let navKeys: [Key] = Array(repeating: .char("j"), count: 150) + Array(repeating: .char("k"), count: 50)
            + Array(repeating: .pageDown, count: 100) + Array(repeating: .pageUp, count: 30) + [.char("G")]
            + Array(repeating: .up, count: 20) + [.char("g")]
        frames.startSection()
        let nav = frames.keys(navKeys)
        report("navigation (j/k/PgDn/PgUp/G/g)", nav, frames)

        // (a) Typing a filter: `/`, then what a clerk types looking for a person or a village.
        let slash = frames.key(.char("/"))
        let warm = frames.key(.char("张"))
        say("`/`: \(ms(slash)) ms; first filter keystroke `张` (pinyin cache warm-up): \(ms(warm)) ms, \(frames.position)")
        // Until the search text is built, the status row says what share was searched; the
        // loop's ticks (every 250 ms in the terminal) refine the answer.
        var waits = [slash, warm]
        let partial = frames.lastGrid.row(FrameBenchmark.height - 2).contains("已查")
        while frames.lastGrid.row(FrameBenchmark.height - 2).contains("已查"), Date().timeIntervalSince(buildStart) < 300 {
            usleep(20_000)
            waits.append(frames.key(.tick))
        }
        say("search text built \(fmt(Date().timeIntervalSince(buildStart), 2)) s after the first frame; "
            + (partial ? "the first keystroke was answered from the cases built so far, " : "done before the first keystroke, ")
            + "\(waits.count) keys and ticks meanwhile, slowest \(ms(waits.max() ?? 0)) ms (target: no keystroke waits > 16 ms); \(frames.position)")
        say("RSS with the search text: \(fmt(selfRSSMB(), 0)) MB (peak \(fmt(selfPeakRSSMB(), 0)) MB)")
        var typing: [Double] = []
        frames.startSection()
        let rounds = 3
        for round in 0..<rounds {
            if round > 0 { typing += frames.keys(.char("张")) }
            typing += frames.type("伟")                        // 张伟: a full name
            typing += frames.keys(.backspace, .backspace)      // back to empty: every case again
            typing += frames.type("zw")                        // initials of 张伟
            typing += frames.keys(.backspace, .backspace)
            typing += frames.type("lzc")                       // 李家台村 / 李志超…
            typing += frames.keys(.backspace, .backspace, .backspace)
            typing += frames.type("东棘坨镇")                  // a town, one character at a time
            typing += frames.type("王庄")                      // narrowed to a village
            typing += frames.keys(.ctrl("w"))                  // word deleted: every case again
            typing += frames.type("宅基地")                    // a subject in the summary
            typing += frames.keys(.backspace, .backspace, .backspace)
            typing += frames.type("2023")                      // a year (ids and dates)
            typing += frames.keys(.backspace, .backspace, .backspace, .backspace)
        }
        typing += frames.keys(.escape)
        report("filter typing (\(rounds) rounds)", typing, frames)
        say("target: p99 < 16 ms per key")
        say("peak RSS of this process (ledger, queue and search text): \(fmt(selfPeakRSSMB(), 0)) MB")
    }

    private func report(_ label: String, _ samples: [Double], _ frames: FrameClock) {
        let p = percentiles(samples)
        let mx = samples.max() ?? .nan
        say("\(label): \(samples.count) keys, p50 \(ms(p.p50)) ms, p99 \(ms(p.p99)) ms, max \(ms(mx)) ms")
        if ProcessInfo.processInfo.environment["FRAMES_SLOWEST"] != nil {
            let slowest = frames.log.suffix(samples.count).sorted { $0.1 > $1.1 }.prefix(8)
            say("  slowest: " + slowest.map { "\($0.0) \(ms($0.1))" }.joined(separator: ", "))
        }
    }

    private func ms(_ s: Double) -> String { fmt(s * 1000, 2) }
}

/// Writes a line straight to standard output, so progress shows up when piped to a file.
private func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

/// Drives an `App` like the terminal loop: one key, then one frame on a fresh grid.
private struct FrameClock {
    let app: App
    var lastGrid = CellGrid(width: FrameBenchmark.width, height: FrameBenchmark.height)

    /// Renders without a key (the frame drawn on start).
    mutating func frame() -> Double {
        var grid = CellGrid(width: FrameBenchmark.width, height: FrameBenchmark.height)
        let t = seconds { app.render(into: &grid) }
        lastGrid = grid
        return t
    }

    /// Seconds from handling `key` to a finished frame.
    mutating func key(_ key: Key) -> Double {
        var grid = CellGrid(width: FrameBenchmark.width, height: FrameBenchmark.height)
        let t = seconds {
            _ = app.handle(key)
            app.render(into: &grid)
        }
        lastGrid = grid
        return t
    }

    /// Every timed key with the filter text after it (`FRAMES_SLOWEST=1` prints the slowest).
    var log: [(String, Double)] = []
    /// Measured seconds in the current section.
    var spent = 0.0

    mutating func startSection() { spent = 0 }

    /// Times each key in turn until the section's budget is used up.
    mutating func keys(_ list: [Key]) -> [Double] {
        var out: [Double] = []
        for k in list where spent < FrameBenchmark.budget {
            let t = key(k)
            spent += t
            out.append(t)
            log.append(("\(k)→" + (lastGrid.row(FrameBenchmark.height - 2).trimmingCharacters(in: .whitespaces)), t))
        }
        return out
    }

    mutating func keys(_ list: Key...) -> [Double] { keys(list) }

    /// One `.char` per character, as a terminal (or an input method) delivers them.
    mutating func type(_ text: String) -> [Double] { keys(text.map { .char($0) }) }

    /// The list position the queue shows on its last row (`n/total`), for the log.
    var position: String {
        // The queue's area ends above the status row and the key bar.
        let row = lastGrid.row(FrameBenchmark.height - 3)
        return row.split(separator: " ").last { $0.contains("/") && $0.first?.isNumber == true }.map(String.init) ?? "(one page)"
    }
}
