import Foundation
import TaizhangDomain

/// Taskwarrior and hledger beside taizhang on the same number of cases, from files generated
/// out of the ledger's own cases: one task per case (open cases pending, the others completed)
/// and one journal entry per case (dated on the case's date, posted to its kind and status).
/// A peer that is not installed is reported as skipped.
struct Peers {
    let directory: String
    let runs: Int

    static func find(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Times the peers on `state`'s cases and prints each beside the taizhang figure it
    /// compares with (`taizhang list --status open` and `taizhang summary --year`, whole
    /// processes with the snapshot, taken by the caller).
    func measure(state: LedgerState, list: Double, summary: Double, row: (String, String, String) -> Void) throws {
        let n = state.cases.count
        if let task = Self.find("task") {
            let data = "\(directory)/taskdata-\(n)"
            let rc = "\(directory)/taskrc-\(n)"
            let env = ["TASKRC": rc, "TASKDATA": data]
            if !FileManager.default.fileExists(atPath: "\(data)/pending.data") {
                try? FileManager.default.removeItem(atPath: data)
                try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
                try "data.location=\(data)\nconfirmation=off\nverbose=nothing\njson.array=on\nrecurrence=off\ngc=off\nhooks=off\n"
                    .write(toFile: rc, atomically: true, encoding: .utf8)
                let json = "\(directory)/tasks-\(n).json"
                try taskFile(state).write(toFile: json, atomically: true, encoding: .utf8)
                let imported = spawnMeasured([task, "rc.hooks=off", "import", json], environment: env)
                row("task import (\(n) tasks, once)", imported.status == 0 ? "\(fmt(imported.seconds)) s" : "failed", "")
                try? FileManager.default.removeItem(atPath: json)
            }
            let l = bestChild(runs, [task, "list"], environment: env)
            row("task list", "\(fmt(l.seconds)) s", "taizhang list (snapshot) / task list = \(fmt(list / l.seconds, 2)), peak RSS \(fmt(l.maxRSSMB, 0)) MB")
            let s = bestChild(runs, [task, "summary"], environment: env)
            row("task summary", "\(fmt(s.seconds)) s", "taizhang summary / task summary = \(fmt(summary / s.seconds, 2)), peak RSS \(fmt(s.maxRSSMB, 0)) MB")
        } else {
            row("task list / task summary", "skipped", "taskwarrior is not installed (apt-get install taskwarrior)")
        }
        if let hledger = Self.find("hledger") {
            let journal = "\(directory)/journal-\(n).journal"
            if !FileManager.default.fileExists(atPath: journal) {
                try journalFile(state).write(toFile: journal, atomically: true, encoding: .utf8)
            }
            let b = bestChild(runs, [hledger, "-f", journal, "bal", "-Y"])
            row("hledger bal -Y (\(n) entries)", b.status == 0 ? "\(fmt(b.seconds)) s" : "failed",
                "taizhang summary / hledger bal -Y = \(fmt(summary / b.seconds, 2)), peak RSS \(fmt(b.maxRSSMB, 0)) MB")
        } else {
            row("hledger bal -Y", "skipped", "hledger is not installed (apt-get install hledger)")
        }
    }

    /// A JSON array for `task import`: one task per case, with a fixed uuid per case number so
    /// the same ledger gives the same file.
    func taskFile(_ state: LedgerState) -> String {
        var out = "["
        for (i, c) in state.allCases.enumerated() {
            let d = c.date.description.replacingOccurrences(of: "-", with: "")
            let uuid = String(format: "00000000-0000-4000-8000-%012x", i + 1)
            let desc = "\(c.id) \(c["village"]) \(c["category"])".replacingOccurrences(of: "\"", with: "'")
            out += i == 0 ? "" : ","
            out += "{\"uuid\":\"\(uuid)\",\"description\":\"\(desc)\",\"entry\":\"\(d)T090000Z\",\"project\":\"\(c.kind)\","
            out += c.status == .open ? "\"status\":\"pending\"}" : "\"status\":\"completed\",\"end\":\"\(d)T170000Z\"}"
        }
        return out + "]\n"
    }

    /// A journal of one entry per case.
    func journalFile(_ state: LedgerState) -> String {
        var out = ""
        for c in state.allCases.sorted(by: { $0.date < $1.date }) {
            out += "\(c.date.description) \(c.id) \(c["village"])\n    cases:\(c.kind):\(c.status)  1\n    intake\n\n"
        }
        return out
    }
}
