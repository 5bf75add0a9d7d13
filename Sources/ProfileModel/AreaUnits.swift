/// Units of area other than km², and how many of each make one km²: the facts (`FactExtractor`) and the
/// cosmetic normal form (`Cosmetic`) both give an area in km², whichever unit its text writes.
public enum AreaUnits {
    /// Keyed by the unit as the fact extractor reads it (`m²`) and as the normal form does (`m2`), lower-cased.
    public static let perKm2: [String: Int] = ["m²": 1_000_000, "m2": 1_000_000, "hectares": 100, "hectare": 100, "ha": 100]
}
