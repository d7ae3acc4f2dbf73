import TaizhangDomain
import TaizhangLog

/// The dry run's and the commit's report, as text and as JSON.
public enum ImportReportText {
    /// `{"rows":N,"importable":N,"cases":{"mediation":N,…},"errors":[{"row":R,"column":"…","message":"…"},…],"already_imported":N}`,
    /// with `created` (the new case ids) after a commit. Messages are in Chinese.
    public static func json(_ r: ImportResult, lang: Language = .zh) -> String {
        var pairs: [(String, JSONValue)] = [
            ("rows", .int(r.rows)), ("importable", .int(r.importable)),
            ("cases", .object(CaseKind.allCases.compactMap { k in r.cases[k].map { (k.rawValue, .int($0)) } })),
            ("errors", .array(r.errors.map { e in
                .object([("row", .int(e.row)), ("column", .string(e.column)), ("message", .string(e.message(lang)))])
            })),
            ("already_imported", .int(r.alreadyImported)),
        ]
        if r.committed { pairs.append(("created", .array(r.created.map { .string($0.description) }))) }
        return JSONValue.object(pairs).jsonText
    }

    /// The report a person reads: header found, mapping, counts per kind and year, bad rows.
    public static func text(_ file: ImportFile, _ r: ImportResult, lang: Language) -> String {
        let zh = lang == .zh
        var lines: [String] = []
        let enc = file.encoding.map { zh ? "，编码 \($0.rawValue)" : ", encoding \($0.rawValue)" } ?? ""
        lines.append((zh ? "文件：" : "file: ") + file.fileName + enc + "  SHA-256 " + String(file.sha256.prefix(16)) + "…")
        for s in file.sheets {
            let from: String
            switch s.layout.kindFrom {
            case "--kind": from = zh ? "按 --kind" : "from --kind"
            case "title": from = zh ? "按标题" : "from the title"
            case "sheet name": from = zh ? "按工作表名" : "from the sheet name"
            default: from = zh ? "按表头" : "from the headers"
            }
            let rowsText = s.layout.headerRows.map(String.init).joined(separator: zh ? "、" : ", ")
            lines.append("")
            lines.append(zh ? "工作表“\(s.name)”：\(s.layout.kind.label.zh)（\(from)），表头在第 \(rowsText) 行，数据 \(s.rows.count) 行（空行 \(s.blankRows)，合计等 \(s.totalRows) 行未计）"
                            : "sheet \"\(s.name)\": \(s.layout.kind.rawValue) (\(from)), header on row \(rowsText), \(s.rows.count) data rows (\(s.blankRows) blank and \(s.totalRows) total rows left out)")
            for c in s.layout.columns {
                let target: String
                if let f = c.field {
                    let label = s.layout.kind.field(f)?.label(lang) ?? Schema.outcomeFields[f]?.label(lang) ?? (f == Vocabulary.outcomeKey ? (zh ? "结果" : "outcome") : f)
                    target = "\(f)（\(label)）"
                } else if c.ignored == "duplicate" {
                    target = zh ? "（重复，未导入）" : "(duplicate, not imported)"
                } else if c.ignored == "skip" {
                    target = zh ? "（不导入）" : "(left out)"
                } else {
                    target = zh ? "（未识别，未导入）" : "(not recognised, not imported)"
                }
                lines.append("  \(c.letters)  \(c.header) → \(target)")
            }
        }
        for (name, why) in file.skippedSheets {
            lines.append((zh ? "跳过工作表“\(name)”：" : "skipped sheet \"\(name)\": ") + why.message(lang))
        }
        lines.append("")
        let verb = r.committed ? (zh ? "已创建" : "created") : (zh ? "将创建" : "would create")
        lines.append(zh ? "共 \(r.rows) 行：\(verb) \(r.importable) 件（其中 \(r.closed) 件已结案），\(r.errors.count) 行有错误，\(r.alreadyImported) 行此前已导入"
                        : "\(r.rows) rows: \(verb) \(r.importable) cases (\(r.closed) closed), \(r.errors.count) rows with errors, \(r.alreadyImported) rows already imported")
        for k in CaseKind.allCases {
            guard let years = r.byYear[k] else { continue }
            let detail = years.keys.sorted().map { zh ? "\($0) 年 \(years[$0]!) 件" : "\($0): \(years[$0]!)" }.joined(separator: zh ? "，" : ", ")
            lines.append("  \(k.label(lang))：\(detail)")
        }
        if !r.errors.isEmpty {
            lines.append("")
            lines.append(zh ? "无法导入的行：" : "rows that cannot be imported:")
            let multi = file.sheets.count > 1
            for e in r.errors {
                let at = (multi ? "\(e.sheet) " : "") + (zh ? "第 \(e.row) 行" : "row \(e.row)")
                let col = e.column.isEmpty ? "" : (zh ? "［\(e.column)］" : " [\(e.column)]")
                lines.append("  \(at)\(col)：\(e.message(lang))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
