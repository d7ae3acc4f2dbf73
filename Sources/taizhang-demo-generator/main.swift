// Writes the demo ledger (data/demo-2024.jsonl) through the ledger's own API.
//
//     swift run taizhang-demo-generator data/demo-2024.jsonl
//
// The run is deterministic: a fixed seed, write times and event ids from the plan rather than
// the clock, and `today` passed to every command, so running it again gives the same bytes.
import Foundation
import TaizhangDomain
import TaizhangLog

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: taizhang-demo-generator OUTPUT.jsonl\n".utf8))
    exit(64)
}
let output = arguments[1]
let scratch = output + ".generating"
for path in [scratch, scratch + ".lock"] where FileManager.default.fileExists(atPath: path) {
    try FileManager.default.removeItem(atPath: path)
}

let clock = WriteClock()
let ledger = try Ledger(path: scratch, operatorName: People.officeStaff[0],
                        timestamp: { clock.now() }, makeID: { clock.makeID() })
var plan = Planner(seed: 20_241_231)
plan.planTownYear()
let context = Context(ledger: ledger)
try plan.play(into: context, clock: clock)

try? FileManager.default.removeItem(atPath: output)
try FileManager.default.moveItem(atPath: scratch, toPath: output)
try? FileManager.default.removeItem(atPath: scratch + ".lock")
// The file holds no real personal data, but keep the ledger's usual owner-only mode.
chmod(output, 0o600)
print("wrote \(output): \(ledger.log.lineCount) events, \(ledger.state.cases.count) cases, head \(ledger.log.headHash)")
