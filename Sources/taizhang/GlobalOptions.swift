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

    /// Input errors exit 1, like every other rejected input (the parser's own would exit 64).
    func validate() throws {
        try handle {
            try InputText.checkArguments()
            if let raw = InputText.environmentProblem("TAIZHANG_OPERATOR") { throw raw }
            if let l = lang, Language(rawValue: l.lowercased()) == nil {
                throw TaizhangDomain.ValidationError(field: "lang", value: l, zh: "语言（--lang）“\(Escaping.visible(l))” 无效，可选：zh、en",
                                                     en: "--lang: '\(Escaping.visible(l))' is not a language; allowed: zh, en")
            }
            if let o = operatorName {
                let name = o.trimmingCharacters(in: .whitespaces)
                if name.isEmpty {
                    throw TaizhangDomain.ValidationError(field: "operator", value: o, zh: "操作人（--operator）不能为空", en: "--operator: must not be empty")
                }
                try GlobalOptions.checkOperatorLength(name)
            }
        }
    }

    /// An operator's name goes into every line they write: it is held to the name limit.
    static func checkOperatorLength(_ name: String) throws(TaizhangDomain.ValidationError) {
        if name.count > Schema.maximumOperatorLength {
            throw TaizhangDomain.ValidationError(field: "operator", value: String(name.prefix(20)) + "…",
                                                 zh: "操作人（--operator）过长（\(name.count) 字），最多 \(Schema.maximumOperatorLength) 字",
                                                 en: "--operator: too long (\(name.count) characters); at most \(Schema.maximumOperatorLength) allowed")
        }
    }

    /// Opens the ledger, reporting recoveries and warnings on stderr.
    func openLedger(readOnly: Bool = false) throws -> Ledger {
        if !readOnly { try GlobalOptions.checkOperatorLength(resolvedOperator) }
        let ledger = try Ledger(path: storePath, operatorName: resolvedOperator,
                                options: LogOpenOptions(create: !readOnly, readOnly: readOnly))
        let report = ledger.openReport
        let zh = language == .zh
        if let missing = ledger.missingLines {
            Console.error((zh ? "警告：" : "warning: ") + (zh ? missing.chineseDescription : missing.description))
        }
        if let q = report.quarantined {
            Console.error(zh ? "注意：账本末尾有一行未写完整（\(q.byteCount) 字节，第 \(q.line) 行），已移到 \(q.path)；之前的记录完好。"
                             : "note: the ledger ended in an incomplete line (\(q.byteCount) bytes, line \(q.line)); it was moved to \(q.path). All earlier records are intact.")
        }
        if let s = report.stoppedAt {
            Console.error(zh ? "警告：第 \(s.line) 行已损坏（\(s.defect)），只读显示之前的 \(s.line - 1) 行。"
                             : "warning: line \(s.line) is damaged (\(s.defect)); showing the \(s.line - 1) lines before it, read-only.")
        }
        if ledger.state.unauditedLines > 0 {
            Console.error((zh ? "注意：" : "note: ") + Words.Notices.notAudited(ledger.state.unauditedLines)[language])
        }
        if ledger.state.flaggedLines > 0 {
            Console.error((zh ? "警告：" : "warning: ") + Words.Notices.flaggedByVerify(ledger.state.flaggedLines)[language])
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
            // A full disk while a torn tail waits to be set aside: reading needs no writing.
            if case let .io(_, _, code) = e, code == ENOSPC || code == EDQUOT || code == EROFS {
                Console.error(language == .zh ? "提示：只读查看不需要写入，可加 --read-only（例如 taizhang list --read-only）"
                                              : "hint: looking needs no writing; add --read-only (e.g. taizhang list --read-only)")
            }
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

extension Taizhang {
    /// Runs the command line. The parser's own errors (a missing option, a bad value) are input
    /// errors like any other and exit 1, as documented; help and version still exit 0.
    static func main() async {
        Allocator.prepare(arguments: Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot()
            // The district's commands are async (PostgresNIO); every other command runs as it is.
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                FileHandle.standardError.write(Data((Escaping.visibleKeepingLines(fullMessage(for: error)) + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}

/// Text that came from outside (argv, standard input, the environment) must be UTF-8: bytes
/// in another encoding would otherwise be stored as U+FFFD and the record lost.
enum InputText {
    /// Throws naming the first argument that is not valid UTF-8.
    static func checkArguments() throws(TaizhangDomain.ValidationError) {
        let argc = Int(CommandLine.argc)
        var previous = ""
        for i in 1..<max(argc, 1) {
            guard let p = CommandLine.unsafeArgv[i] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
            if String(validating: bytes, as: UTF8.self) == nil {
                let valid = String(decoding: bytes, as: UTF8.self)
                let field: String
                if valid.hasPrefix("--"), let eq = valid.firstIndex(of: "=") { field = String(valid[..<eq]) }
                else if previous.hasPrefix("--set") || previous == "--set" { field = "--set " + (valid.split(separator: "=").first.map(String.init) ?? "") }
                else if previous.hasPrefix("-") { field = previous }
                else { field = "argument \(i)" }
                throw problem(field: field, bytes: bytes)
            }
            previous = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The error for the environment variable `name` when it holds bytes that are not UTF-8.
    static func environmentProblem(_ name: String) -> TaizhangDomain.ValidationError? {
        guard let p = getenv(name) else { return nil }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
        return String(validating: bytes, as: UTF8.self) == nil ? problem(field: "$" + name, bytes: bytes) : nil
    }

    /// Standard input as text, or an error naming `field` when it is not UTF-8.
    static func decode(_ data: Data, field: String) throws(TaizhangDomain.ValidationError) -> String {
        let bytes = [UInt8](data)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw problem(field: field, bytes: bytes) }
        return text
    }

    static func problem(field: String, bytes: [UInt8]) -> TaizhangDomain.ValidationError {
        let gbk = looksLikeGBK(bytes)
        return TaizhangDomain.ValidationError(
            field: field, value: nil,
            zh: "\(field)：不是有效的 UTF-8 文本\(gbk ? "，终端似乎在用 GBK 编码" : "")；未写入任何内容。请设置 UTF-8 区域（如 export LANG=zh_CN.UTF-8）后重试",
            en: "\(field): not valid UTF-8 text\(gbk ? " (the terminal seems to be GBK)" : ""); nothing was written. Set a UTF-8 locale (e.g. export LANG=zh_CN.UTF-8) and try again")
    }

    /// Whether the bytes that are not ASCII pair up as GBK's do (lead 81–FE, trail 40–FE but 7F).
    static func looksLikeGBK(_ bytes: [UInt8]) -> Bool {
        var i = 0, pairs = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard (0x81...0xFE).contains(b), i + 1 < bytes.count, (0x40...0xFE).contains(bytes[i + 1]), bytes[i + 1] != 0x7F else { return false }
            pairs += 1
            i += 2
        }
        return pairs > 0
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
        FileHandle.standardOutput.write(Data((shown(s) + "\n").utf8))
    }

    /// `s` as it may reach a terminal: control characters escaped (newlines and tabs kept), and
    /// bidirectional controls too (``Escaping``, the one filter the TUI's cells use as well).
    static func shown(_ s: String) -> String { Escaping.visibleKeepingLines(s) }

    /// Writes data (an export to `-o -`) to stdout as it is when stdout is a file or a pipe, and
    /// with control characters escaped when it is a terminal.
    static func data(_ d: Data) {
        if isatty(1) == 1 {
            FileHandle.standardOutput.write(Data(shown(String(decoding: d, as: UTF8.self)).utf8))
        } else {
            FileHandle.standardOutput.write(d)
        }
    }

    static func error(_ s: String) {
        FileHandle.standardError.write(Data(("taizhang: " + shown(s) + "\n").utf8))
    }
}
