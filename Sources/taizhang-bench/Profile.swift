import Foundation
import TaizhangDomain
import TaizhangLog

/// Times the stages of a replay separately, to see where the time goes.
func profileReplay(path: String) throws {
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
    print("fold: \(fmt(fold)) s")
}
