/// Everything that can go wrong for a user, each with one line saying what and what to do, and an exit code.
public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A command-line argument that cannot be used (exit 64).
    case invalidArgument(String, String)
    /// Input data that cannot be recorded or answered: a file, a date outside a profile's life (exit 65).
    case badInput(String, String)
    /// What was asked for does not exist: a profile, a revision on a date, an event (exit 65; HTTP 404).
    case notFound(String, String)
    /// Several files could not be imported; the rest were (exit 65).
    case someInputsRejected(count: Int)
    /// The repository is missing or unreadable (exit 74).
    case repository(String, String)
    /// Another run holds what this one needs and did not let go in time; try again later (exit 75).
    case busy(String, String)

    public var exitCode: Int32 {
        switch self {
        case .invalidArgument: 64
        case .badInput, .notFound, .someInputsRejected: 65
        case .repository: 74
        case .busy: 75
        }
    }

    public var description: String {
        switch self {
        case .invalidArgument(let what, let fix), .badInput(let what, let fix), .notFound(let what, let fix),
             .repository(let what, let fix), .busy(let what, let fix):
            "\(what): \(fix)"
        case .someInputsRejected(let count):
            "\(count) file\(count == 1 ? "" : "s") could not be imported (see above); fix \(count == 1 ? "it" : "them") and run the import again — the rest were recorded"
        }
    }
}
