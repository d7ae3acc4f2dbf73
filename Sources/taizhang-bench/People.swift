import Foundation
import TaizhangDomain
import TaizhangLog
import TaizhangSearch

/// The people lookups on a ledger: `taizhang person` as a process (with the snapshot), the
/// earlier cases of a party at entry as `taizhang add` finds them (on the snapshot's hashes of the parties, and reading every case) and as
/// the TUI's form finds them (on the people index), the index's build and how it follows a
/// change, and `taizhang repeats`. Prints figures; asserts nothing.
struct PeopleBenchmark {
    let path: String
    /// The release binaries sit beside this one.
    var binDir: String { (CommandLine.arguments[0] as NSString).deletingLastPathComponent }
    /// Also time `taizhang repeats` (several seconds at 1M events).
    var repeats = true

    func row(_ what: String, _ value: String, _ extra: String = "") {
        print("  \(what.padding(toLength: 44, withPad: " ", startingAt: 0)) \(value.padding(toLength: 12, withPad: " ", startingAt: 0)) \(extra)")
    }

    /// A petitioner who has a phone: the party a new petition is entered for. The latest one,
    /// so that the name has earlier cases of its own and of namesakes.
    static func party(_ state: LedgerState) -> (name: String, phone: String, subject: String)? {
        for c in state.records.reversed() where c.kind == .petition && !c["phone"].isEmpty && c.status != .voided {
            return (c["petitioner"], c["phone"], c["subject"])
        }
        return nil
    }

    func run(runs: Int = 3) throws {
        let tz = binDir + "/taizhang"
        _ = spawnMeasured([tz, "list", "--store", path])  // writes the snapshot when it is missing
        let state = try Ledger(path: path, operatorName: "bench", options: LogOpenOptions(create: false, readOnly: true)).state
        guard let party = Self.party(state) else {
            print("  (no petition with a phone: no people figures)")
            return
        }
        for (what, query) in [("taizhang person NAME (process, snapshot)", party.name), ("taizhang person PHONE (process, snapshot)", party.phone)] {
            let c = bestChild(runs, [tz, "person", query, "--store", path])
            row(what, c.status == 0 ? "\(fmt(c.seconds)) s" : "failed", c.status == 0 ? "peak RSS \(fmt(c.maxRSSMB, 0)) MB" : "exit \(c.status)")
        }

        // At entry, as `taizhang add` does it: the cases the hashes point to, then the ranking.
        let today = BusinessDate(year: 2024, month: 12, day: 31)!
        var found = 0
        let cli = best(runs * 3) {
            let scanned = PeopleIndex.scan(names: [party.name], idNumber: nil, phone: party.phone, in: state)
            found = Repeats.earlierCases(scanned, idNumber: nil, subject: party.subject, date: today, in: state).count
        }
        row("entry match, add (on the snapshot's hashes)", "\(fmt(cli * 1000, 1)) ms", "\(found) earlier cases of \(party.name)")
        // The same without the snapshot's hashes of the parties: every case's parties read.
        var everyCase = state
        everyCase.dropPartyKeys()
        let pass = best(runs * 3) {
            let scanned = PeopleIndex.scan(names: [party.name], idNumber: nil, phone: party.phone, in: everyCase)
            _ = Repeats.earlierCases(scanned, idNumber: nil, subject: party.subject, date: today, in: everyCase)
        }
        row("entry match, add (reading every case)", "\(fmt(pass * 1000, 1)) ms", state.partyKeys == nil ? "(this state has no hashes)" : "")
        let byName = best(runs * 3) { _ = PeopleIndex.scan(names: [party.name], idNumber: nil, phone: nil, in: state) }
        row("person NAME's pass alone (in process)", "\(fmt(byName * 1000, 1)) ms")

        // The TUI: the index is built once (in the background while the form is filled in),
        // then every frame of a petition form asks it.
        var index: PeopleIndex?
        let build = seconds { index = PeopleIndex(state) }
        row("people index build (TUI, once)", "\(fmt(build)) s", "\(state.records.count) cases")
        var samples: [Double] = []
        for _ in 0..<200 {
            samples.append(seconds {
                let m = index!.matches(names: [party.name], idNumber: nil, phone: party.phone, in: state)
                _ = Repeats.earlierCases(m, idNumber: nil, subject: party.subject, date: today, in: state)
            })
        }
        let (p50, p99) = percentiles(samples)
        row("entry match, TUI form (on the index)", "\(fmt(p50 * 1000, 2)) ms", "p99 \(fmt(p99 * 1000, 2)) ms")

        try follow(runs: runs)

        if repeats {
            let c = bestChild(1, [tz, "repeats", "--format", "json", "--store", path])
            row("taizhang repeats --format json (process)", c.status == 0 ? "\(fmt(c.seconds, 2)) s" : "failed",
                c.status == 0 ? "peak RSS \(fmt(c.maxRSSMB, 0)) MB" : "exit \(c.status)")
        }
    }

    /// How the index follows a save, on a copy of the ledger: a note (keys unchanged) and an
    /// edit of the petitioner's name (the case filed anew).
    func follow(runs: Int) throws {
        let dir = NSTemporaryDirectory() + "taizhang-bench-people-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let copy = dir + "/ledger.jsonl"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        if FileManager.default.fileExists(atPath: SnapshotFile.path(forLog: path)) {
            try FileManager.default.copyItem(atPath: SnapshotFile.path(forLog: path), toPath: SnapshotFile.path(forLog: copy))
        }
        let ledger = try Ledger(path: copy, operatorName: "bench")
        let index = PeopleIndex(ledger.state)
        guard let target = ledger.state.records.last(where: { $0.kind == .petition && $0.status != .voided }) else { return }
        let today = BusinessDate(year: 2024, month: 12, day: 31)!
        var note = Double.infinity, edit = Double.infinity
        for i in 0..<runs {
            try ledger.perform(.note(id: target.id.description, text: "基准测试备注 \(i)"), today: today)
            note = min(note, seconds { index.follow(ledger.state) })
            try ledger.perform(.update(id: target.id.description, fields: [FieldInput("petitioner", "基准测试\(i)")]), today: today)
            edit = min(edit, seconds { index.follow(ledger.state) })
        }
        row("people index after a note (TUI)", "\(fmt(note * 1000, 1)) ms", "was a whole rebuild")
        row("people index after a name edited (TUI)", "\(fmt(edit * 1000, 1)) ms")
    }
}
