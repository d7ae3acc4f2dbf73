import Foundation
import Testing
import TaizhangFiles
#if canImport(Glibc)
import Glibc
#endif

@Suite struct FileWriterTests {
    /// A fresh folder under the temporary directory.
    final class Folder {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("tz-files-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o777 : 0
    }

    @Test func writesPrivateFilesWhateverTheUmask() throws {
        let dir = try Folder()
        let old = umask(0)
        defer { umask(old) }
        let full = try FileWriter.write(Array("台账".utf8), to: dir.path + "/a.csv")
        #expect(full == dir.path + "/a.csv")
        #expect(mode(full) == 0o600)
        #expect(try String(contentsOfFile: full, encoding: .utf8) == "台账")
        // No temporary file is left beside it.
        #expect(try dir.names() == ["a.csv"])
    }

    @Test func refusesToReplaceAFileUnlessTold() throws {
        let dir = try Folder()
        let path = dir.path + "/figures.md"
        try FileWriter.write(Array("old".utf8), to: path)
        #expect(throws: FileWriteError.exists(path: path)) { try FileWriter.write(Array("new".utf8), to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try FileWriter.write(Array("new".utf8), to: path, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(mode(path) == 0o600)
        #expect(try dir.names() == ["figures.md"])
    }

    @Test func aReplacedFileBecomesPrivateToo() throws {
        let dir = try Folder()
        let path = dir.path + "/shared.txt"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8), attributes: [.posixPermissions: 0o644]))
        try FileWriter.write(Array("y".utf8), to: path, overwrite: true)
        #expect(mode(path) == 0o600)
    }

    @Test func aRelativePathIsTakenFromTheGivenFolderAndReportedInFull() throws {
        let dir = try Folder()
        let full = try FileWriter.write(Array("1".utf8), to: "out/2024/figures.txt", relativeTo: dir.path)
        #expect(full == dir.path + "/out/2024/figures.txt")
        #expect(FileManager.default.fileExists(atPath: full))
        #expect(mode(dir.path + "/out") == 0o700)
        #expect(mode(dir.path + "/out/2024") == 0o700)
    }

    @Test func aFailedWriteNamesThePathAndLeavesNothing() throws {
        let dir = try Folder()
        // A file where a folder is needed.
        try FileWriter.write(Array("x".utf8), to: dir.path + "/blocker")
        let error = #expect(throws: FileWriteError.self) {
            try FileWriter.write(Array("y".utf8), to: dir.path + "/blocker/figures.txt")
        }
        #expect(error?.path.hasPrefix(dir.path + "/blocker") == true)
        #expect(error?.description.contains("blocker") == true)
        #expect(error?.chineseDescription.contains("无法") == true)
        #expect(try dir.names() == ["blocker"])
    }

    @Test func aPreparedFileIsInPlaceOnlyAfterTheCommit() throws {
        let dir = try Folder()
        let path = dir.path + "/form.docx"
        let file = try FileWriter.prepare(Array("first".utf8), for: "form.docx", relativeTo: dir.path)
        #expect(file.path == path)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(mode(file.temporaryPath) == 0o600)
        try file.replaceContents(Array("second".utf8))
        #expect(try file.commit() == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(mode(path) == 0o600)
        #expect(try dir.names() == ["form.docx"])
    }

    @Test func aCommitRefusesAFileThatAppearedMeanwhileAndADiscardLeavesNothing() throws {
        let dir = try Folder()
        let path = dir.path + "/form.txt"
        #expect(throws: Never.self) { try FileWriter.prepare(Array("x".utf8), for: path).discard() }
        #expect(try dir.names().isEmpty)
        let file = try FileWriter.prepare(Array("new".utf8), for: path)
        try FileWriter.write(Array("other".utf8), to: path)
        #expect(throws: FileWriteError.exists(path: path)) { try file.commit() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "other")
        #expect(try dir.names() == ["form.txt"])
        // Preparing over an existing file is refused at once, unless replacing.
        #expect(throws: FileWriteError.exists(path: path)) { try FileWriter.prepare(Array("y".utf8), for: path) }
        try FileWriter.prepare(Array("y".utf8), for: path, overwrite: true).commit(overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "y")
    }
}
