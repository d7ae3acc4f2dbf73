import Foundation
import TaizhangDomain

/// An earlier case of a party being entered, as shown at entry.
public struct EarlierCase: Sendable, Equatable {
    /// The case and how it was found.
    public var appearance: PersonAppearance
    /// The similarity of its subject to the new one (petitions only; 0 otherwise).
    public var similarity: Double
    /// A petition within a year on a similar subject: what `repeat_of` should name.
    public var likelyRepeat: Bool
}

/// A petition that looks like a repeat of an earlier one and is not marked as such.
public struct RepeatPair: Sendable, Equatable {
    public var earlier: CaseID
    public var later: CaseID
    public var by: PersonMatchKind
    /// ``SubjectSimilarity`` of the two subjects.
    public var similarity: Double
}

/// Repeat petitions (重信重访): the same person on basically the same matter.
public enum Repeats {
    /// Two petitions this many days apart or fewer may be one matter coming back.
    public static let windowDays = 365

    /// Two cases whose ID numbers are both known and differ concern different people, whatever
    /// their names.
    static func differentPeople(_ a: CaseRecord, idKey: String?) -> Bool {
        guard let idKey, let other = PersonIDs.matchKey(idNumber: a["id_number"]) else { return false }
        return idKey != other
    }

    /// The earlier cases of the party of a case about to be entered, likely repeats first (earlier
    /// petitions within a year on a similar subject, most similar first), then by how they were
    /// found (ID number, phone, name), latest date first. Cases of another person with the same name
    /// (both ID numbers known and different) are left out.
    /// `found` are the party's cases (``PeopleIndex/matches(names:idNumber:phone:in:)`` or
    /// ``PeopleIndex/scan(names:idNumber:phone:in:)``); `idNumber` is the new case's.
    public static func earlierCases(_ found: [PersonAppearance], idNumber: String?, subject: String, date: BusinessDate,
                                    in state: LedgerState) -> [EarlierCase] {
        let idKey = idNumber.flatMap(PersonIDs.matchKey(idNumber:))
        var list: [EarlierCase] = []
        for a in found {
            let c = state.records[a.row]
            if a.by == .name && differentPeople(c, idKey: idKey) { continue }
            var sim = 0.0
            var likely = false
            if c.kind == .petition, !subject.isEmpty {
                sim = SubjectSimilarity.of(subject, c["subject"])
                let days = c.date.days(until: date)
                likely = (0...windowDays).contains(days) && sim >= SubjectSimilarity.threshold
            }
            list.append(EarlierCase(appearance: a, similarity: sim, likelyRepeat: likely))
        }
        list.sort { x, y in
            if x.likelyRepeat != y.likelyRepeat { return x.likelyRepeat }
            if x.likelyRepeat && x.similarity != y.similarity { return x.similarity > y.similarity }
            if x.appearance.by != y.appearance.by { return x.appearance.by < y.appearance.by }
            let dx = state.records[x.appearance.row].date, dy = state.records[y.appearance.row].date
            return dx != dy ? dx > dy : x.appearance.row > y.appearance.row
        }
        return list
    }

    /// Petitions (not voided, without `repeat_of`, dated in `year` when given) that an earlier
    /// petition within ``windowDays`` shares with a person: by the same ID number, or by the same
    /// phone or name and a similar subject. Each later petition once, with its best earlier one
    /// (the strongest match, then the most similar subject, then the nearest); in the order of
    /// the later petitions' dates.
    public static func unmarked(in state: LedgerState, year: Int? = nil, index: PeopleIndex? = nil) -> [RepeatPair] {
        let index = index ?? PeopleIndex(state)
        var pairs: [(date: BusinessDate, row: Int, pair: RepeatPair)] = []
        for (row, later) in state.records.enumerated() where later.kind == .petition && later.status != .voided {
            if !later["repeat_of"].isEmpty { continue }
            let date = later.date
            if let year, date.year != year { continue }
            let idKey = PersonIDs.matchKey(idNumber: later["id_number"])
            let subject = later["subject"]
            var best: (pair: RepeatPair, row: Int)?
            let found = index.matches(names: [later["petitioner"]], idNumber: later["id_number"], phone: later["phone"], in: state)
            for a in found where a.row != row && a.id.kind == .petition {
                let earlier = state.records[a.row]
                let days = earlier.date.days(until: date)
                guard (0...windowDays).contains(days), days > 0 || a.row < row else { continue }
                if a.by != .idNumber && differentPeople(earlier, idKey: idKey) { continue }
                let sim = SubjectSimilarity.of(subject, earlier["subject"])
                guard a.by == .idNumber || sim >= SubjectSimilarity.threshold else { continue }
                let pair = RepeatPair(earlier: earlier.id, later: later.id, by: a.by, similarity: sim)
                if let b = best {
                    let better = a.by != b.pair.by ? a.by < b.pair.by
                        : sim != b.pair.similarity ? sim > b.pair.similarity : a.row > b.row
                    if !better { continue }
                }
                best = (pair, a.row)
            }
            if let best { pairs.append((date, row, best.pair)) }
        }
        pairs.sort { ($0.date, $0.row) < ($1.date, $1.row) }
        return pairs.map(\.pair)
    }
}
