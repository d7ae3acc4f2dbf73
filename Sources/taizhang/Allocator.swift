#if os(Linux)
/// mimalloc's `mi_option_set_enabled` (the programs link mimalloc: see Package.swift).
@_silgen_name("mi_option_set_enabled") private func mimallocSetEnabled(_ option: Int32, _ enabled: Bool)
#endif

/// Settings of the allocator made before a command runs.
enum Allocator {
    /// `mi_option_large_os_pages` in mimalloc.h (its numbering keeps retired options in place,
    /// so the number is the same in every 2.x release).
    static let largeOSPages: Int32 = 6

    /// Asks for 2 MiB pages for the heap in a command that opens a ledger and exits: opening a
    /// district's ledger allocates a quarter of a gigabyte, and with 4 KiB pages the kernel
    /// spent a third of `list`'s time on page faults (0.30 s of system time against 0.17 s).
    /// The TUI keeps small pages: it lives long, and whole large pages would add to its memory.
    static func prepare(arguments: [String]) {
        #if os(Linux)
        guard let command = subcommand(arguments), command != "tui" else { return }
        mimallocSetEnabled(largeOSPages, true)
        #endif
    }

    /// The global options that take a value (`--store X`), which may come before the command.
    static let optionsWithValues: Set<String> = ["--store", "--operator", "--lang"]

    /// The subcommand named in `arguments` (nil for the TUI: no subcommand).
    static func subcommand(_ arguments: [String]) -> String? {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if !a.hasPrefix("-") { return a }
            if a == "--" { return nil }
            i += optionsWithValues.contains(a) ? 2 : 1
        }
        return nil
    }
}
