import Hummingbird
import HTTPTypes
import Synchronization

/// The commit of main a response was made from, said in `X-History-Commit` on every response that read the
/// repository: a client of a read replica (`serve --follow`) sees how current its answer is, and can
/// compare it with the writer's. Set by the service's work for the request (one snapshot per request).
final class ServedFrom: Sendable {
    @TaskLocal static var current: ServedFrom?

    private let tip = Mutex<String?>(nil)

    func set(_ commit: String) { tip.withLock { $0 = commit } }
    var commit: String? { tip.withLock { $0 } }
}

/// Gives each request its `ServedFrom` and puts the commit on the response (error responses too: it sits
/// outside the error middleware).
struct ServedFromMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let served = ServedFrom()
        var response = try await ServedFrom.$current.withValue(served) { try await next(request, context) }
        if let commit = served.commit { response.headers[.xHistoryCommit] = commit }
        return response
    }
}
