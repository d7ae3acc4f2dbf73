import TaizhangDomain

/// Adds 36 cases of every kind dated January to March 2024, named in turn from `names`, with a
/// note (`note(name)`) on every fifth and every seventh from the fourth voided: the mixed
/// ledger the search and queue tests compare their fast paths against.
public func addVariedCases(to l: Ledger, names: [String], today: BusinessDate, note: (String) -> String) throws {
    func open(_ kind: CaseKind, _ fields: [String: String]) throws -> CaseID {
        try l.perform(.open(kind: kind, fields: fields.map { FieldInput($0.key, $0.value) }), today: today).caseID!
    }
    for i in 0..<36 {
        let date = "2024-0\(1 + i % 3)-\(10 + i % 9)"
        let name = names[i % names.count]
        let id: CaseID
        switch i % 4 {
        case 0: id = try open(.consultation, ["date": date, "unit": "station", "client": name, "topic": "labor"])
        case 1: id = try open(.mediation, ["date": date, "unit": "office", "applicant": name, "respondent": "东村委会", "category": "neighbor"])
        case 2: id = try open(.petition, ["date": date, "unit": "office", "petitioner": name, "form": "visit", "subject": "宅基地纠纷（二）"])
        default: id = try open(.consultation, ["date": date, "unit": "station", "client": name, "topic": "marriage_family"])
        }
        if i % 5 == 0 { try l.perform(.note(id: id.description, text: note(name)), today: today) }
        if i % 7 == 3 { try l.perform(.void(id: id.description, reason: "重复登记"), today: today) }
    }
}
