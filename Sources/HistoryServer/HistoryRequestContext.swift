import Hummingbird
import NIOCore

/// Hummingbird's basic context plus the connection a request came on, so that work for a client that has
/// gone away can be stopped.
public struct HistoryRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Nil when a request does not come from a socket.
    public let connection: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        connection = source.channel
    }
}
