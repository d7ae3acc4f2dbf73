import ArgumentParser
import Foundation
import TaizhangDomain
import TaizhangFiles
import TaizhangLog
import TaizhangTerminalCore

/// Options every command takes: which ledger, who is writing, which language.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Ledger file (else $TAIZHANG_STORE, else $XDG_DATA_HOME/taizhang/ledger.jsonl).", valueName: "path"))
    var store: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who is writing (else $TAIZHANG_OPERATOR, else the login name).", valueName: "name"))
    var operatorName: String?

    @Option(name: .long, help: ArgumentHelp("Language of labels and messages: zh or en (else $TAIZHANG_LANG, else zh).", valueName: "zh|en"))
    var lang: String?

    /// The ledger path after the fallbacks.
    var storePath: String {
        let env = ProcessInfo.processInfo.environment
        if let s = store, !s.isEmpty { return s }
        if let s = env["TAIZHANG_STORE"], !s.isEmpty { return s }
        let base: String
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { base = x } else { base = NSHomeDirectory() + "/.local/share" }
        return base + "/taizhang/ledger.jsonl"
    }

    /// The operator after the fallbacks.
    var resolvedOperator: String {
        let env = ProcessInfo.processInfo.environment
        if let o = operatorName?.trimmingCharacters(in: .whitespaces), !o.isEmpty { return o }
        if let o = env["TAIZHANG_OPERATOR"], !o.isEmpty { return o }
        if let u = env["USER"], !u.isEmpty { return u }
        if let l = getlogin() { return String(cString: l) }
        return "unknown"
    }

    /// The language after the fallbacks.
    var language: Language {
        let raw = lang ?? ProcessInfo.processInfo.environment["TAIZHANG_LANG"] ?? "zh"
        return Language(rawValue: raw.lowercased()) ?? (raw.lowercased().hasPrefix("en") ? .en : .zh)
    }

    func validate() throws {
        if let l = lang, Language(rawValue: l.lowercased()) == nil {
            throw ArgumentParser.ValidationError("--lang: '\(l)' is not a language; allowed: zh, en")
        }
        if let o = operatorName, o.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ArgumentParser.ValidationError("--operator: must not be empty")
        }
    }

    /// Opens the ledger, reporting recoveries and warnings on stderr.
    func openLedger(readOnly: Bool = false) throws -> Ledger {
        let ledger = try Ledger(path: storePath, operatorName: resolvedOperator,
                                options: LogOpenOptions(create: !readOnly, readOnly: readOnly))
        let report = ledger.openReport
        let zh = language == .zh
        if let q = report.quarantined {
            Console.error(zh ? "注意：账本末尾有一行未写完整（\(q.byteCount) 字节，第 \(q.line) 行），已移到 \(q.path)；之前的记录完好。"
                             : "note: the ledger ended in an incomplete line (\(q.byteCount) bytes, line \(q.line)); it was moved to \(q.path). All earlier records are intact.")
        }
        if let s = report.stoppedAt {
            Console.error(zh ? "警告：第 \(s.line) 行已损坏（\(s.defect)），只读显示之前的 \(s.line - 1) 行。"
                             : "warning: line \(s.line) is damaged (\(s.defect)); showing the \(s.line - 1) lines before it, read-only.")
        }
        if let mode = report.exposedMode, zh {
            Console.error("警告：账本 \(storePath) 其他用户可以读取或写入（权限 \(String(mode, radix: 8))），其中有公民个人信息。请运行：chmod 600 \(storePath)")
        } else {
            for w in report.warnings { Console.error((zh ? "警告：" : "warning: ") + w) }
        }
        Console.keepUntilExit(ledger)
        return ledger
    }

    /// Writes a command's output: to standard output when `path` is nil or `-`, else to the file
    /// through `FileWriter` (atomic, mode 0600, no replacing unless `overwrite`). Returns the
    /// file's full path, nil for standard output.
    func writeOutput(_ bytes: [UInt8], to path: String?, overwrite: Bool) throws(FileWriteError) -> String? {
        guard let path, path != "-" else {
            Console.data(Data(bytes))
            return nil
        }
        return try FileWriter.write(bytes, to: path, overwrite: overwrite)
    }

    /// Runs `body`, turning the ledger's errors into messages on stderr and a non-zero exit.
    func handle(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as TaizhangDomain.ValidationError {
            Console.error(e.message(language))
            throw ExitCode(1)
        } catch let e as LogError {
            Console.error(language == .zh ? e.chineseDescription : e.description)
            throw ExitCode(2)
        } catch let e as FileWriteError {
            if case let .exists(path) = e {
                // The one place the CLI says how to replace a file.
                Console.error(language == .zh ? "文件 \(path) 已存在；如要覆盖，请加 --force" : "\(path) already exists; add --force to replace it")
                throw ExitCode(1)
            }
            Console.error(language == .zh ? e.chineseDescription : e.description)
            throw ExitCode(2)
        } catch let e as StoredTextError {
            Console.error(e.message(language))
            throw ExitCode(2)
        }
    }
}

/// Writes to stdout and stderr.
enum Console {
    /// Objects held until the process exits. A command's ledger lives as long as the process, and
    /// tearing down a large ledger's state piece by piece at the end only delays the exit.
    nonisolated(unsafe) static var kept: [AnyObject] = []

    static func keepUntilExit(_ object: AnyObject) { kept.append(object) }

    /// Prints to stdout. Control characters other than newlines and tabs are always escaped:
    /// ledger text must never drive the terminal, whatever path it took to get here.
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data((Escaping.visibleKeepingLines(s) + "\n").utf8))
    }

    /// Writes data (an export to `-o -`) to stdout as it is when stdout is a file or a pipe, and
    /// with control characters escaped when it is a terminal.
    static func data(_ d: Data) {
        if isatty(1) == 1 {
            FileHandle.standardOutput.write(Data(Escaping.visibleKeepingLines(String(decoding: d, as: UTF8.self)).utf8))
        } else {
            FileHandle.standardOutput.write(d)
        }
    }

    static func error(_ s: String) {
        FileHandle.standardError.write(Data(("taizhang: " + Escaping.visibleKeepingLines(s) + "\n").utf8))
    }
}
