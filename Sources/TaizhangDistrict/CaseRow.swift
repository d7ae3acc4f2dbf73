import TaizhangDomain
import TaizhangReport

/// One `cases` row: a case's current state as the domain's fold leaves it, with the values the
/// district's SQL counts on parsed by the domain's own rules (dates, amounts in fen, people).
struct CaseRow {
    var caseID: String
    var kind: String
    var year: Int
    var unit: String
    var date: String
    var status: String
    var outcome: String
    var handler: String
    var village: String
    var fields: String
    var closedOn: String
    var acceptedOn: String
    var extensionDays: Int
    var followUps: String
    var hearingDate: String
    var amountFen: String
    var people: String
    var repeatOf: String
    var openedSeq: Int
    var updatedSeq: Int

    init(_ c: CaseRecord) {
        caseID = c.id.description
        kind = c.kind.rawValue
        year = c.id.year
        unit = c.unit.rawValue
        date = c.date.description
        status = c.status.rawValue
        outcome = c.outcome ?? ""
        handler = c["handler"]
        village = c["village"]
        let dict = c.fields.dictionary
        fields = JSONNode.object(dict.keys.sorted().map { JSONNode.Member($0, .string(dict[$0]!)) }).compact()
        closedOn = c.closedOn?.description ?? ""
        acceptedOn = c.acceptedOn.description
        extensionDays = c.extensionDays
        followUps = c.followUps.map(\.date.description).joined(separator: ",")
        hearingDate = BusinessDate.parseISO(c["hearing_date"])?.description ?? ""
        amountFen = Amount.fen(c["amount"]).map(String.init) ?? ""
        people = Int(c["people"]).map(String.init) ?? ""
        repeatOf = c["repeat_of"]
        openedSeq = c.timeline.first?.seq ?? 0
        updatedSeq = c.timeline.last?.seq ?? 0
    }
}
