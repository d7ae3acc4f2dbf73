// The year-end screen.

extension Words {
    /// The year-end screen.
    public enum YearEnd {
        public static func writeConfirm(_ path: String) -> Words { Words("写入 \(path)？", "Write \(path)?") }
        public static func exported(_ path: String) -> Words { Words("已导出到 \(path)", "exported to \(path)") }
        public static func title(year: Int, unit: String) -> Words {
            Words("年度统计  ◀ \(year) ▶  单位：\(unit)", "Year-end  ◀ \(year) ▶  unit: \(unit)")
        }
        /// A month's row of the chart.
        public static func month(_ n: Int) -> Words { Words("\(n)月", "M\(n)") }
        public static let exportYearEndFigures = Words("导出年度统计", "Export year-end figures")
        public static let mediationsByCategory = Words("调解纠纷类型", "Mediations by category")
        public static let receivedPerMonth = Words("按月受理", "Received per month")
        public static let monthsAxis = Words("1 2 3 4 5 6 7 8 9 101112 月", "J F M A M J J A S O N D")
        public static let year = Words("年份", "year")
        public static let exportTxtMdCsvJson = Words("导出（.txt/.md/.csv/.json/.xlsx）", "export (.txt/.md/.csv/.json/.xlsx)")
        /// A mediation figure with the unit it counts: `人民调解（全镇）`, `mediations (office)`.
        public static func scoped(_ label: Words, _ unit: Words) -> Words {
            Words("\(label.zh)（\(unit.zh)）", "\(label.en) (\(unit.en))")
        }
        /// Under the whole town's figures: what its mediations add up from.
        public static func townMediations(station: Int, stationResolved: Int, office: Int, officeResolved: Int) -> Words {
            Words("全镇调解 = 法律服务站 \(station) 件（化解 \(stationResolved)）+ 公共安全办 \(office) 件（化解 \(officeResolved)）；按 u 看各单位",
                  "town mediations = station \(station) (\(stationResolved) resolved) + office \(office) (\(officeResolved) resolved); u shows one unit")
        }
        /// A rate's numerator and denominator after the percentage.
        public static func ofCount(_ n: Int, _ d: Int) -> Words { Words("（\(n)/\(d)）", " (\(n)/\(d))") }
        /// The figures of a year as a spreadsheet: the sheet of the ledger's state.
        public static let ledgerSheet = Words("账本", "ledger")
        public static let exportTo = Words("导出到文件", "export to")
    }
}
