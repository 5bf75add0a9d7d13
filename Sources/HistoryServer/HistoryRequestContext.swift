import Hummingbird
import HummingbirdAuth
import NIOCore

/// Hummingbird's basic context plus the connection a request came on, so that work for a client that has
/// gone away can be stopped, and who is asking (hummingbird-auth's identity and session).
public struct HistoryRequestContext: AuthRequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Nil when a request does not come from a socket.
    public let connection: (any Channel)?
    /// The signed-in caller, set by `PeopleAuthenticator`.
    public var identity: Caller?
    /// The browser session (server-side; the cookie holds its id).
    public let sessions: SessionContext<SignedIn>
    /// Who the access log names.
    let who = Who()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        connection = source.channel
        identity = nil
        sessions = .init()
    }
}
