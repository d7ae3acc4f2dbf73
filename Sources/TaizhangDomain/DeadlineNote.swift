/// What a deadline says on a given day, in words, with how pressing it is: the one formatter of
/// deadline text, used by the CLI's `list` and `show` and by the TUI's queue and detail screen.
///
/// Two forms: ``CaseRecord/deadlineNote(today:)`` for a case's current deadline in a list column
/// (`超期3天`, `已过2天`, `剩5天`, `超期办结`), and ``Clock/note(today:running:)`` for one clock
/// on a case's page (`已于 2024-03-05 办理`, `已过 3 天`, `剩 2 天`).
public struct DeadlineNote: Sendable, Equatable {
    /// How pressing the deadline is, which the screens show as a colour.
    public enum Urgency: Sendable, Equatable {
        /// Nothing to act on.
        case none
        /// Due within ``DeadlineNote/soonDays`` days.
        case soon
        /// A guideline or hearing day has passed (missing it does not make the case overdue).
        case past
        /// A binding deadline was missed.
        case overdue
    }

    /// A deadline this many days away or fewer is due soon.
    public static let soonDays = 3

    /// The words.
    public var words: Words
    /// How pressing it is.
    public var urgency: Urgency
    /// The plain-text marker that says the urgency without colour: `!` past or overdue, `*` soon,
    /// or none (a late step's words already say "late").
    public var marker: String

    /// Creates a note.
    public init(_ words: Words, urgency: Urgency, marker: String) {
        self.words = words
        self.urgency = urgency
        self.marker = marker
    }

    /// The note in `lang`, after its marker when `marked` (the lists and the case page mark their
    /// notes so that they read without colour; leave it out where the urgency is shown otherwise).
    public func text(_ lang: Language, marked: Bool = true) -> String {
        (marked ? marker : "") + words[lang]
    }
}

extension CaseRecord {
    /// The current deadline as a list shows it: a binding deadline missed (`超期3天`, or
    /// `超期办结` for a case closed after it), a guideline or hearing day passed (`已过3天`), or the
    /// days left (`剩5天`); nil when there is nothing to say (no deadline, or closed in time).
    ///
    /// A running clock of the documents comes before a deadline that is not missed: an open
    /// petition's written notice while its 15 days run (`告知剩5天`), a resolved mediation's
    /// window for judicial confirmation while its 30 days run (`确认剩12天`). Once such a
    /// window has passed, the case page still says so; the list goes back to the deadline.
    public func deadlineNote(today: BusinessDate) -> DeadlineNote? {
        let main = kindDeadlineNote(today: today)
        if main?.urgency == .overdue { return main }
        return documentClockNote(today: today) ?? main
    }

    /// The note of a document clock that runs on `today`, if any.
    func documentClockNote(today: BusinessDate) -> DeadlineNote? {
        guard status != .voided else { return nil }
        for clock in documentClocks where clock.doneOn == nil {
            let left = today.days(until: clock.due)
            guard left >= 0 else { continue }
            let words: Words
            switch clock.purpose {
            case .notice where status == .open: words = Words.Clocks.noticeLeft(left)
            case .confirmation where status == .closed: words = Words.Clocks.confirmationLeft(left)
            default: continue
            }
            let soon = left <= DeadlineNote.soonDays
            return DeadlineNote(words, urgency: soon ? .soon : .none, marker: soon ? "*" : "")
        }
        return nil
    }

    /// The note of the kind's own current deadline.
    func kindDeadlineNote(today: BusinessDate) -> DeadlineNote? {
        typealias C = Words.Clocks
        guard let left = daysLeft(today: today), let d = deadline else {
            return isOverdue(today: today) ? DeadlineNote(C.closedLate, urgency: .overdue, marker: "!") : nil
        }
        if left < 0 {
            return d.binding ? DeadlineNote(C.daysOver(-left), urgency: .overdue, marker: "!")
                             : DeadlineNote(C.daysPast(-left), urgency: .past, marker: "!")
        }
        if left <= DeadlineNote.soonDays { return DeadlineNote(C.daysLeft(left), urgency: .soon, marker: "*") }
        return DeadlineNote(C.daysLeft(left), urgency: .none, marker: "")
    }
}

extension Clock {
    /// What this clock says on `today`: the day its step was done (late or in time), else, while
    /// the case is `running` (open), the days past or left; nil for a closed case's clock that
    /// never stopped (it no longer counts).
    public func note(today: BusinessDate, running: Bool) -> DeadlineNote? {
        typealias C = Words.Clocks
        if let done = doneOn {
            return done > due ? DeadlineNote(C.doneLate(done.description), urgency: .overdue, marker: "")
                              : DeadlineNote(C.doneOn(done.description), urgency: .none, marker: "")
        }
        guard running else { return nil }
        let left = today.days(until: due)
        if left < 0 { return DeadlineNote(C.daysAgo(-left), urgency: binding ? .overdue : .past, marker: "!") }
        if left <= DeadlineNote.soonDays { return DeadlineNote(C.daysToGo(left), urgency: .soon, marker: "*") }
        return DeadlineNote(C.daysToGo(left), urgency: .none, marker: "")
    }
}
