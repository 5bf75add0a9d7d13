/// How a profile's text names its own subject, which is never a new name nor another speaker: by the words
/// of its title ("Lao PDR — Mine Ban Policy"), by the adjective of its name ("Chilean", "Lebanese",
/// "Afghan", "Iraqi"), as "the country", or as "its".
struct SubjectNames: Sendable {
    /// Stems of every word of the titles.
    let stems: Set<String>
    /// The subject's own name, lower-cased: the words of each title's first line ("chile", "lao", "pdr").
    let name: Set<String>

    static let none = SubjectNames(titles: [])

    /// `titles`: `Profile.title` of both sides, its lines joined by " — ".
    init(titles: [String]) {
        stems = Set(titles.flatMap { $0.split(whereSeparator: { !$0.isLetter }) }.map { Rewording.stem($0.lowercased()) })
        name = Set(titles.compactMap { $0.components(separatedBy: " — ").first }
            .flatMap { $0.split(whereSeparator: { !$0.isLetter }) }.map { $0.lowercased() }.filter { $0.count >= 3 })
        adjectives = name.reduce(into: Set<String>()) { $0.formUnion(Self.irregular[$1] ?? []) }
    }

    /// The irregular adjectives (`irregular`) of the name's words, looked up once.
    let adjectives: Set<String>

    /// Whether a word (lower-cased; `stemmed` its `Rewording.stem`) names the subject.
    func contains(_ lower: String, stemmed: String) -> Bool {
        stems.contains(stemmed) || isNameOrAdjective(lower)
    }

    /// Whether a word (lower-cased) is a word of the subject's name or an adjective of one.
    func isNameOrAdjective(_ lower: String) -> Bool {
        (!adjectives.isEmpty && adjectives.contains(lower)) || name.contains { $0 == lower || Self.isAdjective(lower, of: $0) }
    }

    /// The endings that make a country's adjective of its name, once up to three of its last letters (or
    /// its "istan") are dropped: Chile → Chilean, Colombia → Colombian, Lebanon → Lebanese, Iraq → Iraqi,
    /// Ukraine → Ukrainian, Afghanistan → Afghan, Tajikistan → Tajik, Sudan → Sudanese, Yemen → Yemeni.
    /// "Children" is not Chile's: "dren" is no such ending.
    static let endings: Set<String> = ["", "an", "n", "ian", "ean", "ese", "i", "ish", "ic", "ine"]

    /// Adjectives no ending makes of the name, which a profile uses as readily as the regular ones: Lao PDR
    /// → Laotian, Myanmar → Burmese, Norway → Norwegian. Data, not a rule: such adjectives follow no pattern.
    static let irregular: [String: Set<String>] = [
        "lao": ["laotian"], "laos": ["laotian"], "myanmar": ["burmese"], "burma": ["burmese"], "congo": ["congolese"],
        "togo": ["togolese"], "peru": ["peruvian"], "cyprus": ["cypriot"], "madagascar": ["malagasy"],
        "philippines": ["filipino", "philippine"], "netherlands": ["dutch"], "switzerland": ["swiss"],
        "france": ["french"], "thailand": ["thai"], "ireland": ["irish"], "finland": ["finnish"], "denmark": ["danish"],
        "norway": ["norwegian"], "spain": ["spanish"], "portugal": ["portuguese"], "greece": ["greek"],
        "niger": ["nigerien"], "kosovo": ["kosovar", "kosovan"], "mozambique": ["mozambican"], "kyrgyzstan": ["kyrgyz"],
        "azerbaijan": ["azeri"], "sahara": ["sahrawi"], "ivoire": ["ivorian"],
        // Countries renamed keep their people's adjective: Swaziland and Eswatini are both "Swazi", Turkey and
        // Türkiye "Turkish".
        "swaziland": ["swazi"], "eswatini": ["swazi"], "türkiye": ["turkish"], "turkiye": ["turkish"],
        "kingdom": ["british"], "britain": ["british"], "lesotho": ["basotho", "mosotho"],
        "botswana": ["motswana", "batswana"], "seychelles": ["seychellois"], "monaco": ["monegasque"],
    ]

    /// Whether `word` is the adjective an ending makes of `name` (irregular ones are `adjectives`).
    static func isAdjective(_ word: String, of name: String) -> Bool {
        guard word != name, word.count > 3 else { return false }
        var stems = (0...3).map { String(name.dropLast($0)) }
        if name.hasSuffix("istan") { stems.append(String(name.dropLast(5))) }
        return stems.contains { stem in
            stem.count >= 3 && word.hasPrefix(stem) && endings.contains(String(word.dropFirst(stem.count)))
        }
    }
}
