import TaizhangDomain
import TaizhangLog
import TaizhangTerminalCore

/// Texts about cases shared by the queue and the detail screen.
enum CaseFormat {
    /// How urgent a case's clock is.
    enum Urgency { case none, soon, overdue }

    /// The case's current deadline with its plain-text marker (`!超期3天`, `!已过3天`, `*剩2天`,
    /// `!超期办结`) and its urgency; the words come from ``CaseRecord/deadlineNote(today:)``.
    static func deadline(_ c: CaseRecord, today: BusinessDate, lang: Language) -> (text: String, urgency: Urgency) {
        guard let note = c.deadlineNote(today: today) else { return ("", .none) }
        return (note.text(lang), urgency(note.urgency))
    }

    /// The list's three levels: a passed guideline is shown as urgently as a missed deadline.
    static func urgency(_ u: DeadlineNote.Urgency) -> Urgency {
        switch u {
        case .none: return .none
        case .soon: return .soon
        case .past, .overdue: return .overdue
        }
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
        c.categoryLabel(lang)
    }

    /// Short kind names for tabs.
    static func shortKind(_ k: CaseKind?, lang: Language) -> String {
        let words: Words
        switch k {
        case nil: words = Words.Queue.allKinds
        case .consultation?: words = Words.Queue.consultation
        case .mediation?: words = Words.Queue.mediation
        case .petition?: words = Words.Queue.petition
        case .review?: words = Words.Queue.review
        case .suit?: words = Words.Queue.suit
        }
        return words[lang]
    }

    /// Status with the outcome's label when closed.
    static func status(_ c: CaseRecord, lang: Language) -> String {
        if c.status == .closed, let o = c.outcome, let spec = c.kind.outcome(o) { return spec.label[lang] }
        return c.status.label[lang]
    }

    /// `2024-03-05T09:12:33+08:00` -> `2024-03-05 09:12`.
    static func when(_ at: String) -> String {
        EventTime.minutes(at)
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
