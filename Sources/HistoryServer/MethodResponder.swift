import HTTPTypes
import Hummingbird
import Rendering

/// What the router leaves to HTTP itself: `HEAD` answered as `GET` without a body, and `405` with `Allow`
/// for a path the server knows under other methods (the router alone says 404 to both). The table of
/// paths and methods is the router's own (`Router.routes`), so it cannot drift from the routes.
struct MethodResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == HistoryRequestContext {
    typealias Context = HistoryRequestContext

    struct Route: Sendable {
        let segments: [Substring]
        let methods: Set<HTTPRequest.Method>

        /// A capture (`{name}`, as `Router.routes` spells it, or `:name`) and `*` match any one segment.
        func matches(_ path: [Substring]) -> Bool {
            guard path.count == segments.count else { return false }
            return zip(segments, path).allSatisfy { pattern, given in pattern.hasPrefix("{") || pattern.hasPrefix(":") || pattern == "*" || pattern == given }
        }
    }

    let inner: Inner
    let routes: [Route]

    init(inner: Inner, routes: [(path: String, method: HTTPRequest.Method)]) {
        self.inner = inner
        var byPath: [String: Set<HTTPRequest.Method>] = [:]
        for route in routes { byPath[route.path, default: []].insert(route.method) }
        self.routes = byPath.map { Route(segments: $0.key.split(separator: "/"), methods: $0.value) }
    }

    /// The methods a path answers to (GET implies HEAD), or nil for a path the server does not know.
    func allowed(_ path: String) -> Set<HTTPRequest.Method>? {
        let segments = path.split(separator: "/")
        let methods = routes.filter { $0.matches(segments) }.reduce(into: Set<HTTPRequest.Method>()) { $0.formUnion($1.methods) }
        guard !methods.isEmpty else { return nil }
        return methods.contains(.get) ? methods.union([.head]) : methods
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if let allowed = allowed(path), !allowed.contains(request.method) {
            let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            let message = "\(request.method.rawValue) is not allowed here: use \(allow)"
            var response = path.hasPrefix("/api/") ? Reply.error(message, status: .methodNotAllowed)
                                                   : Reply.html(Pages.errorPage(code: 405, reason: HTTPResponse.Status.methodNotAllowed.reasonPhrase, message: message), status: .methodNotAllowed)
            response.headers[.allow] = allow
            return response
        }
        guard request.method == .head else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
        // The length GET would have sent, and no body.
        if let length = response.body.contentLength, response.headers[.contentLength] == nil {
            response.headers[.contentLength] = String(length)
        }
        response.body = ResponseBody()
        return response
    }
}
