import TaizhangDomain
import TaizhangLog
import TaizhangTerminalCore

/// Texts about cases shared by the queue and the detail screen.
enum CaseFormat {
    /// How urgent a case's clock is.
    enum Urgency { case none, soon, overdue }

    /// Days left with a plain-text marker (`!超期3天` overdue, `*剩2天` within 3 days) and its urgency.
    static func deadline(_ c: CaseRecord, today: BusinessDate, lang: Language) -> (text: String, urgency: Urgency) {
        let zh = lang == .zh
        guard let left = c.daysLeft(today: today), let d = c.deadline else {
            if c.isOverdue(today: today) { return (zh ? "!超期办结" : "!late", .overdue) }
            return ("", .none)
        }
        if left < 0 {
            if d.binding { return (zh ? "!超期\(-left)天" : "!\(-left)d over", .overdue) }
            return (zh ? "!已过\(-left)天" : "!\(-left)d past", .overdue)
        }
        if left <= 3 { return (zh ? "*剩\(left)天" : "*\(left)d left", .soon) }
        return (zh ? "剩\(left)天" : "\(left)d left", .none)
    }

    /// Style for an urgency.
    static func style(_ u: Urgency) -> CellStyle {
        switch u {
        case .none: return .plain
        case .soon: return .warn
        case .overdue: return .alert
        }
    }

    /// The category column: the label of the kind's category field.
    static func category(_ c: CaseRecord, lang: Language) -> String {
        let key = c.kind.categoryField
        return c.kind.field(key)?.displayValue(c[key], lang) ?? c[key]
    }

    /// Short kind names for tabs.
    static func shortKind(_ k: CaseKind?, lang: Language) -> String {
        let zh = lang == .zh
        switch k {
        case nil: return zh ? "全部" : "All"
        case .consultation?: return zh ? "咨询" : "Consult"
        case .mediation?: return zh ? "调解" : "Mediation"
        case .petition?: return zh ? "信访" : "Petition"
        case .review?: return zh ? "审查" : "Review"
        case .suit?: return zh ? "应诉" : "Suit"
        }
    }

    /// Status with the outcome's label when closed.
    static func status(_ c: CaseRecord, lang: Language) -> String {
        if c.status == .closed, let o = c.outcome, let spec = c.kind.outcome(o) { return spec.label(lang) }
        return c.status.label(lang)
    }

    /// `2024-03-05T09:12:33+08:00` -> `2024-03-05 09:12`.
    static func when(_ at: String) -> String {
        String(at.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}

extension CaseFormat {
    /// Breaks `text` into lines of at most `width` cells (never inside a character); lines after
    /// the first are indented by `indent` spaces.
    static func wrap(_ text: String, width: Int, indent: Int = 4) -> [String] {
        guard width > indent + 1, DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(ch)
            if used + w > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                used = indent
            }
            line.append(ch)
            used += w
        }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
        return lines
    }
}
