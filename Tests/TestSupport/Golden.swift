import Foundation

/// Golden files: expected output kept in the repository and compared byte for byte. They are rewritten
/// only on purpose, by running the tests with HISTORY_UPDATE_GOLDEN=1 and reviewing the diff.
public enum Golden {
    /// The package root, from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var updating: Bool { ProcessInfo.processInfo.environment["HISTORY_UPDATE_GOLDEN"] == "1" }

    /// Nil when `actual` matches `Tests/Golden/<name>`; otherwise a message showing the first difference.
    public static func mismatch(_ actual: String, _ name: String) -> String? {
        let url = packageRoot.appendingPathComponent("Tests/Golden").appendingPathComponent(name)
        if updating {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            return nil
        }
        guard let data = try? Data(contentsOf: url) else {
            return "no golden file Tests/Golden/\(name); run the tests with HISTORY_UPDATE_GOLDEN=1 to write it"
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected == actual { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let want = line < e.count ? String(e[line]) : "<end>"
        let got = line < a.count ? String(a[line]) : "<end>"
        return "Tests/Golden/\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n"
            + "(if the change is intended, rerun with HISTORY_UPDATE_GOLDEN=1 and review the diff)"
    }
}
