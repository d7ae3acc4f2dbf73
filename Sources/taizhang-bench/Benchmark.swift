import Foundation
import TaizhangDomain
import TaizhangLog
import TaizhangReport
import TaizhangScreens
import TaizhangTerminalCore
#if canImport(Glibc)
import Glibc
#endif

/// The benchmark run: for each size, taizhang's figures and its peers' on the same file.
struct Benchmark {
    let directory: String
    let sizes: [Int]
    /// Cases of the ledger the TUI's key-to-frame times are taken on (0: skipped).
    var frameCases = 200_000

    /// The release binaries sit beside this one.
    var binDir: String { (CommandLine.arguments[0] as NSString).deletingLastPathComponent }

    func file(for n: Int) -> String { "\(directory)/ledger-\(n).jsonl" }

    func run() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        printMachine()
        for n in sizes {
            let path = file(for: n)
            if !FileManager.default.fileExists(atPath: path) {
                var g = try LedgerGenerator(path: path, seed: 2024)
                let t = try seconds { try g.generate(events: n) }
                print("generated \(path) in \(fmt(t, 1)) s")
            }
            try measure(path: path, events: n)
        }
        if frameCases > 0 { try measureFrames() }
    }

    /// The TUI's key-to-frame times (``FrameBenchmark``) in a process of their own, so its
    /// memory is its own: on a ledger of about `frameCases` cases, generated when missing.
    func measureFrames() throws {
        let events = Int(Double(frameCases) * FrameBenchmark.eventsPerCase)
        let path = "\(directory)/ledger-\(events).jsonl"
        print("\n== key to frame in the TUI, 120x40, about \(frameCases) cases ==")
        fflush(nil)  // this process's lines first (nil: every output stream)
        // Waited for in `wait4`: Foundation's `Process.waitUntilExit` spins a run loop with
        // nothing to wait on, which took a core from the frames being timed.
        let child = spawnRaw([CommandLine.arguments[0], "frames", "--store", path, "--cases", String(frameCases)],
                             environment: [:], stdoutPath: nil)
        if child.status != 0 {
            print("the frames run failed (exit status \(child.status)); its figures above are incomplete")
            exit(1)
        }
    }

    func printMachine() {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "?"
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB")
    }

    func measure(path: String, events: Int) throws {
        let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
        let mb = bytes / 1_000_000
        let runs = events >= 1_000_000 ? 2 : 3
        print("\n== \(events) events, \(fmt(mb, 1)) MB ==")
        func row(_ what: String, _ value: String, _ extra: String = "") {
            print("  \(what.padding(toLength: 44, withPad: " ", startingAt: 0)) \(value.padding(toLength: 12, withPad: " ", startingAt: 0)) \(extra)")
        }

        // Full replay with hash verification, in process, no snapshot.
        setenv("TAIZHANG_SNAPSHOT", "off", 1)
        var state = LedgerState()
        var head = ""
        var kept: [Ledger] = []  // freed after timing, not inside it
        let replay = try best(runs) {
            let ledger = try Ledger(path: path, operatorName: "bench", options: LogOpenOptions(create: false, readOnly: true))
            state = ledger.state
            head = ledger.log.headHash
            kept.append(ledger)
        }
        kept.removeAll()
        row("full replay (parse + SHA-256 chain + fold)", "\(fmt(replay)) s", "\(fmt(mb / replay, 0)) MB/s, \(state.cases.count) cases")
        unsetenv("TAIZHANG_SNAPSHOT")

        // Peers on the same file, line by line.
        let peers: [(String, [String])] = [
            ("cat", ["cat", path]),
            ("openssl dgst -sha256", ["openssl", "dgst", "-sha256", path]),
            ("jq -c .seq", ["jq", "-c", ".seq", path]),
            ("python json (line by line)", ["python3", "-c", "import json,sys\nfor l in open(sys.argv[1],'rb'): json.loads(l)", path]),
            ("orjson (line by line)", ["python3", "-c", "import orjson,sys\nfor l in open(sys.argv[1],'rb'): orjson.loads(l)", path]),
        ]
        var peerSeconds: [String: Double] = [:]
        for (name, argv) in peers {
            let c = bestChild(runs, argv)
            if c.status != 0 { row(name, "failed", "exit \(c.status)"); continue }
            peerSeconds[name] = c.seconds
            row(name, "\(fmt(c.seconds)) s", "taizhang replay / \(name) = \(fmt(replay / c.seconds, 2))")
        }

        // Whole processes: list of open cases, without and with a snapshot.
        let tz = binDir + "/taizhang"
        let listArgs = [tz, "list", "--status", "open", "--store", path, "--read-only"]
        let cold = bestChild(runs, listArgs, environment: ["TAIZHANG_SNAPSHOT": "off"])
        row("taizhang list --status open (no snapshot)", "\(fmt(cold.seconds)) s", "peak RSS \(fmt(cold.maxRSSMB, 0)) MB")
        _ = spawnMeasured([tz, "list", "--store", path])  // writes the snapshot
        // The same without --read-only and with no snapshot on disk: the process replays and
        // writes the snapshot as a side effect, which is counted.
        let snapshotPath = path + ".snapshot"
        var written = ChildCost(seconds: .infinity, maxRSSMB: 0, status: 0)
        for _ in 0..<runs {
            unlink(snapshotPath)
            let c = spawnMeasured([tz, "list", "--status", "open", "--store", path])
            if c.seconds < written.seconds { written = c }
        }
        row("taizhang list --status open (writes snapshot)", "\(fmt(written.seconds)) s", "peak RSS \(fmt(written.maxRSSMB, 0)) MB")
        let warm = bestChild(runs, listArgs)
        row("taizhang list --status open (snapshot)", "\(fmt(warm.seconds)) s", "peak RSS \(fmt(warm.maxRSSMB, 0)) MB")
        let summaryYear = bestChild(runs, [tz, "summary", "--year", "2024", "--store", path])
        if summaryYear.status != 0 { row("taizhang summary --year 2024", "failed", "exit \(summaryYear.status)") }
        row("taizhang summary --year 2024 (snapshot)", "\(fmt(summaryYear.seconds)) s", "peak RSS \(fmt(summaryYear.maxRSSMB, 0)) MB")

        // Open with a valid snapshot, in process.
        let snapOpen = try best(runs) {
            kept.append(try Ledger(path: path, operatorName: "bench", options: LogOpenOptions(create: false, readOnly: true)))
        }
        kept.removeAll()
        row("open with snapshot (in process)", "\(fmt(snapOpen)) s")



        // The year summary on an open ledger.
        let year = 2024
        let today = BusinessDate(year: 2024, month: 12, day: 31)!
        let summary = best(runs) {
            _ = YearSummary(state: state, year: year, today: today, events: state.eventCount, head: head, generatedAt: "")
        }
        row("year summary on an open ledger", "\(fmt(summary)) s")

        // The people lookups: `person`, the match at entry, the index (docs/benchmarks.md).
        var people = PeopleBenchmark(path: path)
        people.repeats = events < 1_000_000  // several seconds at 1M: `people FILE` times it
        // Its own open, with the snapshot: the replayed state above has no hashes of the
        // parties, and `person` and `add` read the snapshot's.
        try people.run(runs: runs)

        // Appends with fsync, on a copy.
        let copy = "\(directory)/append-copy.jsonl"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let ledger = try Ledger(path: copy, operatorName: "bench")
        let target = ledger.state.order.first!.description
        var samples: [Double] = []
        for i in 0..<200 {
            samples.append(try seconds { try ledger.perform(.note(id: target, text: "基准测试备注 \(i)"), today: today) })
        }
        let (p50, p99) = percentiles(samples)
        row("append with fsync p50 / p99", "\(fmt(p50 * 1000, 2)) ms", "p99 \(fmt(p99 * 1000, 2)) ms")
        try? FileManager.default.removeItem(atPath: copy)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix("append-copy") {
            try? FileManager.default.removeItem(atPath: "\(directory)/\(name)")
        }
        // Three full replays in one process, each ledger let go before the next: resident
        // memory after each should stay flat (a process of its own, so the memory is its own).
        fflush(nil)
        _ = spawnRaw([CommandLine.arguments[0], "open", path, "--no-snapshot"], environment: [:], stdoutPath: nil)

        // Open with the snapshot and draw the queue's first frame at 120x40, in process. Last,
        // and once: on a large ledger the queue then starts building its search text in the
        // background, which would disturb any figure taken after it.
        var apps: [App] = []
        let firstFrame = try best(1) {
            let ledger = try Ledger(path: path, operatorName: "bench", options: LogOpenOptions(create: false, readOnly: true))
            let app = App(ctx: AppContext(ledger: ledger, lang: .zh, storePath: path))
            var grid = CellGrid(width: 120, height: 40)
            app.render(into: &grid)
            apps.append(app)
        }
        apps.removeAll()
        row("open with snapshot + first queue frame", "\(fmt(firstFrame)) s", "120x40, in process")
        row("peak RSS of this benchmark process", "\(fmt(selfPeakRSSMB(), 0)) MB")

        // Peers on the same number of cases.
        try Peers(directory: directory, runs: runs).measure(state: state, list: warm.seconds, summary: summaryYear.seconds, row: row)

        // The targets' ratios, from figures of this run.
        print("  targets:")
        if let orjson = peerSeconds["orjson (line by line)"] {
            row("  list, no snapshot / orjson (<= 0.7)", fmt(cold.seconds / orjson, 2), "writing the snapshot: \(fmt(written.seconds / orjson, 2))")
        }
        if let sha = peerSeconds["openssl dgst -sha256"] {
            row("  full replay / openssl dgst -sha256 (<= 3)", fmt(replay / sha, 2), "")
        }
        row("  list with snapshot (< 0.15 s)", "\(fmt(warm.seconds)) s", "")
        row("  first queue frame with snapshot (< 0.25 s)", "\(fmt(firstFrame)) s", "in process, from the open")
    }
}
