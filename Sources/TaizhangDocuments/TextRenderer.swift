import TaizhangDomain
import TaizhangTerminalCore

/// Lays a document out as plain text for a quick print: lines of at most ``width`` display
/// cells (a Chinese character takes two), wrapped without splitting a character, and no line
/// ends in spaces.
public enum TextRenderer {
    /// Display cells per line.
    public static let width = 72

    /// The document as text, ending in a newline.
    public static func render(_ doc: DocumentLayout) -> String {
        var lines: [String] = []
        lines.append(centred(doc.title))
        if !doc.number.isEmpty { lines.append(centred(doc.number)) }
        lines.append("")
        for block in doc.blocks {
            switch block {
            case let .paragraph(text, indent):
                for para in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines += wrap((indent ? "　　" : "") + para, width: width)
                }
            case let .field(label, value):
                lines += wrap("\(label)：\(DocumentText.orBlank(value))", width: width, hanging: DisplayWidth.of(label) + 2, clauses: true)
            case let .heading(text):
                lines += wrap(text, width: width)
            case let .table(_, rows):
                lines.append(String(repeating: "─", count: width))
                for row in rows { lines += tableRow(row) }
                lines.append(String(repeating: "─", count: width))
            case let .signatures(items):
                for row in DocumentLayout.signatureRows(items) {
                    lines.append(row.count == 2 ? pad(row[0], width / 2) + row[1] : row[0])
                    lines.append("")
                }
            case let .seal(issuer, date):
                lines.append(right(issuer + "（印章）"))
                lines.append(right(date))
            case let .space(n):
                for _ in 0..<n { lines.append("") }
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n") + "\n"
    }

    /// A table row as text: `label：value` pairs side by side; a row with one long value, or
    /// values over several lines, gives each pair its own lines.
    static func tableRow(_ cells: [DocumentLayout.Cell]) -> [String] {
        var pairs: [(String, String)] = []
        var i = 0
        while i < cells.count {
            let label = cells[i].isLabel ? cells[i].text : ""
            let value = cells[i].isLabel ? (i + 1 < cells.count ? cells[i + 1].text : "") : cells[i].text
            pairs.append((label, value))
            i += cells[i].isLabel ? 2 : 1
        }
        let texts = pairs.map { p -> String in
            let v = p.1.trimmingCharacters(in: .whitespacesAndNewlines)
            return p.0.isEmpty ? v : "\(p.0)：\(v)"
        }
        let half = width / 2
        if pairs.count == 2, !texts.contains(where: { $0.contains("\n") || DisplayWidth.of($0) >= half }) {
            return [pad(texts[0], half) + texts[1]]
        }
        var out: [String] = []
        for (label, value) in pairs {
            let head = label.isEmpty ? "" : "\(label)："
            let hang = DisplayWidth.of(head)
            let body = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if body.isEmpty {
                // Room to write by hand: one line per line break the cell asks for.
                out.append(head)
                for _ in 0..<value.filter({ $0 == "\n" }).count { out.append("") }
                continue
            }
            for (k, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                out += wrap((k == 0 ? head : String(repeating: " ", count: hang)) + line, width: width, hanging: hang, clauses: true)
            }
        }
        return out
    }

    /// `text` broken into lines of at most `width` cells; continuation lines start `hanging`
    /// cells in.
    static func wrap(_ text: String, width: Int, hanging: Int = 0, clauses: Bool = false) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        for token in clauses ? self.clauses(text) : tokens(text) {
            let w = DisplayWidth.of(token)
            if used + w > width && used > hanging {
                lines.append(line)
                line = String(repeating: " ", count: hanging)
                used = hanging
            }
            if used + w > width {
                // A token longer than a line: split it by character.
                for ch in token {
                    let cw = DisplayWidth.of(ch)
                    if used + cw > width { lines.append(line); line = String(repeating: " ", count: hanging); used = hanging }
                    line.append(ch)
                    used += cw
                }
            } else {
                line += token
                used += w
            }
        }
        lines.append(line)
        return lines
    }

    /// Clauses ending in `，` (a party's details): a field line breaks between them.
    static func clauses(_ text: String) -> [String] {
        var out = [""]
        for ch in text {
            out[out.count - 1].append(ch)
            if ch == "，" { out.append("") }
        }
        return out.filter { !$0.isEmpty }
    }

    /// Pieces a line may not be broken inside: a line to write on stays whole, a closing mark
    /// stays with the character before it and an opening mark with the one after it, and a run
    /// of ASCII letters and digits (a phone or ID number, a case id) stays whole.
    static func tokens(_ text: String) -> [String] {
        let closing: Set<Character> = ["，", "。", "、", "；", "：", "）", "”", "」", "》", "！", "？", ")", ",", "."]
        let opening: Set<Character> = ["《", "（", "“", "「", "("]
        var out: [String] = []
        for ch in text {
            if let last = out.last?.last {
                let sameRun = (ch == "＿" && last == "＿") || (ch.isASCII && !ch.isWhitespace && last.isASCII && !last.isWhitespace)
                if sameRun || closing.contains(ch) || opening.contains(last) {
                    out[out.count - 1].append(ch)
                    continue
                }
            }
            out.append(String(ch))
        }
        return out
    }

    static func pad(_ s: String, _ w: Int) -> String {
        let n = DisplayWidth.of(s)
        return n >= w ? s + "  " : s + String(repeating: " ", count: w - n)
    }

    static func centred(_ s: String) -> String {
        let n = DisplayWidth.of(s)
        return n >= width ? s : String(repeating: " ", count: (width - n) / 2) + s
    }

    static func right(_ s: String) -> String {
        let n = DisplayWidth.of(s)
        return n >= width ? s : String(repeating: " ", count: width - n - 4) + s
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
