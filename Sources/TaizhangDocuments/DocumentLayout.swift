import TaizhangDomain

/// A document as a sequence of blocks, before it is laid out as plain text or as DOCX.
///
/// Every form builds one of these from its model; the two renderers are the only code that
/// knows about characters per line or WordprocessingML.
public struct DocumentLayout: Sendable, Equatable {
    /// The title, centred (人民调解协议书).
    public var title: String
    /// The document number under the title (（2024）青坨人调字第7号); empty for none.
    public var number: String
    /// The body.
    public var blocks: [Block]

    /// Creates a layout.
    public init(title: String, number: String, blocks: [Block]) {
        self.title = title
        self.number = number
        self.blocks = blocks
    }

    /// One part of the body.
    public enum Block: Sendable, Equatable {
        /// A paragraph of body text; `indent` starts it two characters in, as Chinese prose is.
        case paragraph(String, indent: Bool)
        /// A line `label：value`; an empty value becomes a line to write on.
        case field(label: String, value: String)
        /// A section heading in bold (一、信访请求).
        case heading(String)
        /// A bordered table of `columns` grid columns; a cell may span several.
        case table(columns: [Int], rows: [[Cell]])
        /// Lines to sign on, two to a row: `申请人（签名）：＿＿＿＿`.
        case signatures([String])
        /// The issuing body and the date, at the right, with the seal's place.
        case seal(issuer: String, date: String)
        /// Empty lines (room to write by hand).
        case space(lines: Int)
    }

    /// A table cell.
    public struct Cell: Sendable, Equatable {
        /// Its text (lines separated by `\n`).
        public var text: String
        /// True for a label cell (bold, centred).
        public var isLabel: Bool
        /// Grid columns it covers.
        public var span: Int
        /// Creates a cell.
        public init(_ text: String, label: Bool = false, span: Int = 1) {
            self.text = text
            self.isLabel = label
            self.span = span
        }
        /// A label cell.
        public static func label(_ text: String) -> Cell { Cell(text, label: true) }
    }

    /// Signature lines grouped for the page: two to a row when both fit in half its width (15
    /// characters with the line to sign on), else one; each ending in `：` gets its blank.
    public static func signatureRows(_ items: [String]) -> [[String]] {
        let filled = items.map { $0.hasSuffix("：") ? $0 + DocumentText.signatureBlank : $0 }
        var rows: [[String]] = []
        var i = 0
        while i < filled.count {
            if i + 1 < filled.count, filled[i].count <= 15, filled[i + 1].count <= 15 {
                rows.append([filled[i], filled[i + 1]])
                i += 2
            } else {
                rows.append([filled[i]])
                i += 1
            }
        }
        return rows
    }

    /// Every text of the document in reading order (title, number, then blocks), for tests and
    /// for search.
    public var texts: [String] {
        var out = [title, number]
        for b in blocks {
            switch b {
            case let .paragraph(t, _): out.append(t)
            case let .field(l, v): out.append("\(l)：\(v)")
            case let .heading(t): out.append(t)
            case let .table(_, rows): for r in rows { for c in r { out.append(c.text) } }
            case let .signatures(lines): out += lines
            case let .seal(issuer, date): out += [issuer, date]
            case .space: break
            }
        }
        return out
    }
}

/// How documents write dates and blanks.
enum DocumentText {
    /// `2024年3月5日`.
    static func date(_ d: BusinessDate?) -> String {
        guard let d else { return "　　年　　月　　日" }
        return "\(d.year)年\(d.month)月\(d.day)日"
    }

    /// `2024年3月5日` for a stored `YYYY-MM-DD`, else the blank date.
    static func date(_ text: String) -> String { date(BusinessDate.parseISO(text)) }

    /// A line to write on.
    static let blank = "＿＿＿＿＿＿"
    /// A line to sign on.
    static let signatureBlank = "＿＿＿＿＿＿"

    /// The value, or a line to write on when it is empty.
    static func orBlank(_ s: String) -> String { s.isEmpty ? blank : s }

    /// The parties in a field that may name several (`张三；李四` or `张三;李四`).
    static func parties(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == "；" || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
