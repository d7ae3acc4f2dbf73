import Foundation
import TaizhangDomain
import TaizhangLog

/// Times the stages of a replay separately, to see where the time goes.
func profileReplay(path: String) throws {
    print("CaseRecord stride \(MemoryLayout<CaseRecord>.stride), TimelineEntry stride \(MemoryLayout<TimelineEntry>.stride), FollowUp \(MemoryLayout<FollowUp>.stride)")
    let before = selfPeakRSSMB()
    let ledger = try Ledger(path: path, operatorName: "x", options: LogOpenOptions(create: false, readOnly: true))
    var fieldBytes = 0, fieldCount = 0, noteBytes = 0, notes = 0, timeline = 0, heapStrings = 0
    for c in ledger.state.allCases {
        for (_, v) in c.fields { fieldCount += 1; if v.utf8.count > 15 { fieldBytes += v.utf8.count; heapStrings += 1 } }
        for n in c.notes { notes += 1; noteBytes += n.text.utf8.count }
        timeline += c.timeline.count
    }
    print("cases \(ledger.state.cases.count), fields \(fieldCount) (\(heapStrings) long, \(fieldBytes / 1_000_000) MB), notes \(notes) (\(noteBytes / 1_000_000) MB), timeline \(timeline); RSS \(fmt(before, 0)) -> \(fmt(selfPeakRSSMB(), 0)) MB")
    if CommandLine.arguments.contains("--only-memory") { return }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let bytes = [UInt8](data)
    var ranges: [Range<Int>] = []
    let split = seconds {
        var start = 0
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i] == 0x0A { ranges.append(start..<i); start = i + 1 }
        }
    }
    print("split lines: \(fmt(split)) s (\(ranges.count) lines)")
    let hash = seconds {
        bytes.withUnsafeBufferPointer { b in
            for r in ranges { _ = LineHash.hexDigest(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[r]))) }
        }
    }
    print("sha-256 hex per line: \(fmt(hash)) s")
    let parse = seconds {
        bytes.withUnsafeBufferPointer { b in
            for r in ranges { _ = try? JSONParser.parse(UnsafeBufferPointer(rebasing: b[r])) }
        }
    }
    print("generic JSON parse: \(fmt(parse)) s")
    var records: [LogRecord] = []
    records.reserveCapacity(ranges.count)
    let decode = seconds {
        bytes.withUnsafeBufferPointer { b in
            for r in ranges { records.append(try! LogRecord.decode(UnsafeBufferPointer(rebasing: b[r]))) }
        }
    }
    print("LogRecord decode (parse + envelope): \(fmt(decode)) s")
    let fast = seconds {
        bytes.withUnsafeBufferPointer { b in
            for r in ranges { _ = try! LogRecord.decodeCanonical(UnsafeBufferPointer(rebasing: b[r])) }
        }
    }
    print("canonical decode: \(fmt(fast)) s")
    var state = LedgerState()
    let fold = try seconds { for r in records { try state.apply(r) } }
    print("fold of records: \(fmt(fold)) s")
    records = []
    let decoder = EventDecoder()
    var batches: [EventBatch] = []
    let eventDecode = try seconds {
        try bytes.withUnsafeBufferPointer { b in
            var batch = decoder.makeBatch(capacity: 10_000)
            for r in ranges {
                if batch.count == 10_000 { batches.append(batch); batch = decoder.makeBatch(capacity: 10_000) }
                _ = try decoder.decode(UnsafeBufferPointer(rebasing: b[r]), offset: r.lowerBound, into: batch)
            }
            batches.append(batch)
        }
    }
    print("event decode (no hashing): \(fmt(eventDecode)) s")
    let discarding = try seconds {
        try bytes.withUnsafeBufferPointer { b in
            var batch = decoder.makeBatch(capacity: 10_000)
            for r in ranges {
                if batch.count == 10_000 { batch = decoder.makeBatch(capacity: 10_000) }
                _ = try decoder.decode(UnsafeBufferPointer(rebasing: b[r]), offset: r.lowerBound, into: batch)
            }
        }
    }
    print("event decode, batches dropped as they fill: \(fmt(discarding)) s")
    var events: [DecodedEvent] = []
    events.reserveCapacity(ranges.count)
    let take = seconds { for batch in batches { for i in 0..<batch.count { events.append(batch.take(i)) } } }
    print("take from batches: \(fmt(take)) s")
    batches = []
    var folded = LedgerState()
    let eventFold = try seconds { for e in events { try folded.apply(e) } }
    print("fold of events: \(fmt(eventFold)) s")
    let free = seconds { events = [] }
    print("free events: \(fmt(free)) s")
}
