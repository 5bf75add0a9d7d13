/// "Did you mean": the nearest of some known names to a misspelt one, as git and cargo suggest.
public enum Spelling {
    /// The candidate closest to `given` by edit distance (insertions, deletions, substitutions and swaps of
    /// neighbours), if it is close enough to be the likely intent: at most a third of the longer name and
    /// never more than 3 edits. A name that begins exactly one candidate (`kosovo/cluster`) suggests it too.
    public static func suggestion(for given: String, among candidates: some Sequence<String>) -> String? {
        let typed = Array(given.lowercased())
        guard !typed.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        var prefixed: [String] = []
        for candidate in candidates where candidate != given {
            let name = Array(candidate.lowercased())
            if name.count > typed.count && name.starts(with: typed) { prefixed.append(candidate) }
            let limit = min(3, max(1, max(name.count, typed.count) / 3))
            guard abs(name.count - typed.count) <= limit, let distance = distance(typed, name, limit: limit) else { continue }
            if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        if let best { return best.name }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// Optimal-string-alignment distance when it is at most `limit`, else nil (rows stop early past it).
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var smallest = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
                smallest = min(smallest, value)
            }
            if smallest > limit { return nil }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
