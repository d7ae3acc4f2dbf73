/// A JSON value for report output.
///
/// The log's `JSONValue` holds integers only (the ledger never stores floats); a summary needs
/// one decimal for percentages, written exactly from tenths, so the report has its own writer.
public indirect enum JSONNode: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number with one decimal, given in tenths: `.tenths(957)` is written `95.7`.
    case tenths(Int)
    case string(String)
    case array([JSONNode])
    /// Members in output order.
    case object([Member])

    /// One member of an object.
    public struct Member: Sendable, Equatable {
        /// Key.
        public var key: String
        /// Value.
        public var value: JSONNode
        /// Creates a member.
        public init(_ key: String, _ value: JSONNode) {
            self.key = key
            self.value = value
        }
    }

    /// Indented JSON text (two spaces), ending without a newline.
    public func pretty() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    /// Compact JSON text on one line.
    public func compact() -> String {
        var out = ""
        write(to: &out, indent: nil)
        return out
    }

    func write(to out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .tenths(t): out += (t < 0 ? "-" : "") + "\(abs(t) / 10).\(abs(t) % 10)"
        case let .string(s): JSONNode.writeString(s, to: &out)
        case let .array(items):
            writeList(items.count, open: "[", close: "]", to: &out, indent: indent) { i, out, inner in
                items[i].write(to: &out, indent: inner)
            }
        case let .object(members):
            writeList(members.count, open: "{", close: "}", to: &out, indent: indent) { i, out, inner in
                JSONNode.writeString(members[i].key, to: &out)
                out += indent == nil ? ":" : ": "
                members[i].value.write(to: &out, indent: inner)
            }
        }
    }

    func writeList(_ n: Int, open: String, close: String, to out: inout String, indent: Int?,
                   item: (Int, inout String, Int?) -> Void) {
        out += open
        if n == 0 { out += close; return }
        let inner = indent.map { $0 + 1 }
        for i in 0..<n {
            if i > 0 { out += "," }
            if let inner { out += "\n" + String(repeating: "  ", count: inner) }
            item(i, &out, inner)
        }
        if let indent { out += "\n" + String(repeating: "  ", count: indent) }
        out += close
    }

    /// Writes a JSON string: UTF-8 kept as is, every control character escaped.
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}
