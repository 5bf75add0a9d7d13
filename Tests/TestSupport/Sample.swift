import HistoryModel
import ProfileModel

/// Made-up but well-formed values for rendering without a repository.
public enum Sample {
    /// A stable 40-hex commit id derived from a label (FNV-1a), so goldens do not change between runs.
    public static func commit(_ label: String) -> CommitID {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var hex = ""
        while hex.count < 40 {
            for byte in label.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ UInt64(hex.count)) &* 0x100_0000_01b3
            let chunk = String(hash, radix: 16)
            hex += String(repeating: "0", count: 16 - chunk.count) + chunk
        }
        return CommitID(trusted: String(hex.prefix(40)))
    }

    /// A date from `YYYY-MM-DD` (a fixed fallback for a typo, which the golden then shows).
    public static func day(_ text: String) -> EffectiveDate {
        EffectiveDate(iso: text) ?? EffectiveDate(iso: "2000-01-01") ?? day("2000-01-01")
    }

    public static func profile(_ text: String) -> ProfileID {
        (try? ProfileID(text)) ?? profile("fixture/profile")
    }
}
