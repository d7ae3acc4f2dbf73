import Foundation
import TaizhangDomain
import TaizhangLog
import TaizhangSearch

/// `taizhang-bench search --store FILE`: how long the filter's search text takes to build over
/// every case of a large ledger, on one thread and on the default number, and what a filter
/// typed while it builds in the background waits for (its answers come from the pieces built so
/// far). Peak memory is reported after each build.
struct SearchBenchmark {
    let path: String
    /// Needles typed while the text builds, in turn.
    static let needles = ["张", "张伟", "zw", "宅基地", "2023", "lzc"]

    func run() throws {
        let ledger = try Ledger(path: path, operatorName: "bench", options: LogOpenOptions(create: false, readOnly: true))
        let state = ledger.state
        print("search text over \(state.records.count) cases (\(state.eventCount) events); RSS after open \(fmt(selfRSSMB(), 0)) MB")
        for workers in Set([1, CaseSearchIndex.defaultWorkers]).sorted() {
            let index = CaseSearchIndex(workers: workers)
            var hits = 0
            let t = seconds { hits = index.rows(matching: "张伟", in: state).count }
            print("built on the first search, \(workers) thread\(workers == 1 ? "" : "s"): \(fmt(t, 2)) s (\(hits) cases match 张伟); peak RSS \(fmt(selfPeakRSSMB(), 0)) MB")
            if let f = index.footprint {
                let mb = { (b: Int) in fmt(Double(b) / 1_048_576, 0) }
                print("  held: texts \(mb(f.text)) MB, initials \(mb(f.initials)) MB, exact bits and signatures \(mb(f.bits)) MB, row bounds and stamps \(mb(f.rows)) MB")
            }
        }
        // In the background, as the queue builds it, with a keystroke every 50 ms meanwhile.
        let index = CaseSearchIndex()
        let start = Date()
        index.prepare(state, threshold: 0)
        var waits: [Double] = []
        var partial = 0
        var k = 0
        while index.buildProgress != nil {
            var answer: CaseSearchIndex.Answer?
            waits.append(seconds { answer = index.answer(matching: SearchBenchmark.needles[k % SearchBenchmark.needles.count], in: state) })
            if answer?.isComplete == false { partial += 1 }
            k += 1
            usleep(50_000)
        }
        let built = Date().timeIntervalSince(start)
        let p = percentiles(waits)
        print("built in the background: \(fmt(built, 2)) s; \(waits.count) keystrokes meanwhile (\(partial) answered from the pieces built so far): "
              + "p50 \(fmt(p.p50 * 1000, 2)) ms, p99 \(fmt(p.p99 * 1000, 2)) ms, max \(fmt((waits.max() ?? 0) * 1000, 2)) ms")
        print("target: built in < 1.5 s at 200k cases, no keystroke waits > 16 ms")
        withExtendedLifetime(ledger) {}
    }
}
