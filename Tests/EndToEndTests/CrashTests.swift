import Foundation
import Testing
import TaizhangLog
import TaizhangRandom
import TaizhangTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Writers killed with SIGKILL at random moments: every append a writer reported as done is in
/// the log, and after the next open (which sets aside any torn line) the chain verifies.
///
/// The kill moments come from a seed new on every run, named in every failure message;
/// `TAIZHANG_TEST_SEED` replays one (the moments then repeat, the writers' speed need not).
@Suite struct CrashTests {
    @Test func killedWritersLoseNothingTheyReported() throws {
        let f = CLIFixture()
        try f.tz("add", "consultation", "--set", "unit=station", "--set", "client=张三", "--set", "topic=labor")
        let seed = TestSeed.fresh()
        print("CrashTests: \(seed)")
        var generator = SplitMix64(seed: seed.value)
        var reported: [String] = []
        for round in 0..<6 {
            let writers = try (0..<3).map { i in
                try RunningProgram(Binaries.path("taizhang-stress"), ["write", f.store, "C-2024-0001", "100000", "r\(round)w\(i)"])
            }
            // Let them run a random while, then kill each at its own random moment.
            for w in writers {
                let deadline = Date().addingTimeInterval(Double.random(in: 0.05...0.4, using: &generator))
                while Date() < deadline && w.stdout.isEmpty { usleep(1000) }
                while Date() < deadline { usleep(1000) }
                kill(w.process.processIdentifier, SIGKILL)
            }
            for w in writers {
                let r = w.finish()
                #expect(r.status == SIGKILL || r.status == 0, "writer ended with \(r.status): \(r.stderr); \(seed)")
                reported += r.stdout.split(separator: "\n").map(String.init)
            }
        }
        #expect(!reported.isEmpty, "no writer reported any append; \(seed)")
        // Opening (as the CLI does) recovers a torn tail, then everything must verify.
        let list = try f.tz("list", "--status", "all")
        #expect(list.status == 0, "\(list.stderr); \(seed)")
        let report = try LogVerifier.verify(path: f.store)
        #expect(report.ok, "\(report.problems); \(seed)")
        let text = try String(contentsOfFile: f.store, encoding: .utf8)
        var missing = 0
        for line in reported {
            // "ok SEQ TAG N": the note text is "TAG N".
            let parts = line.split(separator: " ")
            guard parts.count == 4 else { continue }
            if !text.contains("\"text\":\"\(parts[2]) \(parts[3])\"") { missing += 1 }
        }
        #expect(missing == 0, "\(missing) reported appends are missing from the log; \(seed)")
    }
}
