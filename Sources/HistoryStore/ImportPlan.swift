import Crypto
import Foundation
import ProfileModel

/// Which texts an import records, in which order, and which files it refused (with why).
///
/// A directory in the `Repo/` layout holds `<area>/<topic>/<YYYY-MM-DD>.txt`. Two suffixes say what was
/// recorded later, so that one import replays a realistic history (see `Repo/README.md`):
/// - `<date>.original.txt`: the text first published under that date, later corrected; it is recorded in
///   date order and only if the profile has no revision of that date yet; the sibling `<date>.txt` is then
///   recorded after every plain file, as a correction.
/// - `<date>.late.txt`: a revision that reached the repository late; recorded after every plain file, so
///   it becomes a back-fill.
public struct ImportPlan: Sendable {
    /// One text to record. Files of a directory are read and validated only when their turn comes, in
    /// parallel batches, so an import of tens of thousands of files never holds them all in memory.
    public struct Item: Sendable {
        /// The path as the user gave it (or below the directory they gave), for messages.
        public var path: String
        public var profile: ProfileID
        /// The date it is ordered by: from the file name in a directory (checked against the text when it
        /// is read), from the text for a file named on its own.
        public var date: EffectiveDate
        /// 0: recorded in date order; 1: recorded after every round-0 item.
        public var round: Int
        /// Already read and validated (files named on their own); nil until then for directory files.
        public var submission: Submission?
        var onlyIfDateIsNew: Bool

        /// The validated text, or why it cannot be recorded.
        func validated() -> Result<Submission, Problem> {
            if let submission { return .success(submission) }
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(Problem(path: path, message: "cannot read the file; check its permissions"))
            }
            do {
                return .success(try Submission(validating: Array(data), profile: profile, nameDate: date, forcedDate: nil,
                                               source: path, onlyIfDateIsNew: onlyIfDateIsNew))
            } catch {
                return .failure(Problem(path: path, message: error.message))
            }
        }
    }

    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    public var items: [Item] = []
    public var problems: [Problem] = []

    /// Options for files named one by one (`--profile`, `--date`, `--source`); directory imports take
    /// profile and date from the layout and record each file's own path as its source.
    public struct Options: Sendable {
        public var profile: ProfileID?
        public var date: EffectiveDate?
        public var source: String?
        public init(profile: ProfileID? = nil, date: EffectiveDate? = nil, source: String? = nil) {
            self.profile = profile
            self.date = date
            self.source = source
        }
    }

    public init(paths: [String], options: Options = Options()) {
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Problem(path: path, message: "no such file or directory; check the path"))
                continue
            }
            if isDirectory.boolValue { addDirectory(path, options: options) } else { addFile(path, options: options) }
        }
        // Date order within each round; ties broken by profile so that the order never depends on the file system.
        items.sort { ($0.round, $0.date, $0.profile, $0.path) < ($1.round, $1.date, $1.profile, $1.path) }
    }

    enum Variant: String { case plain, original, late }

    /// `2016-07-05.txt`, `2016-07-05.original.txt`, `2016-07-05.late.txt` → date and variant; nil otherwise.
    static func parseFileName(_ name: String) -> (String, Variant)? {
        guard name.hasSuffix(".txt") else { return nil }
        let stem = name.dropLast(4)
        for variant in [Variant.original, .late] where stem.hasSuffix(".\(variant.rawValue)") {
            return (String(stem.dropLast(variant.rawValue.count + 1)), variant)
        }
        return (String(stem), .plain)
    }

    mutating func addDirectory(_ root: String, options: Options) {
        let fm = FileManager.default
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        func children(_ path: String) -> [String] {
            ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }
        func isDirectory(_ path: String) -> Bool {
            var flag: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
        }
        for area in children(base) {
            let areaPath = "\(base)/\(area)"
            // Files next to the area folders (a README, a licence) are documentation, not revisions.
            guard isDirectory(areaPath) else { continue }
            guard ProfileID.isSlug(area) else {
                problems.append(Problem(path: areaPath, message: "'\(area)' is not an area slug; rename the folder in lower-case letters, digits and hyphens"))
                continue
            }
            for topic in children(areaPath) {
                let topicPath = "\(areaPath)/\(topic)"
                guard isDirectory(topicPath) else {
                    problems.append(Problem(path: topicPath, message: "expected a topic folder <area>/<topic>/ holding <YYYY-MM-DD>.txt files; move the file into one"))
                    continue
                }
                guard let profile = try? ProfileID(area: area, topic: topic) else {
                    problems.append(Problem(path: topicPath, message: "'\(topic)' is not a topic slug; rename the folder in lower-case letters, digits and hyphens"))
                    continue
                }
                let names = children(topicPath)
                for name in names {
                    let filePath = "\(topicPath)/\(name)"
                    guard let (dateText, variant) = Self.parseFileName(name),
                          dateText.allSatisfy({ $0.isNumber || $0 == "-" }) else {
                        problems.append(Problem(path: filePath, message: "not a revision: name it <YYYY-MM-DD>.txt after its Last updated date"))
                        continue
                    }
                    guard let date = EffectiveDate(iso: dateText) else {
                        problems.append(Problem(path: filePath, message: "'\(dateText)' in the file name is not a real YYYY-MM-DD date; rename the file"))
                        continue
                    }
                    let corrected = variant == .plain && names.contains("\(dateText).original.txt")
                    let round = (variant == .late || corrected) ? 1 : 0
                    items.append(Item(path: filePath, profile: profile, date: date, round: round, submission: nil,
                                      onlyIfDateIsNew: variant == .original))
                }
            }
        }
    }

    mutating func addFile(_ path: String, options: Options) {
        var profile = options.profile
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let nameDate = Self.parseFileName(name).flatMap { EffectiveDate(iso: $0.0) }
        if profile == nil {
            let components = url.deletingLastPathComponent().pathComponents
            if components.count >= 2 {
                profile = try? ProfileID(area: components[components.count - 2], topic: components[components.count - 1])
            }
        }
        guard let profile else {
            problems.append(Problem(path: path, message: "cannot tell which profile this is; pass --profile <area>/<topic>"))
            return
        }
        add(path, profile: profile, nameDate: nameDate, forcedDate: options.date, source: options.source, round: 0, onlyIfDateIsNew: false)
    }

    mutating func add(_ path: String, profile: ProfileID, nameDate: EffectiveDate?, forcedDate: EffectiveDate?,
                      source: String?, round: Int, onlyIfDateIsNew: Bool) {
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(Problem(path: path, message: "cannot read the file; check its permissions"))
            return
        }
        do {
            let submission = try Submission(validating: Array(data), profile: profile, nameDate: nameDate, forcedDate: forcedDate,
                                            source: source ?? path, onlyIfDateIsNew: onlyIfDateIsNew)
            items.append(Item(path: path, profile: profile, date: submission.date, round: round, submission: submission,
                              onlyIfDateIsNew: onlyIfDateIsNew))
        } catch {
            problems.append(Problem(path: path, message: error.message))
        }

    }
}

