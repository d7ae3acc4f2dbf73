import Foundation

/// The bytes of the file at `path` (empty when it cannot be read).
public func readBytes(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

/// The byte ranges of each line (without its newline).
public func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
        out.append(start..<i)
        start = i + 1
    }
    return out
}
