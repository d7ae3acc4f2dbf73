import TaizhangDomain

extension KindCounts {
    /// Counts per kind, for figures counted elsewhere (the district's SQL).
    public init(_ counts: [CaseKind: Int]) {
        self.init()
        self.counts = counts
    }
}
