// taizhang-bench: generates district-scale ledgers and measures taizhang against its peers.
//
//   swift run -c release taizhang-bench generate --events N -o FILE [--seed S]
//   swift run -c release taizhang-bench run [--sizes 10000,100000,1000000] [--dir DIR] [--frame-cases N]
//   swift run -c release taizhang-bench frames --store FILE [--cases N]
//   swift run -c release taizhang-bench people FILE [--no-repeats]
//   swift run -c release taizhang-bench layout FILE      (what the open state is made of)
//
// Run on purpose, never from the tests. Prints a table; docs/benchmarks.md records the results.
import Foundation
import TaizhangDomain
import TaizhangLog

func argument(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

#if os(Linux)
/// mimalloc's `mi_collect`: hands pages freed by the last ledger back to the system. Without
/// it mimalloc keeps them a while for reuse, and a process that opens three ledgers in a row
/// shows them as resident memory that grows a little with each open.
@_silgen_name("mi_collect") func mimallocCollect(_ force: Bool)
func releaseFreedMemory() { mimallocCollect(true) }
#endif

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "generate":
    guard let n = argument("--events", in: args).flatMap({ Int($0) }), let out = argument("-o", in: args) else {
        print("usage: taizhang-bench generate --events N -o FILE [--seed S]")
        exit(64)
    }
    let seed = argument("--seed", in: args).flatMap { UInt64($0) } ?? 2024
    var generator = try LedgerGenerator(path: out, seed: seed)
    let t = try seconds { try generator.generate(events: n) }
    print("wrote \(generator.state.eventCount) events, \(generator.state.cases.count) cases, \(generator.writer.bytesWritten / 1_000_000) MB to \(out) in \(fmt(t, 1)) s")
case "layout":
    // What the state of an opened ledger holds: counts of its parts and their sizes in memory.
    guard args.count >= 2 else {
        print("usage: taizhang-bench layout FILE")
        exit(64)
    }
    let l = try Ledger(path: args[1], operatorName: "bench", options: LogOpenOptions(create: false, readOnly: true))
    var timeline = 0, notes = 0, fields = 0
    for c in l.state.records { timeline += c.timeline.count; notes += c.notes.count; fields += c.fields.count }
    let cases = l.state.records.count
    func mb(_ n: Int, _ stride: Int) -> String { "\(fmt(Double(n * stride) / 1_000_000, 1)) MB" }
    print("cases       \(cases) x \(MemoryLayout<CaseRecord>.stride) B = \(mb(cases, MemoryLayout<CaseRecord>.stride))")
    print("timeline    \(timeline) x \(MemoryLayout<TimelineEntry>.stride) B = \(mb(timeline, MemoryLayout<TimelineEntry>.stride))")
    print("notes       \(notes) x \(MemoryLayout<CaseNote>.stride) B = \(mb(notes, MemoryLayout<CaseNote>.stride))")
    print("fields      \(fields) x \(MemoryLayout<StoredText>.stride) B (a key in each value's padding) = \(mb(fields, MemoryLayout<StoredText>.stride))")
    print("party keys  \(l.state.partyKeys.map { "\($0.rows) cases" } ?? "none (no snapshot)")")
    print("RSS with the ledger open: \(fmt(selfRSSMB(), 0)) MB")
    exit(0)
case "profile":
    try profileReplay(path: args[1])
case "open":
    // Times opening a ledger in process (`--no-snapshot` for a full replay), three times.
    guard args.count >= 2 else {
        print("usage: taizhang-bench open FILE [--no-snapshot]")
        exit(64)
    }
    if args.contains("--no-snapshot") { setenv("TAIZHANG_SNAPSHOT", "off", 1) }
    // Each ledger is let go before the next open (after its timing), so the resident memory
    // printed after each open shows whether opening leaks: it should stay flat. (An earlier
    // version kept all three, which is what made it grow by a ledger per open.)
    for round in 1...3 {
        var ledger: Ledger? = nil
        let t = try seconds {
            ledger = try Ledger(path: args[1], operatorName: "bench", options: LogOpenOptions(create: false, readOnly: true))
        }
        let cases = ledger!.state.cases.count
        let held = selfRSSMB()
        ledger = nil
        #if os(Linux)
        releaseFreedMemory()
        #endif
        print("open \(round): \(fmt(t)) s, \(cases) cases, RSS \(fmt(held, 0)) MB while open, \(fmt(selfRSSMB(), 0)) MB after it is let go, peak \(fmt(selfPeakRSSMB(), 0)) MB")
    }
    exit(0)
case "people":
    // The people lookups (`person`, the match at entry, the index, `repeats`) on one ledger.
    guard args.count >= 2 else {
        print("usage: taizhang-bench people FILE [--no-repeats]")
        exit(64)
    }
    var people = PeopleBenchmark(path: args[1])
    people.repeats = !args.contains("--no-repeats")
    print("== people lookups: \(args[1]) ==")
    try people.run()
case "frames":
    guard let store = argument("--store", in: args) else {
        print("usage: taizhang-bench frames --store FILE [--cases N]")
        exit(64)
    }
    try FrameBenchmark(path: store, wantedCases: argument("--cases", in: args).flatMap { Int($0) }).run()
case "search":
    guard let store = argument("--store", in: args) else {
        print("usage: taizhang-bench search --store FILE")
        exit(64)
    }
    try SearchBenchmark(path: store).run()
case "run":
    let sizes = (argument("--sizes", in: args) ?? "10000,100000,1000000").split(separator: ",").compactMap { Int($0) }
    let dir = argument("--dir", in: args) ?? NSTemporaryDirectory() + "taizhang-bench"
    var benchmark = Benchmark(directory: dir, sizes: sizes)
    if let cases = argument("--frame-cases", in: args).flatMap({ Int($0) }) { benchmark.frameCases = cases }
    try benchmark.run()
default:
    print("usage: taizhang-bench generate --events N -o FILE [--seed S] | run [--sizes 10000,100000,1000000] [--dir DIR] [--frame-cases N (0: none)] | frames --store FILE [--cases N] | search --store FILE | open FILE [--no-snapshot] | profile FILE | people FILE [--no-repeats]")
    exit(64)
}
