import Foundation
import HistoryModel
import ProfileModel
import Rendering
import SemanticDiff

/// `history-bench pathological DIR…`: each DIR holds folders of `old.txt`/`new.txt` pairs (made by
/// `scripts/pathological.py`); prints how long parsing both as stored, the semantic diff and its JSON take
/// for each pair, and whether the diff fell back. Run it at several sizes to see how time grows.
func pathologicalBenchmark(_ folders: ArraySlice<String>) throws {
    print("case                        bytes (old+new)   parse ms    diff ms    json ms   total ms   changes  fallback")
    for folder in folders {
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        for name in cases {
            let old = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)/old.txt"))
            let new = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)/new.txt"))
            let clock = ContinuousClock()
            let storedOld = Array(ProfileText.normalize(String(decoding: old, as: UTF8.self)).utf8)
            let storedNew = Array(ProfileText.normalize(String(decoding: new, as: UTF8.self)).utf8)
            var a: Profile?, b: Profile?
            let parse = try clock.measure {
                a = try ProfileParser.parse(stored: storedOld, details: false)
                b = try ProfileParser.parse(stored: storedNew, details: false)
            }
            guard let a, let b else { continue }
            var diff: DocumentDiff?
            let compare = clock.measure { diff = DocumentDiff.compare(a, b) }
            guard let diff else { continue }
            var bytes = 0
            let json = clock.measure {
                bytes = Bench.comparison(diff).map { DiffJSON.document($0).utf8.count } ?? 0
            }
            _ = bytes
            func ms(_ d: Duration) -> String { String(format: "%10.1f", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15) }
            let label = "\(name)".padding(toLength: 26, withPad: " ", startingAt: 0)
            let size = String(old.count + new.count).leftPadded(to: 16)
            print("\(label) \(size) \(ms(parse)) \(ms(compare)) \(ms(json)) \(ms(parse + compare + json))   \(String(diff.changes.count).leftPadded(to: 7))  \(diff.fallback ?? "-")")
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
