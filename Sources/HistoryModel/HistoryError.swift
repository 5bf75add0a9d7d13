/// Everything that can go wrong for a user: what was wrong and what to do about it, one line. Which exit
/// code or HTTP status each kind becomes is decided by the command line and the server, not here.
public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An argument (command-line option, query parameter) that cannot be used.
    case invalidArgument(what: String, fix: String)
    /// Input data that cannot be recorded or answered: a file, a date outside a profile's life.
    case badInput(what: String, fix: String)
    /// What was asked for does not exist: a profile, a revision on a date, an event.
    case notFound(what: String, fix: String)
    /// Several files could not be imported; the rest were.
    case someInputsRejected(count: Int)
    /// The repository is missing, unreadable or damaged.
    case repository(what: String, fix: String)
    /// Another run holds what this one needs and did not let go in time; try again later.
    case busy(what: String, fix: String)
    /// A service this run depends on (a webhook endpoint, a web server) did not answer as it must.
    case unavailable(what: String, fix: String)

    /// What was wrong (without what to do).
    public var what: String {
        switch self {
        case .invalidArgument(let what, _), .badInput(let what, _), .notFound(let what, _), .repository(let what, _), .busy(let what, _),
             .unavailable(let what, _):
            what
        case .someInputsRejected(let count):
            "\(count) file\(count == 1 ? "" : "s") could not be imported (see above)"
        }
    }

    public var description: String {
        switch self {
        case .invalidArgument(let what, let fix), .badInput(let what, let fix), .notFound(let what, let fix),
             .repository(let what, let fix), .busy(let what, let fix), .unavailable(let what, let fix):
            "\(what): \(fix)"
        case .someInputsRejected(let count):
            "\(count) file\(count == 1 ? "" : "s") could not be imported (see above); fix \(count == 1 ? "it" : "them") and run the import again — the rest were recorded"
        }
    }
}
