import CTextSearch
import TaizhangLog
import Testing
@testable import TaizhangSearch
import TaizhangRandom

/// The C byte search against a plain loop: every offset, every needle length around the SIMD
/// block sizes, needles at the very end of a span, and rows that are empty or shorter than
/// the needle.
@Suite struct TextSearchKernelTests {
    /// Offset of the first `needle` in `bytes[from..<to]`, the slow way.
    static func naiveFind(_ bytes: [UInt8], _ from: Int, _ to: Int, _ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, to - from >= needle.count else { return needle.isEmpty ? from : nil }
        for i in from...(to - needle.count) where Array(bytes[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    /// A buffer drawn from a few ASCII letters and the UTF-8 bytes of a few Chinese characters,
    /// so partial matches (same first and last byte, different middle) are common.
    static func randomBuffer(_ count: Int, _ rng: inout SplitMix64) -> [UInt8] {
        let pieces: [[UInt8]] = [Array("a".utf8), Array("b".utf8), Array("宅".utf8), Array("基".utf8), Array("地".utf8),
                                 Array("宇".utf8), [0x1F], [0xFF]]
        var out: [UInt8] = []
        while out.count < count { out += pieces[Int(rng.next() % UInt64(pieces.count))] }
        return Array(out.prefix(count))
    }

    /// The kernels this machine runs (0 portable, 1 SSE2, 2 AVX2; see `tz_find_with_kernel`).
    static let kernels: [Int32] = [0, 1, 2].filter { k in
        let probe: [UInt8] = [1, 2, 3]
        return probe.withUnsafeBufferPointer { tz_find_with_kernel(k, $0.baseAddress, 0, 3, $0.baseAddress, 2) } != -2
    }

    @Test func findAgreesWithAPlainLoop() {
        #expect(Self.kernels.contains(0))
        var rng = SplitMix64(seed: 7)
        for size in [0, 1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 300] {
            let buffer = Self.randomBuffer(size, &rng)
            for _ in 0..<60 {
                let length = 1 + Int(rng.next() % 40)
                var needle: [UInt8]
                if size >= length, rng.next() % 2 == 0 {
                    let at = Int(rng.next() % UInt64(size - length + 1))
                    needle = Array(buffer[at..<(at + length)])  // present at least once
                } else {
                    needle = Self.randomBuffer(length, &rng)
                }
                let from = size == 0 ? 0 : Int(rng.next() % UInt64(size))
                let want = Self.naiveFind(buffer, from, size, needle)
                for kernel in Self.kernels {
                    let got = buffer.withUnsafeBufferPointer { b in
                        needle.withUnsafeBufferPointer { n in
                            tz_find_with_kernel(kernel, b.baseAddress ?? UnsafePointer(bitPattern: 1)!, from, size, n.baseAddress, n.count)
                        }
                    }
                    #expect(got == (want ?? -1), "kernel \(kernel) size \(size) from \(from) needle \(needle)")
                }
                needle.removeAll()
            }
        }
    }

    @Test func needleAtTheVeryEndIsFound() {
        let needle = Array("宅基地".utf8)
        for size in needle.count...130 {
            let buffer = [UInt8](repeating: 0x61, count: size - needle.count) + needle
            for kernel in Self.kernels {
                let got = buffer.withUnsafeBufferPointer { b in
                    needle.withUnsafeBufferPointer { n in tz_find_with_kernel(kernel, b.baseAddress, 0, size, n.baseAddress, n.count) }
                }
                #expect(got == size - needle.count, "kernel \(kernel) size \(size)")
                // One byte short of the end: not there.
                let short = buffer.withUnsafeBufferPointer { b in
                    needle.withUnsafeBufferPointer { n in tz_find_with_kernel(kernel, b.baseAddress, 0, size - 1, n.baseAddress, n.count) }
                }
                #expect(short == -1, "kernel \(kernel) size \(size) minus one")
            }
            let chosen = buffer.withUnsafeBufferPointer { b in
                needle.withUnsafeBufferPointer { n in tz_find(b.baseAddress, 0, size, n.baseAddress, n.count) }
            }
            #expect(chosen == size - needle.count)
        }
    }

    @Test func rowsContainingSplitsHitsAndMisses() {
        var rng = SplitMix64(seed: 11)
        let buffer = Self.randomBuffer(20_000, &rng)
        // Rows of 0 to 90 bytes; a match must lie inside one row.
        var starts = [0]
        while starts.last! < buffer.count { starts.append(min(buffer.count, starts.last! + Int(rng.next() % 91))) }
        let rowCount = starts.count - 1
        for needleText in ["a", "宅", "宅基", "基地宅", "ab宅", "\u{1F}a", "宇宙", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"] {
            let needle = Array(needleText.utf8)
            let rows = (0..<rowCount).filter { _ in rng.next() % 3 != 0 }.map { Int32($0) }
            let want = rows.filter { Self.naiveFind(buffer, starts[Int($0)], starts[Int($0) + 1], needle) != nil }
            let got = SearchText.rowsContaining(needle, buffer, starts, rows[...], keepMisses: true)
            #expect(got.hits == want, "\(needleText)")
            #expect(got.misses == rows.filter { !want.contains($0) }, "\(needleText)")
            #expect(!want.isEmpty || needleText.hasPrefix("b") || needleText == "宇宙")
        }
    }

    @Test func mergedKeepsOrderAndDropsDuplicates() {
        #expect(SearchText.merged([1, 3, 5], [2, 3, 6]) == [1, 2, 3, 5, 6])
        #expect(SearchText.merged([], [4]) == [4])
        #expect(SearchText.merged([4], []) == [4])
    }
}
