import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock seconds of `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    var t0 = timespec(), t1 = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t0)
    try body()
    clock_gettime(CLOCK_MONOTONIC, &t1)
    return Double(t1.tv_sec - t0.tv_sec) + Double(t1.tv_nsec - t0.tv_nsec) / 1e9
}

/// The best of `runs` timings (the least disturbed by the rest of the machine).
func best(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var b = Double.infinity
    for _ in 0..<runs { b = min(b, try seconds(body)) }
    return b
}

/// What one child process cost.
struct ChildCost {
    var seconds: Double
    var maxRSSMB: Double
    var status: Int32
}

/// Runs a program with stdout and stderr sent to /dev/null (or `stdoutPath`), timing it and
/// reading its peak resident set size. The size comes from GNU time (`/usr/bin/time`, Debian's
/// `time` package) when it is there: `wait4`'s figure for a child started with `posix_spawn`
/// includes this benchmark's own memory, shared until the child's `exec`.
func spawnMeasured(_ argv: [String], environment: [String: String] = [:], stdoutPath: String = "/dev/null") -> ChildCost {
    let timeTool = "/usr/bin/time"
    guard FileManager.default.isExecutableFile(atPath: timeTool) else {
        var cost = spawnRaw(argv, environment: environment, stdoutPath: stdoutPath)
        cost.maxRSSMB = .nan
        return cost
    }
    let report = NSTemporaryDirectory() + "taizhang-bench-rss-\(getpid())"
    var cost = spawnRaw([timeTool, "-f", "%M", "-o", report] + argv, environment: environment, stdoutPath: stdoutPath)
    if let text = try? String(contentsOfFile: report, encoding: .utf8),
       let kb = text.split(separator: "\n").last(where: { Int($0.trimmingCharacters(in: .whitespaces)) != nil }).flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
        cost.maxRSSMB = kb / 1024
    } else {
        cost.maxRSSMB = .nan
    }
    unlink(report)
    return cost
}

/// Runs a program and waits for it (blocking in `wait4`, not polling). Its stdout goes to
/// `stdoutPath` and its stderr to /dev/null, or when `stdoutPath` is nil both are this
/// process's.
func spawnRaw(_ argv: [String], environment: [String: String], stdoutPath: String?) -> ChildCost {
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let envStrings = env.map { "\($0.key)=\($0.value)" }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    if let stdoutPath {
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    defer { posix_spawn_file_actions_destroy(&actions) }
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = envStrings.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
    var pid = pid_t()
    var t0 = timespec(), t1 = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t0)
    let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, cEnv)
    guard rc == 0 else { return ChildCost(seconds: .nan, maxRSSMB: .nan, status: -1) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    clock_gettime(CLOCK_MONOTONIC, &t1)
    let secs = Double(t1.tv_sec - t0.tv_sec) + Double(t1.tv_nsec - t0.tv_nsec) / 1e9
    // Exit code, or 128 plus the signal that ended it (as a shell reports it).
    let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return ChildCost(seconds: secs, maxRSSMB: Double(usage.ru_maxrss) / 1024, status: code)
}

/// Best of `runs` child runs (peak RSS of the best run).
func bestChild(_ runs: Int, _ argv: [String], environment: [String: String] = [:]) -> ChildCost {
    var bestCost = ChildCost(seconds: .infinity, maxRSSMB: 0, status: 0)
    for _ in 0..<runs {
        let c = spawnMeasured(argv, environment: environment)
        if c.status != 0 { return c }
        if c.seconds < bestCost.seconds { bestCost = c }
    }
    return bestCost
}

/// p50 and p99 of a list of samples.
func percentiles(_ samples: [Double]) -> (p50: Double, p99: Double) {
    let s = samples.sorted()
    guard !s.isEmpty else { return (.nan, .nan) }
    func at(_ q: Double) -> Double { s[min(s.count - 1, Int((Double(s.count - 1) * q).rounded()))] }
    return (at(0.5), at(0.99))
}

/// A memory figure of this process from `/proc/self/status` (`VmRSS`, `VmHWM`), MB; nil
/// where there is no such file.
private func procStatusMB(_ field: String) -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
          let kb = line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap({ Double($0) })
    else { return nil }
    return kb / 1024
}

/// Peak RSS of this process so far, MB. On Linux from `VmHWM`, which starts afresh with each
/// program: `getrusage`'s maximum carries over from the process that started it.
func selfPeakRSSMB() -> Double {
    if let mb = procStatusMB("VmHWM") { return mb }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Resident memory of this process now, MB (Linux; nan elsewhere).
func selfRSSMB() -> Double { procStatusMB("VmRSS") ?? .nan }

func fmt(_ v: Double, _ digits: Int = 3) -> String {
    v.isNaN ? "n/a" : String(format: "%.\(digits)f", v)
}
