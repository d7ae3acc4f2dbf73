import TaizhangDomain
import TaizhangLog
import TaizhangRandom

/// Shared state of one generator run: the ledger, the day being entered, and the ids the
/// ledger gave to planned cases (plans refer to cases by a handle before they have an id).
final class Context {
    let ledger: Ledger
    var today = BusinessDate(year: 2023, month: 11, day: 1)!
    var ids: [String: String] = [:]

    init(ledger: Ledger) { self.ledger = ledger }

    func id(_ handle: String) -> String {
        guard let id = ids[handle] else { fatalError("demo plan refers to \(handle) before it is opened") }
        return id
    }

    /// Performs `command` as of the current day, remembering a new case under `handle`.
    func perform(_ command: Command, handle: String? = nil, linked: String? = nil) throws {
        let result = try ledger.perform(command, today: today)
        if let handle, let id = result.caseID { ids[handle] = id.description }
        if let linked, let id = result.linkedCaseID { ids[linked] = id.description }
    }
}

/// One write to the ledger, at a planned moment.
struct Step {
    /// Minutes since 1970-01-01 00:00 local time.
    var at: Int
    /// Tie-breaker: the order the step was planned in.
    var order: Int
    /// Who writes it.
    var op: String
    /// The write.
    var body: (Context) throws -> Void
}

/// Collects steps and plays them back in time order.
struct Planner {
    var rng: SplitMix64
    var steps: [Step] = []

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// A moment on `day` during office hours (08:30 to 17:30).
    mutating func workMinute(_ day: BusinessDate) -> Int {
        day.dayNumber * 1440 + rng.int(510...1050)
    }

    /// Plans a step at `at`, or just after `after` when that is later; returns the moment used.
    @discardableResult
    mutating func at(_ at: Int, after: Int? = nil, op: String, _ body: @escaping (Context) throws -> Void) -> Int {
        var t = at
        if let after, t <= after { t = after + rng.int(3...40) }
        steps.append(Step(at: t, order: steps.count, op: op, body: body))
        return t
    }

    /// Plays every step in time order, setting the write clock and the operator for each.
    func play(into ctx: Context, clock: WriteClock) throws {
        var timeRng = SplitMix64(seed: rng.state ^ 0x5EED)
        for step in steps.sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) {
            let day = BusinessDate(dayNumber: step.at / 1440)
            ctx.today = day
            clock.set(minute: step.at, second: timeRng.int(0...59), milli: timeRng.int(0...999))
            ctx.ledger.operatorName = step.op
            try step.body(ctx)
        }
    }
}

/// The `at` stamps and event ids the ledger writes, fixed by the plan instead of the wall clock.
final class WriteClock: @unchecked Sendable {
    // Only touched from the single generator thread; the ledger wants Sendable closures.
    private var stamp = "2023-11-01T08:30:00.000+08:00"
    private var idRng = SplitMix64(seed: 0x7A12_2024_DE70)

    func set(minute: Int, second: Int, milli: Int) {
        let day = BusinessDate(dayNumber: minute / 1440)
        let m = minute % 1440
        func p(_ v: Int, _ w: Int = 2) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        stamp = "\(day)T\(p(m / 60)):\(p(m % 60)):\(p(second)).\(p(milli, 3))+08:00"
    }

    func now() -> String { stamp }

    /// A random-looking version-4 UUID from the seeded generator.
    func makeID() -> String {
        let a = idRng.next(), b = idRng.next()
        func hex(_ v: UInt64, _ digits: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, digits - s.count)) + s
        }
        let h = hex(a, 16) + hex(b, 16)
        let c = Array(h)
        let variant = "89ab"[("89ab".index("89ab".startIndex, offsetBy: Int(b >> 62)))]
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-" + String(variant)
            + String(c[17..<20]) + "-" + String(c[20..<32])
    }
}
