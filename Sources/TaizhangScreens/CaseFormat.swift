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

    /// The queue's party column: who came (a review's requesting unit, a suit's plaintiff or,
    /// without one, its court).
    static func party(_ c: CaseRecord) -> String {
        c.kind == .review ? c["requester"] : c.headline
    }

    /// The queue's subject column, on one line: a petition's 信访事项, a suit's 案由, a
    /// review's title, a consultation's question, else the case's 简要情况.
    static func subject(_ c: CaseRecord) -> String {
        switch c.kind {
        case .petition: return oneLine(c["subject"])
        case .suit: return oneLine(c["cause"])
        case .review: return oneLine(c["title"])
        case .consultation:
            let q = c["question"]
            return oneLine(q.isEmpty ? c["summary"] : q)
        case .mediation: return oneLine(c["summary"])
        }
    }

    /// `text` with line breaks and tabs as spaces (a list row has one line).
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
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
    /// Breaks `text` into lines of at most `width` cells; lines after the first are indented by
    /// `indent` spaces.
    ///
    /// Lines break between values: after a separator (a space, `，`, `；`, `、`, `：`; a
    /// history entry's `label=value` stays whole), and a piece between two separators that
    /// fits on a line of its own is moved there whole. Inside a longer piece Chinese text breaks between
    /// characters, but a run of ASCII letters, digits and `-`, `:`, `.`, `/` (a date such as
    /// `2026-12-01`, a case id, a phone number) is never split unless it is longer than a line.
    static func wrap(_ text: String, width: Int, indent: Int = 4) -> [String] {
        guard width > indent + 1, DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        var used = 0
        func newLine() {
            lines.append(line)
            line = String(repeating: " ", count: indent)
            used = indent
        }
        func put(_ atom: String, _ w: Int) {
            if used + w > width && used > indent { newLine() }
            if used + w > width {
                // Longer than a whole line: by characters.
                for ch in atom {
                    let cw = DisplayWidth.of(ch)
                    if used + cw > width && used > indent { newLine() }
                    line.append(ch)
                    used += cw
                }
                return
            }
            line.append(contentsOf: atom)
            used += w
        }
        // The leading spaces of the first line are kept as they are.
        let body = text.drop { $0 == " " }
        line = String(text.prefix(text.count - body.count))
        used = DisplayWidth.of(line)
        for piece in pieces(String(body)) {
            let w = DisplayWidth.of(piece)
            if used + w > width && used > indent && indent + w <= width {
                newLine()
            }
            if used + w <= width {
                line.append(contentsOf: piece)
                used += w
            } else {
                for atom in atoms(piece) { put(atom, DisplayWidth.of(atom)) }
            }
        }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
        return lines
    }

    /// Characters after which a line may break between values.
    private static let separators: Set<Character> = [" ", "，", "；", "、", "：", "。", ",", ";"]

    /// `text` cut after each separator (the separator stays with the piece before it).
    static func pieces(_ text: String) -> [String] {
        var out: [String] = []
        var piece = ""
        for ch in text {
            piece.append(ch)
            if separators.contains(ch) {
                out.append(piece)
                piece = ""
            }
        }
        if !piece.isEmpty { out.append(piece) }
        return out
    }

    /// Whether `ch` belongs to a run that is kept on one line (dates, ids, numbers, words).
    private static func keepsTogether(_ ch: Character) -> Bool {
        guard ch.isASCII, let a = ch.asciiValue else { return false }
        return (a >= 0x30 && a <= 0x39) || (a >= 0x41 && a <= 0x5A) || (a >= 0x61 && a <= 0x7A) || "-:./_@+".contains(ch)
    }

    /// `piece` as the units a line may break between: runs of ``keepsTogether(_:)``
    /// characters, and every other character on its own.
    static func atoms(_ piece: String) -> [String] {
        var out: [String] = []
        var run = ""
        for ch in piece {
            if keepsTogether(ch) {
                run.append(ch)
            } else {
                if !run.isEmpty { out.append(run); run = "" }
                out.append(String(ch))
            }
        }
        if !run.isEmpty { out.append(run) }
        return out
    }
}
