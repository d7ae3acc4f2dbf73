import ArgumentParser
import TaizhangDomain

/// The year-end and export commands (`summary`, `export`), registered on the root command.
let reportCommands: [ParsableCommand.Type] = []