/// Why a text cannot be recorded, in words a person can act on (the caller names the file or request).
public struct SubmissionProblem: Error, Sendable {
    public let message: String
}

extension Submission {
    /// A text as `history import` and `POST …/revisions` accept it: valid UTF-8 profile text whose date comes
    /// from its Last updated line, else `forcedDate` (`--date`), else the file name — and all that are given agree.
    public init(validating bytes: [UInt8], profile: ProfileID, nameDate: EffectiveDate?, forcedDate: EffectiveDate?,
                source: String?, onlyIfDateIsNew: Bool = false) throws(SubmissionProblem) {
        let text: String
        let lastUpdated: EffectiveDate?
        do {
            text = try ProfileText.normalize(bytes)
            lastUpdated = try ProfileParser.lastUpdated(normalized: text)
        } catch {
            throw SubmissionProblem(message: error.description)
        }
        let date: EffectiveDate
        switch (lastUpdated, forcedDate, nameDate) {
        case (let own?, let forced?, _) where own != forced:
            throw SubmissionProblem(message: "its Last updated line says \(own) but --date says \(forced); drop --date or fix the file")
        case (let own?, nil, let named?) where own != named:
            throw SubmissionProblem(message: "its Last updated line says \(own) but the file name says \(named); rename the file or fix the line")
        case (let own?, _, _): date = own
        case (nil, let forced?, _): date = forced
        case (nil, nil, let named?): date = named
        case (nil, nil, nil):
            throw SubmissionProblem(message: "no Last updated line and no date in the file name; pass --date YYYY-MM-DD")
        }
        let digest = sha256Hex(bytes)
        self.init(profile: profile, date: date, text: text, source: source, sourceSHA256: digest, onlyIfDateIsNew: onlyIfDateIsNew)
    }
}

/// The SHA-256 of some bytes in lower-case hex, as the `Source-SHA256` trailer records it. (Formatting each
/// byte with `String(format:)` was a few percent of a large import.)
func sha256Hex(_ bytes: some DataProtocol) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in SHA256.hash(data: bytes) {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}
