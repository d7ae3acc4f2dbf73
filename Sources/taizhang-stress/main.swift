// taizhang-stress: a writer and a reader for the multi-process tests of the log.
//
//   taizhang-stress write STORE CASE-ID COUNT TAG   append COUNT notes; print "ok SEQ" after each durable append
//   taizhang-stress read STORE LINES SECONDS        follow the log until it has LINES lines (or SECONDS pass),
//                                                   checking every line it sees; print "read N"
//
// Run on purpose by the end-to-end tests; it goes through the same Ledger API as the CLI.
import Foundation
import TaizhangDomain
import TaizhangLog

/// Writes a line to stdout at once (unbuffered), so a SIGKILL never loses a reported append.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
let args = CommandLine.arguments
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

guard args.count >= 3 else { fail("usage: taizhang-stress write STORE CASE COUNT TAG | read STORE LINES SECONDS") }
switch args[1] {
case "write":
    guard args.count == 6, let count = Int(args[4]) else { fail("usage: write STORE CASE COUNT TAG") }
    do {
        let ledger = try Ledger(path: args[2], operatorName: "stress-\(args[5])")
        for i in 0..<count {
            let result = try ledger.perform(.note(id: args[3], text: "\(args[5]) \(i)"))
            // Printed only after write + fsync returned: the test holds us to it.
            say("ok \(result.records.last!.seq) \(args[5]) \(i)")
        }
    } catch {
        fail("write failed: \(error)")
    }
case "read":
    guard args.count == 5, let target = Int(args[3]), let seconds = Double(args[4]) else { fail("usage: read STORE LINES SECONDS") }
    do {
        let ledger = try Ledger(path: args[2], operatorName: "reader", options: LogOpenOptions(create: false, readOnly: true))
        let end = Date().addingTimeInterval(seconds)
        while Date() < end && ledger.log.lastSeq < target {
            try ledger.refresh()  // throws on any partial or broken line it would have to accept
            usleep(2000)
        }
        try ledger.refresh()
        say("read \(ledger.log.lastSeq)")
    } catch {
        fail("read failed: \(error)")
    }
default:
    fail("unknown mode \(args[1])")
}
