import Foundation
import HistoryModel
import HistoryStore
import HTTPTypes
import Hummingbird
import ProfileModel
import Rendering

/// Building responses: JSON documents as the CLI prints them, HTML pages, plain text, and errors.
enum Reply {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "application/json; charset=utf-8", status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "text/html; charset=utf-8", status: status)
    }

    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: contentType, status: status)
    }

    static func body(_ text: String, contentType: String, status: HTTPResponse.Status, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `{ "error": "what went wrong: what to do", "status": 404 }`
    static func error(_ message: String, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        let document = JSONValue.object([("error", .string(message)), ("status", .int(status.code))])
        return body(document.rendered(), contentType: "application/json; charset=utf-8", status: status, headers: headers)
    }

    /// The HTTP status a store error stands for.
    static func status(of error: HistoryError) -> HTTPResponse.Status {
        switch error {
        case .invalidArgument: .badRequest
        case .notFound: .notFound
        case .badInput, .someInputsRejected: .unprocessableContent
        case .busy: .serviceUnavailable
        case .unavailable: .badGateway
        case .repository: .internalServerError
        }
    }
}

/// What handlers return: typed values, made into bytes by `Rendering` when the response is written.
/// Heavy documents (diffs, blame, reports) are rendered on the service's threads and come back `Rendered`.
struct Rendered: ResponseGenerator {
    enum Kind: Sendable { case json, html, text, yaml }
    let kind: Kind
    let body: String
    var status: HTTPResponse.Status = .ok
    var headers: HTTPFields = [:]

    static func json(_ body: String, status: HTTPResponse.Status = .ok) -> Rendered { .init(kind: .json, body: body, status: status) }
    static func html(_ body: String) -> Rendered { .init(kind: .html, body: body) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let type = switch kind {
        case .json: "application/json; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .text: "text/plain; charset=utf-8"
        case .yaml: "application/yaml; charset=utf-8"
        }
        return Reply.body(body, contentType: type, status: status, headers: headers)
    }
}

/// `history.log.v1` of one profile.
struct LogDocument: ResponseGenerator {
    let entries: [LogEntry]
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Reply.json(Formatting.logJSON(entries))
    }
}

/// A stored text, with the date and commit it was read from in headers.
struct RevisionText: ResponseGenerator {
    let revision: ResolvedRevision
    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Reply.text(revision.text)
        response.headers[.xHistoryLastUpdated] = revision.lastUpdated.description
        response.headers[.xHistoryRevisionCommit] = revision.commit.hex
        return response
    }
}

/// What a POST of a revision did.
struct RecordedRevision: ResponseGenerator {
    let outcome: RecordOutcome
    let profile: ProfileID
    let lastUpdated: EffectiveDate
    func response(from request: Request, context: some RequestContext) throws -> Response {
        switch outcome {
        case .recorded(let commit, let event):
            Reply.json(JSONValue.object([
                ("result", .string("recorded")), ("event", .string(event.rawValue)), ("profile", .text(profile)),
                ("lastUpdated", .text(lastUpdated)), ("commit", .text(commit)),
            ]).rendered(), status: .created)
        case .unchanged, .superseded:
            Reply.json(JSONValue.object([
                ("result", .string("unchanged")), ("profile", .text(profile)), ("lastUpdated", .text(lastUpdated)),
            ]).rendered())
        }
    }
}

extension HTTPField.Name {
    static let xHistoryLastUpdated = Self("X-History-Last-Updated")!
    /// The commit of main the response was made from (every response that read the repository).
    static let xHistoryCommit = Self("X-History-Commit")!
    /// The commit that recorded a revision's text (a revision's own response).
    static let xHistoryRevisionCommit = Self("X-History-Revision-Commit")!
}

/// Errors of any route become one consistent answer: JSON under /api, an HTML page elsewhere.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HistoryError {
            var headers: HTTPFields = [:]
            if case .busy = error { headers[.retryAfter] = String(ServiceLimits.retryAfterSeconds) }
            return answer(request, error.description, Reply.status(of: error), headers: headers)
        } catch let error as SubmissionProblem {
            return answer(request, "the text cannot be recorded: \(error.message)", .unprocessableContent)
        } catch let error as HTTPError {
            return answer(request, error.body ?? error.status.reasonPhrase, error.status, headers: error.headers)
        } catch is CancellationError {
            // The client went away (or the server is stopping): nobody reads this answer.
            return answer(request, "the request was cancelled", .serviceUnavailable)
        } catch {
            context.logger.error("unexpected error: \(error)")
            return answer(request, "internal error; the server log has the details", .internalServerError)
        }
    }

    func answer(_ request: Request, _ message: String, _ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        if request.uri.path.hasPrefix("/api/") { return Reply.error(message, status: status, headers: headers) }
        var response = Reply.html(Pages.errorPage(code: status.code, reason: status.reasonPhrase, message: message), status: status)
        for field in headers where response.headers[field.name] == nil { response.headers.append(field) }
        return response
    }
}

/// One line per request: method, path, status, time taken, and the person who asked (never their token).
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = HistoryRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let who = context.who.name.map { " by \($0)" } ?? ""
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", ms)) ms\(who)")
        return response
    }
}
