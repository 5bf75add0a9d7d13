import ArgumentParser
import Foundation
import HistoryModel

/// One error style for the whole command line: a usage error is one line, `history: <what was wrong>:
/// <what to do>`, exit 64 — the parser's own wording and its usage block are for `--help` only. Unknown
/// commands and options get a "did you mean" from edit distance, as git and cargo give.
enum UsageErrors {
    /// The subcommands named at the start of `arguments` (`remote add` → [Remote, Add]) and what follows.
    static func resolve(_ arguments: [String]) -> (path: [ParsableCommand.Type], rest: ArraySlice<String>) {
        var path: [ParsableCommand.Type] = [History.self]
        var rest = arguments[...]
        while let word = rest.first, let command = path.last,
              let next = command.configuration.subcommands.first(where: { $0._commandName == word }) {
            path.append(next)
            rest = rest.dropFirst()
        }
        return (path, rest)
    }

    static func name(of path: [ParsableCommand.Type]) -> String {
        path.map { $0._commandName }.joined(separator: " ")
    }

    /// How a message names the command: `log`, `remote add`; `history` for the root.
    static func label(of path: [ParsableCommand.Type]) -> String {
        path.count > 1 ? path.dropFirst().map { $0._commandName }.joined(separator: " ") : "history"
    }

    /// `history help nosuch` (and `help remote nosuch`): ArgumentParser would print the main help and exit 0.
    static func unknownHelpTopic(_ arguments: [String]) -> HistoryError? {
        guard arguments.first == "help", arguments.count > 1 else { return nil }
        let (path, rest) = resolve(Array(arguments.dropFirst()))
        guard let word = rest.first, !word.hasPrefix("-") else { return nil }
        return unknownCommand(word, in: path)
    }

    static func unknownCommand(_ word: String, in path: [ParsableCommand.Type]) -> HistoryError {
        let names = path.last?.configuration.subcommands.map { $0._commandName } ?? []
        let prefix = path.count > 1 ? "\(label(of: path)) " : ""
        let listing = "`\(name(of: path)) --help` lists them"
        if let guess = Spelling.suggestion(for: word, among: names) {
            return .invalidArgument(what: "no command '\(prefix)\(word)'", fix: "did you mean '\(prefix)\(guess)'? \(listing)")
        }
        return .invalidArgument(what: "no command '\(prefix)\(word)'", fix: listing)
    }

    /// The options a command takes, read from its own help so the list cannot drift from the parser's.
    static func options(of command: ParsableCommand.Type) -> Set<String> {
        let help = History.helpMessage(for: command, columns: 10_000)
        var names: Set<String> = ["--help", "-h", "--version"]
        var current = ""
        func flush() {
            if current.count > 1, current != "--" { names.insert(current) }
            current = ""
        }
        var previous: Character = " "
        for character in help {
            if character == "-", current.isEmpty, previous == " " || previous == "," || previous == "[" || previous == "(" || previous == "`" {
                current = "-"
            } else if !current.isEmpty, character.isLetter || character.isNumber || (character == "-" && current.count >= 1) {
                current.append(character)
            } else {
                flush()
            }
            previous = character
        }
        flush()
        return names.filter { $0.hasPrefix("--") ? $0.count > 3 : $0.count == 2 }
    }

    /// A usage error said in one line, or nil when the error is not one (help, --version, exit codes).
    static func diagnose(_ error: any Error, arguments: [String]) -> HistoryError? {
        guard !(error is ExitCode), History.exitCode(for: error).rawValue == 64 else { return nil }
        let (path, rest) = resolve(arguments)
        let command = path.last ?? History.self
        let see = "see `\(name(of: path)) --help`"

        // A word where a subcommand was expected.
        if !command.configuration.subcommands.isEmpty, let word = rest.first, !word.hasPrefix("-") {
            return unknownCommand(word, in: path)
        }
        // An option the command does not have (before any value error the parser may have met first).
        let known = options(of: command)
        for argument in rest.prefix(while: { $0 != "--" }) where argument.hasPrefix("-") && argument.count > 1 {
            if argument.dropFirst().first.map({ $0.isNumber || $0 == "." }) ?? false { continue }  // -5: a value
            let names: [String] = argument.hasPrefix("--")
                ? [String(argument.prefix { $0 != "=" })]
                : argument.dropFirst().prefix { $0.isLetter }.map { "-\($0)" }
            for name in names where !known.contains(name) {
                if name.hasPrefix("--"), let guess = Spelling.suggestion(for: name, among: known.filter { $0.hasPrefix("--") }) {
                    return .invalidArgument(what: "\(label(of: path)) has no option \(name)", fix: "did you mean \(guess)? \(see)")
                }
                return .invalidArgument(what: "\(label(of: path)) has no option \(name)", fix: see)
            }
        }
        if let typed = History.typedArgumentError(error) { return typed }
        return translate(History.message(for: error), arguments: Array(rest), path: path, see: see)
    }

    /// The parser's message in our words: what was wrong, then what to do.
    static func translate(_ message: String, arguments: [String], path: [ParsableCommand.Type], see: String) -> HistoryError {
        let text = message.split(separator: "\n").first.map(String.init) ?? message
        func quoted(after marker: String) -> String? {
            guard let start = text.range(of: marker) else { return nil }
            let tail = text[start.upperBound...]
            guard let end = tail.firstIndex(of: "'") else { return nil }
            return String(tail[..<end])
        }
        if let option = quoted(after: "Missing value for '") {
            let name = String(option.prefix { $0 != " " })
            if let index = arguments.firstIndex(of: name), index + 1 < arguments.count, arguments[index + 1].hasPrefix("-") {
                let value = arguments[index + 1]
                return .invalidArgument(what: "\(name) has no value ('\(value)' reads as an option)", fix: "write \(name)=\(value) to give it as the value")
            }
            return .invalidArgument(what: "\(name) needs a value (\(option))", fix: see)
        }
        if let argument = quoted(after: "Missing expected argument '") {
            return .invalidArgument(what: "\(label(of: path)) needs \(argument)", fix: see)
        }
        if let value = quoted(after: "The value '"), let option = quoted(after: "' is invalid for '") {
            let name = String(option.prefix { $0 != " " })
            if let choices = text.range(of: "Please provide one of ") {
                let list = text[choices.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ". "))
                return .invalidArgument(what: "\(name) '\(value)' is not one of its values", fix: "use one of \(list)")
            }
            return .invalidArgument(what: "\(name) '\(value)' is not valid", fix: see)
        }
        if let word = quoted(after: "Unexpected argument '") {
            return .invalidArgument(what: "\(label(of: path)) takes no argument '\(word)'", fix: see)
        }
        // Our own ValidationErrors are already "what was wrong: what to do".
        let own = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
        if let colon = own.range(of: ": ") {
            return .invalidArgument(what: String(own[..<colon.lowerBound]), fix: String(own[colon.upperBound...]))
        }
        return .invalidArgument(what: own.trimmingCharacters(in: CharacterSet(charactersIn: ".")), fix: see)
    }
}
