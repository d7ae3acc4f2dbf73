import TaizhangLog
import TaizhangDomain

/// The fictional town year: what happens, in business dates, and who enters it when.
///
/// The totals are fixed so that `taizhang summary --year 2024 --format narrative` reproduces the
/// figures of section 一 of the 2024 report (reference/2024-town-rule-of-law-report.txt); dates,
/// people, villages, categories and delays are drawn from the seeded generator.
extension Planner {
    static func day(_ s: String) -> BusinessDate { BusinessDate.parseISO(s)! }

    /// Working days: Monday to Friday, outside the Spring Festival and National Day holidays.
    static func isWorkday(_ d: BusinessDate) -> Bool {
        let weekday = (d.dayNumber + 3) % 7  // 0 = Monday; 1970-01-01 was a Thursday
        if weekday >= 5 { return false }
        let holidays = [(day("2024-02-10"), day("2024-02-17")), (day("2024-10-01"), day("2024-10-07")),
                        (day("2024-05-01"), day("2024-05-05")), (day("2024-01-01"), day("2024-01-01"))]
        return !holidays.contains { d >= $0.0 && d <= $0.1 }
    }

    /// A working day from `from` to `to`.
    mutating func workday(_ from: String, _ to: String) -> BusinessDate {
        let a = Self.day(from).dayNumber, b = Self.day(to).dayNumber
        while true {
            let d = BusinessDate(dayNumber: rng.int(a...b))
            if Self.isWorkday(d) { return d }
        }
    }

    /// The first working day on or after `d`.
    func nextWorkday(_ d: BusinessDate) -> BusinessDate {
        var x = d
        while !Self.isWorkday(x) { x = x.adding(days: 1) }
        return x
    }

    /// The duty lawyer of a day (the nine take turns).
    func lawyer(on d: BusinessDate) -> String { People.lawyers[d.dayNumber % People.lawyers.count] }

    /// Entry day of a paper record received on `d`: mostly the same day, sometimes days later.
    mutating func entryDay(_ d: BusinessDate, maxLag: Int = 3) -> BusinessDate {
        nextWorkday(rng.chance(75) ? d : d.adding(days: rng.int(1...maxLag)))
    }

    // MARK: - Common fields

    mutating func commonFields(unit: String, date: BusinessDate, handler: String, phone: Int = 40, id: Int = 0) -> [FieldInput] {
        var f = [FieldInput("date", date.description), FieldInput("unit", unit), FieldInput("handler", handler),
                 FieldInput("village", rng.pick(People.villages))]
        if rng.chance(phone) { f.append(FieldInput("phone", People.phone(&rng))) }
        if rng.chance(id) { f.append(FieldInput("id_number", People.idNumber(&rng))) }
        return f
    }

    // MARK: - Consultations

    /// A consultation answered at the desk; `outcome` nil leaves it open. Returns the open moment.
    @discardableResult
    mutating func consultation(_ handle: String, date: BusinessDate, outcome: String?, linked: String? = nil) -> Int {
        let handler = lawyer(on: date)
        let topic = rng.pick(People.consultationTopics)
        var fields = commonFields(unit: "station", date: date, handler: handler)
        fields += [FieldInput("client", People.name(&rng)), FieldInput("topic", topic),
                   FieldInput("channel", rng.pick(["visit", "visit", "visit", "phone", "online"])),
                   FieldInput("question", rng.pick(People.questions[topic]!))]
        if outcome == "answered" || outcome == "litigation_guided" {
            fields.append(FieldInput("answer", outcome == "answered" ? "已当场释法解答，告知相关法律规定及维权途径" : "告知诉讼程序、管辖法院及所需证据材料"))
        }
        let entered = entryDay(date, maxLag: 2)
        let opened = at(workMinute(entered), op: lawyer(on: entered)) { ctx in
            try ctx.perform(.open(kind: .consultation, fields: fields), handle: handle)
        }
        guard let outcome else { return opened }
        var closeFields = [FieldInput("closed_on", date.description)]
        if outcome == "to_mediation" {
            closeFields += [FieldInput("respondent", People.name(&rng)), FieldInput("category", rng.pick(People.stationCategories))]
        }
        at(opened + rng.int(5...30), op: lawyer(on: entered)) { ctx in
            try ctx.perform(.close(id: ctx.id(handle), outcome: outcome, fields: closeFields), linked: linked)
        }
        return opened
    }

    // MARK: - Mediations

