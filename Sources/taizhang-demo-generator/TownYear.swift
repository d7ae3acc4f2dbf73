import TaizhangLog
import TaizhangDomain

extension Planner {
    /// The whole plan: late-2023 cases the ledger started with, then the 2024 year.
    ///
    /// 2024 totals (the report's figures in brackets):
    /// - station: 52 consultations, 42 answered or guided to litigation [42]; 18 mediations,
    ///   14 resolved [14]; 23 legality reviews of contracts and major decisions [20余件, 23].
    /// - office: 65 petitions [65], all finished [100%], 60 first visits of which 1 came back
    ///   [1, 1.7%]; 46 mediations [46], 44 resolved [44, 95.7%], 2 failed and guided to
    ///   litigation [2], all 46 closed loops [46]; 2 administrative suits, head appeared in both [100%].
    /// Plus one voided duplicate petition, one reopened mediation and one extended petition.
    mutating func planTownYear() {
        let start = Self.day("2023-11-01")
        at(start.dayNumber * 1440 + 510, op: People.officeStaff[0]) { ctx in
            try ctx.perform(.setting(key: "town", value: People.town))
            try ctx.perform(.setting(key: "default_unit", value: "office"))
        }
        plan2023()
        planStation2024()
        planOffice2024()
    }

    /// The cases of the last weeks of 2023, including one dated 2023-12-29 entered in January.
    mutating func plan2023() {
        for i in 0..<5 {
            consultation("c23-\(i)", date: workday("2023-11-02", "2023-12-22"), outcome: rng.pick(["answered", "answered", "litigation_guided"]))
        }
        // Received on the last working day of 2023, written up on 2 January: it counts in 2023.
        let late = Self.day("2023-12-29")
        let lateFields = [FieldInput("date", late.description), FieldInput("unit", "station"), FieldInput("handler", lawyer(on: late)),
                          FieldInput("client", People.name(&rng)), FieldInput("topic", "labor"), FieldInput("question", "年底工资未结清如何维权")]
        let entered = Self.day("2024-01-02")
        let o = at(workMinute(entered), op: lawyer(on: entered)) { ctx in
            try ctx.perform(.open(kind: .consultation, fields: lateFields), handle: "c23-late")
            try ctx.perform(.note(id: ctx.id("c23-late"), text: "纸质登记表于2024年1月2日补录"))
        }
        at(o + 12, op: lawyer(on: entered)) { ctx in
            try ctx.perform(.close(id: ctx.id("c23-late"), outcome: "litigation_guided", fields: [FieldInput("closed_on", late.description)]))
        }
        _ = petition("p23-a", date: workday("2023-11-06", "2023-11-24"), outcome: "concluded")
        _ = petition("p23-b", date: workday("2023-11-27", "2023-12-15"), outcome: "concluded")
        mediation("m23-a", unit: "office", date: workday("2023-11-06", "2023-12-08"), outcome: "resolved")
    }

    mutating func planStation2024() {
        // Consultations: 34 answered + 8 guided = 42; 4 sent to mediation, 3 to legal aid, 2 referred, 1 open.
        var outcomes = Array(repeating: "answered", count: 34) + Array(repeating: "litigation_guided", count: 8)
            + Array(repeating: "legal_aid", count: 3) + Array(repeating: "referred", count: 2)
        outcomes = rng.shuffled(outcomes)
        for (i, outcome) in outcomes.enumerated() {
            consultation("c-\(i)", date: workday("2024-01-02", "2024-12-20"), outcome: outcome)
        }
        consultation("c-open", date: Self.day("2024-12-27"), outcome: nil)
        // Mediations: 4 opened from consultations, 14 opened directly; 14 resolved, 2 failed,
        // 1 withdrawn, 1 still open at the year end.
        var mediationOutcomes = Array(repeating: "resolved", count: 14) + ["failed", "failed", "withdrawn"]
        mediationOutcomes = rng.shuffled(mediationOutcomes)
        var failedSeen = 0
        for (i, outcome) in mediationOutcomes.enumerated() {
            var next = "litigation"
            if outcome == "failed" { next = failedSeen == 0 ? "litigation" : "other"; failedSeen += 1 }
            if i < 4 {
                let date = workday("2024-02-01", "2024-11-15")
                let opened = consultation("cm-\(i)", date: date, outcome: "to_mediation", linked: "sm-\(i)")
                mediation("sm-\(i)", unit: "station", date: date, outcome: outcome, next: next, openedAt: opened + 31)
            } else {
                mediation("sm-\(i)", unit: "station", date: workday("2024-01-08", "2024-11-29"), outcome: outcome, next: next)
            }
        }
        mediation("sm-open", unit: "station", date: Self.day("2024-12-16"), outcome: nil)
        // Legality reviews: 14 contracts and 9 major decisions.
        let docTypes = rng.shuffled(Array(repeating: "contract", count: 14) + Array(repeating: "decision", count: 9))
        let reviewOutcomes = rng.shuffled(Array(repeating: "lawful", count: 15) + Array(repeating: "revised", count: 7) + ["unlawful"])
        for i in 0..<23 {
            review("r-\(i)", date: workday("2024-01-08", "2024-12-13"), docType: docTypes[i], outcome: reviewOutcomes[i])
        }
    }

