import ArgumentParser
import Foundation
import HistoryServer
import HistoryModel
import HistoryStore
import Logging

extension History {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the JSON API and the reviewers' web pages (loopback only unless --host says otherwise).",
            discussion: """
                Logs one line per request (naming the person, never the token); stops cleanly on SIGINT or SIGTERM. \
                People (`history users add`) sign in with their token — `Authorization: Bearer <token>`, or the \
                sign-in page, which sets a session cookie — and may do what their role allows; once anyone is \
                known, reads need a signed-in person unless --public. The older --token-file is one recorder. \
                With neither, writes answer 405.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port (0 picks a free one and prints it).")
        var port = 8080

        @Option(name: .customLong("token-file"), help: ArgumentHelp("A file whose first line is the bearer token that allows writes.", valueName: "file"))
        var tokenFile: String?

        @Option(name: .customLong("max-body"), help: ArgumentHelp("The largest text a POST may send, in bytes.", valueName: "bytes"))
        var maxBody = 1 << 20

        @Option(name: .customLong("max-heavy"), help: ArgumentHelp("Diffs, blames and reports worked on at once (more wait, up to --queue).", valueName: "n"))
        var maxHeavy = ServiceLimits().heavyConcurrency

        @Option(help: ArgumentHelp("Heavy requests that may wait for a free worker; past that the answer is 503 with Retry-After.", valueName: "n"))
        var queue = ServiceLimits().heavyQueue

        @Option(help: ArgumentHelp("Seconds a request may take before it is answered 503 and its work stopped.", valueName: "seconds"))
        var deadline = 30

        @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds a connection may send nothing (or an unfinished request head) before it is closed.", valueName: "seconds"))
        var idleTimeout = 15

        @Option(help: ArgumentHelp("Serve as a read replica of this remote: pull from it now and every --interval seconds (see `history remote`).", valueName: "name"))
        var follow: String?

        @Option(help: ArgumentHelp("Seconds between two pulls of --follow.", valueName: "seconds"))
        var interval = 10

        @OptionGroup var usersFile: UsersFileOptions

        @Flag(help: "Let anonymous visitors read even when people are known (they still sign in to write or review).")
        var `public` = false

        @Option(name: .customLong("trust-proxy-header"), help: ArgumentHelp("A header a reverse proxy sets to the signed-in user's name (e.g. X-Remote-User); trusted only from --trusted-proxy.", valueName: "header"))
        var proxyHeader: String?

        @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp("The address of that proxy, as this server sees it (repeatable).", valueName: "address"))
        var trustedProxies: [String] = []

        @Option(name: .customLong("session-minutes"), help: ArgumentHelp("How long a browser stays signed in.", valueName: "minutes"))
        var sessionMinutes = 480

        @Flag(name: .customLong("secure-cookies"), help: "Mark session cookies Secure: set it when TLS is in front (nginx).")
        var secureCookies = false

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port \(port) is out of range: give 0 to 65535") }
            guard maxBody > 0 else { throw ValidationError("--max-body \(maxBody) is not positive: give a number of bytes above 0") }
            guard (1...256).contains(maxHeavy) else { throw ValidationError("--max-heavy \(maxHeavy) is out of range: give 1 to 256") }
            guard (0...10_000).contains(queue) else { throw ValidationError("--queue \(queue) is out of range: give 0 to 10000") }
            guard (1...3_600).contains(deadline) else { throw ValidationError("--deadline \(deadline) is out of range: give 1 to 3600 seconds") }
            guard (1...3_600).contains(idleTimeout) else { throw ValidationError("--idle-timeout \(idleTimeout) is out of range: give 1 to 3600 seconds") }
            guard (1...86_400).contains(interval) else { throw ValidationError("--interval \(interval) is out of range: give 1 to 86400 seconds") }
            guard (1...10_080).contains(sessionMinutes) else { throw ValidationError("--session-minutes \(sessionMinutes) is out of range: give 1 to 10080 (a week)") }
            guard (proxyHeader == nil) == trustedProxies.isEmpty else {
                throw ValidationError("--trust-proxy-header and --trusted-proxy go together: name the header and the proxy's address")
            }
            guard follow == nil || tokenFile == nil else {
                throw ValidationError("a replica (--follow) serves reads only: record on the writer it follows, and drop --token-file")
            }
        }

        func run() async throws {
            do {
                let token = try tokenFile.map { (path) throws(HistoryError) in try ServeOptions.token(fromFile: path) }
                _ = try Terminal.now()  // a bad HISTORY_NOW is an error now, not on the first POST
                let people = PeopleOptions(usersFile: try usersFile.users(repository).path, isPublic: `public`, proxyHeader: proxyHeader,
                                           trustedProxies: trustedProxies, sessionLength: .seconds(sessionMinutes * 60), secureCookies: secureCookies)
                let options = ServeOptions(repositoryPath: repository.path, host: host, port: port, token: token, maxBodyBytes: maxBody,
                                           limits: ServiceLimits(heavyConcurrency: maxHeavy, heavyQueue: queue, deadline: .seconds(deadline)),
                                           idleTimeout: .seconds(idleTimeout), people: people,
                                           now: { (try? Terminal.now()) ?? Int64(Date().timeIntervalSince1970) })
                var logger = Logger(label: "history")
                logger.logLevel = .info
                let follower = follow.map { Follower(repositoryPath: repository.path, remote: $0, interval: .seconds(interval)) }
                try follower?.validate()
                let host = self.host
                let known = (try? Users(path: people.usersFile ?? "").entries().filter { $0.revoked == nil }.count) ?? 0
                let writes = follower.map { "a read replica of \($0.remote), pulled every \(interval) s" }
                    ?? (known > 0 ? "\(known) \(known == 1 ? "person" : "people") may sign in; reads \(`public` ? "open to all" : "need sign-in")"
                        : token == nil ? "writes off (no --token-file)" : "writes on, with a bearer token")
                let application = try buildApplication(options, logger: logger) { port in
                    Terminal.note("history serve: listening on http://\(host):\(port)/ (\(writes)); Ctrl-C stops it")
                }
                // Runs until SIGINT or SIGTERM, then finishes the requests in flight and returns.
                let following = follower.map { follower in Task { [logger] in await follower.run(logger: logger) } }
                defer { following?.cancel() }
                do {
                    try await application.runService()
                } catch {
                    guard let failure = startFailure(error, options) else { throw error }
                    throw failure
                }
            } catch let error as HistoryError {
                Terminal.error(error.description)
                throw ExitCode(error.exitCode)
            }
        }
    }
}