    /// A mediation opened on `date` (unless `linked`, which a consultation opens) and closed as planned.
    mutating func mediation(_ handle: String, unit: String, date: BusinessDate, outcome: String?, next: String = "litigation",
                            openedAt: Int? = nil, reopen: Bool = false) {
        let office = unit == "office"
        let handler = office ? rng.pick(Array(People.officeStaff.prefix(3))) : lawyer(on: date)
        var opened = openedAt ?? 0
        if openedAt == nil {
            let category = rng.pick(office ? People.officeCategories : People.stationCategories)
            var fields = commonFields(unit: unit, date: date, handler: handler, phone: 60, id: 30)
            fields += [FieldInput("applicant", People.name(&rng)), FieldInput("respondent", People.name(&rng)),
                       FieldInput("category", category), FieldInput("mediator", handler),
                       FieldInput("summary", People.mediationSummaries[category] ?? "双方发生争议，申请调解"),
                       FieldInput("source", rng.pick(["application", "application", "initiative", "referred", "assigned"]))]
            if rng.chance(55) { fields.append(FieldInput("amount", "\(rng.int(5...600) * 100)" + (rng.chance(20) ? ".50" : ""))) }
            if rng.chance(30) { fields.append(FieldInput("people", String(rng.int(2...8)))) }
            let entered = entryDay(date)
            let op = office ? (entered == date ? handler : People.officeStaff[3]) : lawyer(on: entered)
            opened = at(workMinute(entered), op: op) { ctx in
                try ctx.perform(.open(kind: .mediation, fields: fields), handle: handle)
            }
        }
        guard let outcome else { return }
        if rng.chance(25) {
            let noteDay = nextWorkday(date.adding(days: rng.int(1...3)))
            let text = rng.pick(["已电话通知双方当事人到站调解", "已到现场查看并拍照留存", "双方同意下周再次调解", "已联系村调委会协助"])
            opened = at(workMinute(noteDay), after: opened, op: handler) { ctx in
                try ctx.perform(.note(id: ctx.id(handle), text: text))
            }
        }
        var closedOn = nextWorkday(date.adding(days: rng.int(3...24)))
        let last = Self.day("2024-12-27")
        if closedOn > last && date.year == 2024 { closedOn = max(date, last) }
        var closeFields = [FieldInput("closed_on", closedOn.description)]
        switch outcome {
        case "resolved": closeFields.append(FieldInput("agreement", rng.chance(75) ? "written" : "oral"))
        case "failed": closeFields.append(FieldInput("next", next))
        default: break
        }
        var closedAt = at(workMinute(entryDay(closedOn, maxLag: 2)), after: opened, op: handler) { ctx in
            try ctx.perform(.close(id: ctx.id(handle), outcome: outcome, fields: closeFields))
        }
        if reopen {
            // The agreement was not honoured: opened again, mediated once more and resolved.
            let reopenDay = nextWorkday(closedOn.adding(days: 9))
            let reopenedAt = at(workMinute(reopenDay), after: closedAt, op: handler) { ctx in
                try ctx.perform(.reopen(id: ctx.id(handle), reason: "回访时发现被申请人未按协议履行，申请人要求重新调解"))
            }
            closedOn = nextWorkday(reopenDay.adding(days: 8))
            let again = [FieldInput("closed_on", closedOn.description), FieldInput("agreement", "written")]
            closedAt = at(workMinute(closedOn), after: reopenedAt, op: handler) { ctx in
                try ctx.perform(.close(id: ctx.id(handle), outcome: "resolved", fields: again))
            }
        }
        if outcome == "resolved" && (office || rng.chance(60)) {
            var visit = closedOn.adding(days: rng.int(7...25))
            if visit > Self.day("2024-12-30") && closedOn.year == 2024 { visit = max(closedOn, Self.day("2024-12-30")) }
            let performed = rng.chance(90) ? "yes" : "no"
            let note = performed == "yes" ? "电话回访，协议已履行" : "协议部分履行，已督促"
            at(workMinute(visit), after: closedAt, op: handler) { ctx in
                try ctx.perform(.followUp(id: ctx.id(handle), date: visit.description, performed: performed, note: note))
            }
        }
    }

    // MARK: - Petitions

