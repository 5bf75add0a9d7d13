import Foundation
import Testing

/// DESIGN's module rule: only the Git target talks to C.
@Test func onlyTheGitTargetImportsCGit2() throws {
    let sources = packageRoot.appendingPathComponent("Sources")
    let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
    #expect(files.count > 10)
    var offenders: [String] = []
    for file in files where !file.hasPrefix("Git/") {
        let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        if text.split(separator: "\n").contains(where: { $0.contains("import CGit2") }) { offenders.append(file) }
    }
    #expect(offenders.isEmpty, "CGit2 imported outside Sources/Git: \(offenders)")
    for file in files where file.hasPrefix("Git/") {
        let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") where line.contains("import CGit2") {
            #expect(line.hasPrefix("internal import"), "\(file) must import CGit2 internally")
        }
    }
}
