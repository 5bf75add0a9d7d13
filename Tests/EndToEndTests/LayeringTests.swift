import Foundation
import Testing

/// DESIGN's module table (docs/architecture.md): what each target may import. System and toolchain
/// modules every target may use are listed once.
let everywhere: Set<String> = ["Foundation", "Glibc", "Dispatch", "Synchronization"]
let moduleTable: [String: Set<String>] = [
    "CGit2": [],
    "CLibXML2": [],
    "HTML": ["CLibXML2", "HistoryModel"],
    "Git": ["CGit2", "Crypto"],
    "ProfileModel": [],
    "SemanticDiff": ["ProfileModel"],
    "HistoryModel": ["ProfileModel", "SemanticDiff"],
    "DiffEvaluation": ["ProfileModel", "SemanticDiff"],
    "HistoryStore": ["Git", "ProfileModel", "SemanticDiff", "HistoryModel", "Crypto", "Yams"],
    "Rendering": ["HistoryModel", "SemanticDiff", "ProfileModel"],
    "Export": ["HistoryStore", "HistoryModel", "ProfileModel", "SemanticDiff", "GRDB"],
    "HistoryServer": ["HistoryStore", "Rendering", "HistoryModel", "ProfileModel", "SemanticDiff",
                      "Hummingbird", "HummingbirdCore", "HummingbirdAuth", "HTTPTypes", "NIOCore", "NIOPosix", "NIOConcurrencyHelpers", "Logging"],
    "Outbound": ["HistoryModel", "AsyncHTTPClient", "Crypto", "NIOCore", "NIOHTTP1", "Logging"],
    "history": ["HistoryStore", "Rendering", "HistoryModel", "ProfileModel", "SemanticDiff", "HistoryServer", "Export", "Outbound", "HTML",
                "ArgumentParser", "Logging"],
]

/// Every `import` of every file in Sources/<target>/, by target.
func importsByTarget() throws -> [String: [(file: String, module: String)]] {
    let sources = packageRoot.appendingPathComponent("Sources")
    var result: [String: [(file: String, module: String)]] = [:]
    let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
    for file in files {
        let target = String(file.prefix { $0 != "/" })
        result[target, default: []] += []
        let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let i = words.firstIndex(of: "import"), words[..<i].allSatisfy({ ["@testable", "internal", "public", "@_exported"].contains($0) }),
                  i + 1 < words.count else { continue }
            result[target, default: []].append((file, String(words[i + 1])))
        }
    }
    return result
}

/// A target imports only what its own row names, and every target has a row.
@Test func everyTargetImportsOnlyWhatTheModuleTableAllows() throws {
    let imports = try importsByTarget()
    let targets = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Sources").path)
    #expect(Set(targets) == Set(moduleTable.keys), "Sources/ and the module table list different targets")
    var offenders: [String] = []
    for (target, list) in imports {
        let allowed = (moduleTable[target] ?? []).union(everywhere)
        for (file, module) in list where !allowed.contains(module) { offenders.append("\(file) imports \(module)") }
    }
    #expect(offenders.isEmpty, "imports the module table does not allow: \(offenders)")
    // The rule can fail: the store's files do import Git, which Rendering's row leaves out.
    #expect(imports["HistoryStore"]?.contains { $0.module == "Git" } == true && moduleTable["Rendering"]?.contains("Git") == false)
}

/// Only the Git target talks to C, and only internally: no C type leaks through its interface.
@Test func onlyTheGitTargetImportsCGit2() throws {
    let imports = try importsByTarget()
    #expect(imports.values.joined().count > 50)
    let offenders = imports.filter { $0.key != "Git" }.flatMap { $0.value.filter { $0.module == "CGit2" }.map(\.file) }
    #expect(offenders.isEmpty, "CGit2 imported outside Sources/Git: \(offenders)")
    let sources = packageRoot.appendingPathComponent("Sources")
    for file in Set((imports["Git"] ?? []).map(\.file)) {
        let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") where line.contains("import CGit2") {
            #expect(line.hasPrefix("internal import"), "\(file) must import CGit2 internally")
        }
    }
}

/// Text is made from typed values only in Rendering (and the server's pages): the store has no renderer.
@Test func theStoreRendersNothing() throws {
    let imports = try importsByTarget()
    #expect(!(imports["HistoryStore"] ?? []).contains { $0.module == "Rendering" })
    let store = packageRoot.appendingPathComponent("Sources/HistoryStore")
    // The users file is the store's own format, read back only by the store (as SourceList's YAML is).
    let ownFormats: Set<String> = ["Users.swift"]
    for file in try FileManager.default.contentsOfDirectory(atPath: store.path) where !ownFormats.contains(file) {
        let text = try String(contentsOf: store.appendingPathComponent(file), encoding: .utf8)
        #expect(!text.contains("JSONEncoder"), "\(file) renders JSON; that is Rendering's job")
    }
}
