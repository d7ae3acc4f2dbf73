/// Partial masking of personal numbers in exports: enough left to tell records apart and to
/// match a number the reader already knows, not enough to use it.
public enum Masking {
    /// `13812345678` -> `138****5678`: first 3 and last 4 characters kept (short numbers keep
    /// only their last 2).
    public static func phone(_ value: String) -> String {
        mask(value, keepFirst: 3, keepLast: 4)
    }

    /// `120101199001011234` -> `1201**********1234`: first 4 and last 4 characters kept.
    public static func idNumber(_ value: String) -> String {
        mask(value, keepFirst: 4, keepLast: 4)
    }

    static func mask(_ value: String, keepFirst: Int, keepLast: Int) -> String {
        let chars = Array(value)
        if chars.isEmpty { return value }
        if chars.count <= keepFirst + keepLast {
            let keep = min(2, chars.count - 1)
            return String(repeating: "*", count: chars.count - keep) + String(chars.suffix(keep))
        }
        return String(chars.prefix(keepFirst)) + String(repeating: "*", count: chars.count - keepFirst - keepLast)
            + String(chars.suffix(keepLast))
    }
}
