import TaizhangDomain
import TaizhangSearch

/// What the queue does to the model's lists after the status, kind and filter: keeps only the
/// cases of one handler (`m`, "my cases") and reverses the order (`r`).
///
/// The handler test is one flag per table row, made once per ledger change; narrowing a list
/// is then one pass over its rows, remembered until the list, the handler or the ledger changes.
final class QueueNarrowing {
    private var handlerFlags: (version: LedgerVersion, handler: String, flags: [Bool])?
    private var last: (base: [Int32], handler: String?, reversed: Bool, version: LedgerVersion, rows: QueueRows)?

    init() {}

    /// For each table row (the ledger's records in order), whether its `handler` is `handler`.
    private func flags(_ state: LedgerState, handler: String) -> [Bool] {
        let v = LedgerVersion(state)
        if let f = handlerFlags, f.version == v, f.handler == handler { return f.flags }
        let records = state.records
        var flags = [Bool](repeating: false, count: records.count)
        for at in records.indices where records[at]["handler"] == handler { flags[at] = true }
        handlerFlags = (v, handler, flags)
        return flags
    }

    /// `rows` keeping only the cases handled by `handler` (nil: all), reversed when asked.
    func apply(_ rows: QueueRows, _ state: LedgerState, handler: String?, reversed: Bool) -> QueueRows {
        guard handler != nil || reversed else { return rows }
        let v = LedgerVersion(state)
        if let l = last, l.handler == handler, l.reversed == reversed, l.version == v, l.base == rows.rows { return l.rows }
        var out = rows.rows
        if let handler {
            let f = flags(state, handler: handler)
            out = out.filter { Int($0) < f.count && f[Int($0)] }
        }
        if reversed { out.reverse() }
        let narrowed = QueueRows(rows: out, ids: rows.ids)
        last = (rows.rows, handler, reversed, v, narrowed)
        return narrowed
    }

    /// Per-tab counts (all kinds, then each kind) of the cases in `all` (every kind's list)
    /// handled by `handler`.
    func counts(_ all: QueueRows, _ state: LedgerState, handler: String) -> [Int] {
        let f = flags(state, handler: handler)
        let kinds = CaseKind.allCases
        var perKind = [Int](repeating: 0, count: kinds.count)
        for r in all.rows where Int(r) < f.count && f[Int(r)] {
            let k = all.ids[Int(r)].kind
            perKind[kinds.firstIndex(of: k)!] += 1
        }
        return [perKind.reduce(0, +)] + perKind
    }
}
