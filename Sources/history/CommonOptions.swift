import ArgumentParser
import Foundation
import HistoryModel
import HistoryStore

/// `--repo`, shared by every subcommand.
struct RepositoryOptions: ParsableArguments {
    @Option(name: [.customShort("R"), .long], help: ArgumentHelp("The history repository (default: $HISTORY_REPO, else ./.history).", valueName: "dir"))
    var repo: String?

    var path: String {
        if let repo { return repo }
        if let env = ProcessInfo.processInfo.environment["HISTORY_REPO"], !env.isEmpty { return env }
        return ".history"
    }

    func open() throws(HistoryError) -> HistoryRepository { try HistoryRepository.open(at: path) }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Runs a command body, turning `HistoryError` into one line on stderr and DESIGN's exit code.
func guarded(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as HistoryError {
        Terminal.error(error.description)
        throw ExitCode(error.exitCode)
    }
}

func guarded(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as HistoryError {
        Terminal.error(error.description)
        throw ExitCode(error.exitCode)
    }
}

extension HistoryError {
    /// DESIGN's exit codes: the command line's business, not the store's.
    var exitCode: Int32 {
        switch self {
        case .invalidArgument: 64
        case .badInput, .notFound, .someInputsRejected: 65
        case .repository: 74
        case .busy: 75
        case .unavailable: 69
        }
    }
}

/// Dates and profile ids are parsed by the argument parser into their types; a value that does not parse
/// is reported by `History.main` as the type's own one-line error (what was wrong, what to write instead).
extension DateArgument: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(argument, option: "date") }
}

extension ProfileID: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(argument) }
}

/// Who records: `--author "Name <email>"` at the time `HISTORY_NOW` or the clock says.
func identity(_ author: String?, option: String = "--author", signingKey: SSHSigningKey? = nil) throws(HistoryError) -> Identity {
    let person = try author.map { (a) throws(HistoryError) in try Person(parsing: a, option: option) }
    return Identity(person ?? Identity.service, at: Timestamp(seconds: try Terminal.now()), signingKey: signingKey)
}

enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("history: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Overwrites the current terminal line on stderr (the import's progress line).
    static func rewriteLine(_ text: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// A set, non-empty environment variable.
    static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    /// Standard output reaches a person: a terminal, or the pager in front of one.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 || Pager.active }
    /// https://no-color.org: a set, non-empty NO_COLOR turns off automatic colour.
    /// NO_COLOR set (no-color.org), or a terminal that says it cannot show colour (`TERM=dumb`, as git reads it).
    static var noColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
    }

    /// When something is recorded: now, unless HISTORY_NOW (epoch seconds or ISO 8601) fixes it for reproducible runs.
    static func now() throws(HistoryError) -> Int64 {
        guard let fixed = ProcessInfo.processInfo.environment["HISTORY_NOW"], !fixed.isEmpty else {
            return Int64(Date().timeIntervalSince1970)
        }
        let seconds = Int64(fixed) ?? ISO8601DateFormatter().date(from: fixed).map { Int64($0.timeIntervalSince1970) }
        // 1970-01-01 to 2100-12-31: a recording time outside it is a typo, not a clock.
        guard let seconds, (0...4_133_980_799).contains(seconds) else {
            throw .invalidArgument(what: "HISTORY_NOW '\(fixed)'", fix: "set it to seconds since 1970 or an ISO 8601 time like 2026-11-29T03:00:00Z between 1970 and 2100, or unset it")
        }
        return seconds
    }
}



/// Profiles named on the command line: exact ids (`kosovo/mine-ban-policy`) and shell globs (`kosovo/*`,
/// `*/mine-ban-policy`). An id that is not recorded, or a glob that matches nothing recorded, is an error
/// that says so (with the nearest id for a typo): an empty answer would hide the mistake.
struct ProfileSelection {
    var ids: [ProfileID] = []
    var globs: [String] = []

    init(_ arguments: [String]) throws(HistoryError) {
        for argument in arguments {
            if argument.contains(where: { "*?[".contains($0) }) {
                guard ProfileGlobs.isUsable(argument) else {
                    throw .invalidArgument(what: "'\(argument.prefix(60))' is not a profile glob", fix: "give an id or a glob such as kosovo/* or */mine-ban-policy")
                }
                globs.append(argument)
            } else {
                ids.append(try ProfileID(argument))
            }
        }
    }

    var isEmpty: Bool { ids.isEmpty && globs.isEmpty }

    /// Every pattern, ids included; nil when nothing was named (every profile).
    var filter: ProfileGlobs? { try? ProfileGlobs(ids.map(\.description) + globs) }

    /// Checks each name against the recorded profiles.
    func check(in snapshot: Snapshot, recorded: [ProfileID]) throws(HistoryError) {
        for id in ids where !recorded.contains(id) { throw snapshot.noSuchProfile(id) }
        for glob in globs where !recorded.contains(where: { fnmatch(glob, $0.description, 0) == 0 }) {
            throw .notFound(what: "no recorded profile matches '\(glob)'", fix: "`history profiles` lists the recorded ones")
        }
    }
}
