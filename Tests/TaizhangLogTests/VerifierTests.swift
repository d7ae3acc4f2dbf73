import Foundation
import Testing
import TaizhangTestSupport
@testable import TaizhangLog

@Suite struct VerifierTests {
    func makeLog(_ dir: TempDir, count: Int = 10) throws -> (String, [UInt8]) {
        let path = dir.file("ledger.jsonl")
        try appendEvents(try openLog(path), count: count)
        return (path, readBytes(path))
    }

    @Test func aCleanLogVerifies() throws {
        let dir = TempDir()
        let (path, bytes) = try makeLog(dir)
        let report = try LogVerifier.verify(path: path)
        #expect(report.ok)
        #expect(report.lines == 10)
        #expect(report.head == LineHash.hexDigest(Array(bytes[lineRanges(bytes).last!])))
    }

    @Test func anEditedMiddleLineBreaksTheChainAtTheNextLine() throws {
        let dir = TempDir()
        let (path, bytes) = try makeLog(dir)
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "备注 4", with: "备注 5")
        writeBytes(path, Array(text.utf8))
        let report = try LogVerifier.verify(path: path)
        #expect(report.problems.first?.line == 6)
        #expect(report.problems.first?.defect.kind == .brokenChain)
        #expect(report.problems.count == 1)
    }

    @Test func aDeletedLineIsASequenceGap() throws {
        let dir = TempDir()
        let (path, bytes) = try makeLog(dir)
        let lines = lineRanges(bytes)
        let cut = Array(bytes[0..<lines[3].lowerBound]) + Array(bytes[lines[4].lowerBound...])
        writeBytes(path, cut)
        let report = try LogVerifier.verify(path: path)
        #expect(report.problems.first?.line == 4)
        #expect(report.problems.first?.defect.kind == .sequenceGap)
    }

    @Test func aDuplicatedLineIsADuplicateID() throws {
        let dir = TempDir()
        let (path, bytes) = try makeLog(dir)
        let lines = lineRanges(bytes)
        let dup = Array(bytes[0..<lines[5].lowerBound]) + Array(bytes[lines[4].lowerBound..<lines[5].lowerBound]) + Array(bytes[lines[5].lowerBound...])
        writeBytes(path, dup)
        let report = try LogVerifier.verify(path: path)
        #expect(report.problems.first?.line == 6)
        #expect(report.problems.first?.defect.kind == .duplicateID)
    }

    @Test func aGarbledLineIsBadJSON() throws {
        let dir = TempDir()
        let (path, bytes) = try makeLog(dir)
        var b = bytes
        b[lineRanges(bytes)[2].lowerBound] = UInt8(ascii: "x")
        writeBytes(path, b)
        let report = try LogVerifier.verify(path: path)
        #expect(report.problems.first?.line == 3)
        #expect(report.problems.first?.defect.kind == .badJSON)
    }

    @Test func aTornTailIsReported() throws {
        let dir = TempDir()
        let (path, bytes) = try makeLog(dir)
        writeBytes(path, Array(bytes.dropLast(5)))
        let report = try LogVerifier.verify(path: path)
        #expect(report.problems.first?.line == 10)
        #expect(report.problems.first?.defect.kind == .tornTail)
    }

    @Test func verifyNeverChangesTheFile() throws {
        let dir = TempDir()
        let (path, bytes) = try makeLog(dir)
        writeBytes(path, Array(bytes.dropLast(5)))
        _ = try LogVerifier.verify(path: path)
        #expect(readBytes(path) == Array(bytes.dropLast(5)))
    }
}