    /// A petition received on `date`, finished as `outcome` after `handlingDays` from acceptance.
    mutating func petition(_ handle: String, date: BusinessDate, outcome: String, repeatOf: String? = nil,
                           petitioner: String? = nil, people: Int = 1, form: String? = nil, extend: Bool = false) -> (opened: Int, petitioner: String) {
        let handler = rng.pick(People.officeStaff)
        let name = petitioner ?? People.name(&rng)
        let entered = entryDay(date, maxLag: 2)
        let acceptedOn = date.adding(days: rng.int(0...date.days(until: entered)))
        var fields = commonFields(unit: "office", date: date, handler: handler, phone: 70, id: 40)
        fields += [FieldInput("petitioner", name), FieldInput("form", form ?? rng.pick(["visit", "visit", "visit", "letter", "letter", "online", "phone"])),
                   FieldInput("subject", rng.pick(People.petitionSubjects)), FieldInput("accepted_on", acceptedOn.description),
                   FieldInput("source", rng.pick(["direct", "direct", "direct", "transferred", "assigned"]))]
        if people > 1 { fields.append(FieldInput("people", String(people))) }
        let op = entered == date ? handler : People.officeStaff[3]
        let opened = at(workMinute(entered), op: op) { ctx in
            var f = fields
            if let repeatOf { f.append(FieldInput("repeat_of", ctx.id(repeatOf))) }
            try ctx.perform(.open(kind: .petition, fields: f), handle: handle)
        }
        var last = opened
        var closedOn: BusinessDate
        var closeFields: [FieldInput]
        if outcome == "not_accepted" {
            // Decided within the 15-day acceptance clock (a business date may fall on a weekend).
            closedOn = date.adding(days: rng.int(3...10))
            closeFields = [FieldInput("reason", rng.pick(["属于诉讼程序处理事项，已告知依法向法院起诉", "不属于本级受理范围，已告知向有权机关提出"]))]
        } else if extend {
            let extendedOn = nextWorkday(acceptedOn.adding(days: 52))
            last = at(workMinute(extendedOn), after: last, op: handler) { ctx in
                try ctx.perform(.extend(id: ctx.id(handle), days: "20", reason: "涉及多个部门及历史遗留问题，需进一步调查核实", on: extendedOn.description))
            }
            closedOn = nextWorkday(acceptedOn.adding(days: 68))
            closeFields = [FieldInput("result", "explained")]
        } else {
            closedOn = nextWorkday(acceptedOn.adding(days: rng.int(6...45)))
            closeFields = [FieldInput("result", rng.pick(["supported", "explained", "explained", "explained", "not_supported"]))]
        }
        if date.year == 2024 && closedOn > Self.day("2024-12-27") { closedOn = max(acceptedOn, Self.day("2024-12-27")) }
        closeFields.append(FieldInput("closed_on", closedOn.description))
        if rng.chance(20) {
            let noteDay = nextWorkday(acceptedOn.adding(days: 2))
            if noteDay < closedOn {
                last = at(workMinute(noteDay), after: last, op: handler) { ctx in
                    try ctx.perform(.note(id: ctx.id(handle), text: "已约谈信访人并调取相关材料"))
                }
            }
        }
        let fieldsToClose = closeFields
        at(workMinute(entryDay(closedOn, maxLag: 2)), after: last, op: handler) { ctx in
            try ctx.perform(.close(id: ctx.id(handle), outcome: outcome, fields: fieldsToClose))
        }
        return (opened, name)
    }

    // MARK: - Reviews and suits

    mutating func review(_ handle: String, date: BusinessDate, docType: String, outcome: String) {
        let handler = lawyer(on: date)
        let title = rng.pick(docType == "contract" ? People.contractTitles : People.decisionTitles)
        let village = rng.pick(People.villages)
        let committee = village.hasSuffix("社区") ? "居民委员会" : "村民委员会"
        let requester = docType == "contract" ? village + committee : rng.pick(["镇党政办", "镇农业农村办", "镇规划建设办", "镇财政所"])
        let fields = [FieldInput("date", date.description), FieldInput("unit", "station"), FieldInput("handler", handler),
                      FieldInput("requester", requester),
                      FieldInput("title", title), FieldInput("doc_type", docType), FieldInput("reviewer", handler)]
            + (docType == "contract" ? [FieldInput("village", village)] : [])
        let opened = at(workMinute(entryDay(date)), op: lawyer(on: date)) { ctx in
            try ctx.perform(.open(kind: .review, fields: fields), handle: handle)
        }
        let closedOn = nextWorkday(date.adding(days: rng.int(2...10)))
        let opinion: String
        switch outcome {
        case "lawful": opinion = "经审查，主体适格、程序合法、内容不违反法律法规强制性规定"
        case "revised": opinion = rng.pick(["违约责任条款约定不明，建议补充后签订", "租赁期限超过法定上限，已修改为二十年以内", "未履行民主议定程序，已补充村民代表会议决议"])
        default: opinion = "合同内容违反土地用途管制规定，建议不予签订"
        }
        at(workMinute(closedOn), after: opened, op: lawyer(on: closedOn)) { ctx in
            try ctx.perform(.close(id: ctx.id(handle), outcome: outcome, fields: [FieldInput("opinion", opinion), FieldInput("closed_on", closedOn.description)]))
        }
    }

    mutating func suit(_ handle: String, date: BusinessDate, hearing: BusinessDate, outcome: String, docket: String) {
        let fields = [FieldInput("date", date.description), FieldInput("unit", "office"), FieldInput("handler", People.officeStaff[0]),
                      FieldInput("court", People.courts[0]), FieldInput("docket", docket), FieldInput("hearing_date", hearing.description),
                      FieldInput("summary", "原告不服镇政府作出的行政行为提起行政诉讼")]
        let opened = at(workMinute(date), op: People.officeStaff[0]) { ctx in
            try ctx.perform(.open(kind: .suit, fields: fields), handle: handle)
        }
        let afterHearing = at(workMinute(nextWorkday(hearing.adding(days: 1))), after: opened, op: People.officeStaff[0]) { ctx in
            try ctx.perform(.update(id: ctx.id(handle), fields: [FieldInput("head_appeared", "yes")]))
            try ctx.perform(.note(id: ctx.id(handle), text: "镇长出庭应诉，法制工作人员陪同"))
        }
        let closedOn = nextWorkday(hearing.adding(days: 30))
        at(workMinute(closedOn), after: afterHearing, op: People.officeStaff[0]) { ctx in
            try ctx.perform(.close(id: ctx.id(handle), outcome: outcome, fields: [FieldInput("closed_on", closedOn.description)]))
        }
    }
}
