import Foundation
import HistoryModel
import HTML
import ProfileModel
import Rendering
import SemanticDiff

/// What the fuzzer drives, one function per target: bytes in, nothing out, and nothing may trap. The same
/// functions replay every saved input in `Tests/FuzzCorpus/<target>/` as regression tests.
///
/// Only the pure modules are linked: `scripts/fuzz` builds everything it links instrumented, in a build folder
/// of its own, and the server's and the store's dependencies (NIO, Hummingbird, BoringSSL) took six of its
/// seven minutes. What those layers read from outside goes through `SubmittedText` and `QueryValue`, here.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The profile parser: raw bytes as `history import` reads a file, and as a stored text.
    case parser
    /// Two texts (split at the first 0xFF byte, or in half) parsed and diffed, rendered in every format.
    case diff
    /// Dates, recorded times and profile ids as the command line and the API read them.
    case dates
    /// A request's query string as the API's routes decode it.
    case query
    /// A published page through libxml2's HTML parser and the profile extraction `history fetch` uses; what
    /// it extracts must parse as a profile or be refused with a typed error.
    case html

    public func run(_ data: [UInt8]) {
        switch self {
        case .parser: Self.parser(data)
        case .diff: Self.diff(data)
        case .dates: Self.dates(data)
        case .query: Self.query(data)
        case .html: Self.html(data)
        }
    }

    static func parser(_ data: [UInt8]) {
        _ = try? ProfileParser.parse(data)
        _ = try? ProfileParser.parse(stored: data, details: true)
        _ = try? SubmittedText.validate(data, nameDate: nil, forcedDate: nil)
        _ = try? SubmittedText.validate(data, nameDate: EffectiveDate(year: 2016, month: 7, day: 5), forcedDate: nil)
    }

    static func diff(_ data: [UInt8]) {
        let cut = data.firstIndex(of: 0xFF) ?? data.count / 2
        let oldBytes = Array(data[..<cut]), newBytes = Array(data[min(cut + 1, data.count)...])
        guard let old = try? ProfileParser.parse(oldBytes), let new = try? ProfileParser.parse(newBytes) else { return }
        let diff = DocumentDiff.compare(old, new)
        guard let profile = try? ProfileID("testland/cluster-munition-ban-policy"),
              let from = EffectiveDate(year: 2020, month: 1, day: 1), let to = EffectiveDate(year: 2021, month: 1, day: 1) else { return }
        let comparison = ProfileComparison(unrecorded: diff, profile: profile, from: from, to: to)
        _ = DiffJSON.document(comparison)
        _ = DiffText.render(comparison)
        _ = DiffMarkdown.render(comparison, minimum: .cosmetic)
        // The same text against itself is never a change.
        if !DocumentDiff.compare(new, new).changes.isEmpty { trap("a text compared with itself has changes") }
    }

    static func dates(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        if let date = try? DateArgument(text, option: "--from") {
            if date.start > date.end || date.startTime > date.endTime { trap("a date period that ends before it starts") }
        }
        _ = try? RecordedTime(text, option: "--recorded-at")
        _ = try? ProfileID(text)
        _ = EffectiveDate(iso: Substring(text))
    }

    static func query(_ data: [UInt8]) {
        // Each `name=value` pair, percent-decoded, as the routes receive it, given to every reader.
        for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
            let raw = pair.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            let value = raw.removingPercentEncoding ?? raw
            let given: String? = value.isEmpty ? nil : value
            _ = try? QueryValue.date(given, name: "from")
            _ = try? QueryValue.count(given, name: "offset")
            _ = try? QueryValue.significance(given, name: "min")
            _ = try? QueryValue.recordedTime(given, name: "recordedAt")
            _ = QueryValue.flag(given)
        }
    }

    static func html(_ data: [UInt8]) {
        _ = try? ProfilePage.text(of: data)
        _ = try? ProfilePage.text(of: data, container: "//div[@class='profile']")
    }

    /// A finding the fuzzer should stop at: a broken property, not a crash of the code under test.
    static func trap(_ what: String) -> Never {
        FileHandle.standardError.write(Data("fuzz property broken: \(what)\n".utf8))
        abort()
    }
}
