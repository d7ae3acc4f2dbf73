// The words of the TUI's queue screen.

extension Words {
    /// The queue: its tabs (short kind names) and lines.
    public enum Queue {
        public static let allKinds = Words("全部", "All")
        public static let consultation = Words("咨询", "Consult")
        public static let mediation = Words("调解", "Mediation")
        public static let petition = Words("信访", "Petition")
        public static let review = Words("审查", "Review")
        public static let suit = Words("应诉", "Suit")
    }
}