    mutating func planOffice2024() {
        // Petitions: 60 first visits and 5 repeats, all finished (61 concluded, 4 not accepted).
        // Repeats: two name the 2023 petition p23-a (the second through the first repeat), one
        // names p23-b, and two name the 2024 first visit p-came-back (again one through the other):
        // of the 60 first visits of 2024 exactly one came back.
        let notAccepted = Set(rng.shuffled(Array(0..<59)).prefix(4))
        let groupVisits = Set(rng.shuffled(Array(0..<59)).prefix(4))
        for i in 0..<59 {
            let outcome = notAccepted.contains(i) ? "not_accepted" : "concluded"
            let people = groupVisits.contains(i) ? rng.int(5...23) : (rng.chance(15) ? rng.int(2...4) : 1)
            _ = petition("p-\(i)", date: workday("2024-01-02", "2024-12-13"), outcome: outcome, people: people,
                         extend: i == 17 && outcome == "concluded")
        }
        let first = petition("p-came-back", date: workday("2024-03-04", "2024-05-31"), outcome: "concluded", form: "visit")
        _ = petition("p-r1", date: workday("2024-01-15", "2024-02-29"), outcome: "concluded", repeatOf: "p23-a")
        _ = petition("p-r2", date: workday("2024-04-08", "2024-05-31"), outcome: "concluded", repeatOf: "p-r1")
        _ = petition("p-r3", date: workday("2024-03-01", "2024-04-30"), outcome: "concluded", repeatOf: "p23-b")
        let r4 = petition("p-r4", date: workday("2024-07-01", "2024-08-30"), outcome: "concluded", repeatOf: "p-came-back",
                          petitioner: first.petitioner)
        _ = petition("p-r5", date: workday("2024-09-16", "2024-11-15"), outcome: "not_accepted", repeatOf: "p-r4",
                     petitioner: r4.petitioner)
        // A petition entered twice by mistake: the duplicate is voided the next working day.
        let dupDay = workday("2024-06-03", "2024-06-28")
        let dupFields = [FieldInput("date", dupDay.description), FieldInput("unit", "office"), FieldInput("handler", People.officeStaff[1]),
                         FieldInput("petitioner", People.name(&rng)), FieldInput("form", "letter"), FieldInput("subject", "反映路灯损坏未修")]
        let dup = at(workMinute(dupDay), op: People.officeStaff[3]) { ctx in
            try ctx.perform(.open(kind: .petition, fields: dupFields), handle: "p-dup")
        }
        at(workMinute(nextWorkday(dupDay.adding(days: 1))), after: dup, op: People.officeStaff[1]) { ctx in
            try ctx.perform(.void(id: ctx.id("p-dup"), reason: "同一封来信重复登记"))
        }
        // Mediations: 44 resolved (each followed up), 2 failed and guided to litigation; one of
        // the resolved ones is reopened when the agreement is not honoured and resolved again.
        let failed = Set(rng.shuffled(Array(0..<46)).prefix(2))
        for i in 0..<46 {
            mediation("om-\(i)", unit: "office", date: workday("2024-01-03", "2024-11-29"),
                      outcome: failed.contains(i) ? "failed" : "resolved", next: "litigation",
                      reopen: i == 5 && !failed.contains(i))
        }
        // Administrative suits: the town head appeared in both.
        suit("s-1", date: workday("2024-03-04", "2024-03-29"), hearing: workday("2024-05-06", "2024-05-31"), outcome: "won", docket: "（2024）某0117行初12号")
        suit("s-2", date: workday("2024-08-01", "2024-08-30"), hearing: workday("2024-10-08", "2024-10-31"), outcome: "settled", docket: "（2024）某0117行初57号")
    }
}
