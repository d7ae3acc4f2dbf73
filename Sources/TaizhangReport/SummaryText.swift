import TaizhangDomain
import TaizhangTerminalCore

extension YearSummary {
    /// The lines naming the year, the scope and the ledger state the figures come from.
    func headerLines(_ lang: Language) -> [String] {
        let town = Escaping.visible(self.town)
        typealias F = Words.Figures
        return [F.title(town: town, year: year), F.scope(year: year, asOf: asOf.description),
                F.ledger(events: events, head: head), F.generated(generatedAt)].map { $0[lang] }
    }

    /// Plain text: every figure, labelled in `lang`, aligned by display width.
    public func text(_ lang: Language) -> String {
        var lines = headerLines(lang)
        let labelWidth = 30
        for unit in units {
            lines.append("")
            lines.append(Words.Figures.unitHeading(SummaryLabels.unitName(unit.key, town: town))[lang])
            for section in unit.sections() {
                lines.append(section.title[lang])
                if section.rows.isEmpty { lines.append("  " + Words.Common.none[lang]); continue }
                for row in section.rows {
                    let indent = String(repeating: "  ", count: 1 + row.depth)
                    let label = DisplayWidth.fit(Escaping.visible(row.label[lang]), width: labelWidth - indent.count, ellipsis: true)
                    let pad = String(repeating: " ", count: max(1, labelWidth - indent.count - DisplayWidth.of(label) + 1))
                    lines.append(indent + label + pad + row.valueText())
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Markdown: a heading per unit and a two-column table per kind.
    public func markdown(_ lang: Language) -> String {
        let header = headerLines(lang)
        var lines = ["# " + mdEscape(header[0]), ""] + header.dropFirst().map { "- " + mdEscape($0) }
        let (item, value) = (Words.Figures.item[lang], Words.Figures.value[lang])
        for unit in units {
            lines.append("")
            lines.append("## " + mdEscape(SummaryLabels.unitName(unit.key, town: town)[lang]))
            for section in unit.sections() {
                lines.append("")
                lines.append("### " + section.title[lang])
                lines.append("")
                if section.rows.isEmpty { lines.append(Words.Common.none[lang]); continue }
                lines.append("| \(item) | \(value) |")
                lines.append("|---|---:|")
                for row in section.rows {
                    let label = (row.depth > 0 ? "\u{3000}" : "") + mdEscape(row.label[lang])
                    lines.append("| \(label) | \(row.valueText()) |")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Escapes text for a Markdown table cell or heading.
    func mdEscape(_ s: String) -> String {
        var out = ""
        for ch in Escaping.visible(s) {
            if "|\\`*_[]<>#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// CSV (UTF-8 with BOM, RFC 4180): one row per figure, with numerator, denominator and
    /// percentage for rates; the first rows carry the ledger's event count and head hash.
    public func csv(_ lang: Language) -> String {
        var rows: [[String]] = [["unit", "section", "figure", "label", "value", "num", "den", "percent"]]
        rows.append(["", "ledger", "year", "", String(year), "", "", ""])
        rows.append(["", "ledger", "events", "", String(events), "", "", ""])
        rows.append(["", "ledger", "head", "", head, "", "", ""])
        rows.append(["", "ledger", "as_of", "", asOf.description, "", "", ""])
        for unit in units {
            for section in unit.sections() {
                for row in section.rows {
                    switch row.value {
                    case let .rate(r):
                        rows.append([unit.key, section.key, row.id, row.label[lang], r.percentText ?? "", String(r.num), String(r.den), r.percentText ?? ""])
                    default:
                        rows.append([unit.key, section.key, row.id, row.label[lang], row.valueText(), "", "", ""])
                    }
                }
            }
        }
        return CSV.document(rows)
    }
}
