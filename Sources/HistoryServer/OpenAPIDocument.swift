import HTTPTypes

/// The API as OpenAPI 3.1, served at /api/openapi.yaml. Its paths are the router's own API routes
/// (`document(routes:)`), each described by its operation below: a route added without an operation, or an
/// operation no route answers, fails `RouterTests`.
enum OpenAPIDocument {
    /// Everything but the paths.
    static let header = """
        openapi: 3.1.0
        info:
          title: history
          version: "1"
          description: >
            Every revision of long-lived text profiles, kept in git, and what changed in meaning between two
            dates. Read-only, except POST …/revisions with a bearer token. Errors are
            {"error": "what went wrong: what to do", "status": N}. Heavy routes (diff, blame, report) answer 503
            with Retry-After when the server is at its bound or a request passes its deadline. Every GET
            route also answers HEAD; a wrong method is 405 with Allow.
        servers:
          - url: http://127.0.0.1:8080
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
          parameters:
            area: {name: area, in: path, required: true, example: kosovo, schema: {type: string, maxLength: 100, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"}}
            topic: {name: topic, in: path, required: true, example: cluster-munition-ban-policy, schema: {type: string, maxLength: 100, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"}}
            min: {name: min, in: query, description: "The least significance listed in changes (counts count all)", schema: {type: string, enum: [cosmetic, minor, major], default: minor}}
          headers:
            RetryAfter: {description: Seconds to wait before trying again, schema: {type: string}}
          schemas:
            Error:
              type: object
              required: [error, status]
              properties:
                error: {type: string, description: "what went wrong: what to do"}
                status: {type: integer}
            Date: {type: string, description: "YYYY-MM-DD"}
            DateArgument:
              type: string
              description: "YYYY-MM-DD, YYYY-MM or YYYY, a real calendar date (a period: the start for from/since, the end otherwise)"
              pattern: "^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|1[0-9]|2[0-8]))?)?$"
              example: "2016-07-05"
            Commit: {type: string, pattern: "^[0-9a-f]{40}$"}
            Significance: {type: string, enum: [major, minor, cosmetic]}
            Revision:
              type: object
              description: A revision in effect on a date, and the commit that recorded its text
              required: [lastUpdated, commit]
              properties:
                lastUpdated: {$ref: "#/components/schemas/Date"}
                commit: {$ref: "#/components/schemas/Commit"}
                recordedAt: {type: string}
                event: {type: string, enum: [revision, backfill, correction, retraction]}
            Side:
              type: object
              required: [date, revision]
              properties:
                date: {$ref: "#/components/schemas/Date"}
                revision: {oneOf: [{$ref: "#/components/schemas/Revision"}, {type: "null"}]}
            Location:
              type: object
              required: [part]
              properties:
                part: {type: string, enum: [title, summary, body, footnote, note, lastUpdated]}
                section: {type: [string, "null"]}
                footnote: {type: [integer, "null"]}
            Change:
              type: object
              required: [id, kind, significance, moved, location, old, new, facts, quotes, words]
              properties:
                id: {type: string}
                kind:
                  type: string
                  enum: [last-updated-changed, title-changed, section-added, section-removed, section-renamed, heading-added, heading-removed, statement-added,
                         statement-removed, statement-reworded, statement-moved, fact-changed, quote-added, quote-removed,
                         quote-changed, footnote-added, footnote-removed, footnote-changed]
                significance: {$ref: "#/components/schemas/Significance"}
                moved: {type: boolean}
                location: {$ref: "#/components/schemas/Location"}
                oldLocation: {oneOf: [{$ref: "#/components/schemas/Location"}, {type: "null"}]}
                old: {type: [object, "null"], properties: {text: {type: string}}}
                new: {type: [object, "null"], properties: {text: {type: string}}}
                sentences: {type: integer}
                paragraph: {type: boolean}
                facts:
                  type: array
                  items:
                    type: object
                    required: [subject]
                    properties:
                      subject: {type: string}
                      moved: {type: boolean}
                      old: {type: [object, "null"]}
                      new: {type: [object, "null"]}
                quotes: {type: array, items: {type: object}}
                words: {type: array, items: {type: array, prefixItems: [{type: string, enum: ["=", "-", "+"]}, {type: string}]}}
                renumbered: {type: array, items: {type: object}}
            Counts:
              type: object
              required: [major, minor, cosmetic]
              properties:
                major: {type: integer}
                minor: {type: integer}
                cosmetic: {type: integer}
            Diff:
              type: object
              description: history.diff.v1
              required: [schema, profile, timeAxis, from, to, revisionsBetween, minSignificance, changes, counts, fallback]
              properties:
                schema: {const: history.diff.v1}
                profile: {type: string}
                timeAxis: {type: string, enum: [effective, recorded]}
                from: {$ref: "#/components/schemas/Side"}
                to: {$ref: "#/components/schemas/Side"}
                revisionsBetween: {type: array, items: {$ref: "#/components/schemas/Revision"}}
                minSignificance: {$ref: "#/components/schemas/Significance"}
                changes: {type: array, items: {$ref: "#/components/schemas/Change"}}
                counts: {$ref: "#/components/schemas/Counts"}
                sentences: {type: object, additionalProperties: {type: integer}}
                fallback: {type: [string, "null"], description: What limit was reached and how the comparison fell back}
            Diffs:
              type: object
              description: history.diffs.v1, each step of a range (steps=1)
              required: [schema, diffs]
              properties:
                schema: {const: history.diffs.v1}
                from: {type: string}
                to: {type: string}
                timeAxis: {type: string, enum: [effective, recorded]}
                steps: {type: boolean}
                minSignificance: {$ref: "#/components/schemas/Significance"}
                counts: {type: object}
                diffs: {type: array, items: {$ref: "#/components/schemas/Diff"}}
            Profiles:
              type: object
              description: history.profiles.v1
              required: [schema, profiles]
              properties:
                schema: {const: history.profiles.v1}
                profiles:
                  type: array
                  items:
                    type: object
                    required: [profile, revisions, first, last]
                    properties:
                      profile: {type: string}
                      revisions: {type: integer, minimum: 1}
                      first: {$ref: "#/components/schemas/Date"}
                      last: {$ref: "#/components/schemas/Date"}
            Review:
              type: object
              required: [verdict, reviewer, reviewedAt]
              properties:
                verdict: {type: string}
                reviewer: {type: string}
                reviewedAt: {type: string}
                note: {type: string}
            Log:
              type: object
              description: history.log.v1
              required: [schema, entries]
              properties:
                schema: {const: history.log.v1}
                entries:
                  type: array
                  items:
                    type: object
                    required: [commit, event, lastUpdated, profile, recordedAt, author, reviews]
                    properties:
                      commit: {$ref: "#/components/schemas/Commit"}
                      event: {type: string, enum: [revision, backfill, correction, retraction]}
                      lastUpdated: {$ref: "#/components/schemas/Date"}
                      profile: {type: string}
                      recordedAt: {type: string}
                      author: {type: object, required: [name, email], properties: {name: {type: string}, email: {type: string}}}
                      source: {type: [string, "null"]}
                      sourceSHA256: {type: [string, "null"]}
                      reviews: {type: array, items: {type: object}}
            Blame:
              type: object
              description: history.blame.v1
              required: [schema, profile, revision, revisions, sentences]
              properties:
                schema: {const: history.blame.v1}
                profile: {type: string}
                revision: {$ref: "#/components/schemas/Revision"}
                revisions: {type: array, items: {$ref: "#/components/schemas/Revision"}}
                sentences:
                  type: array
                  items:
                    type: object
                    required: [index, text, location, introduced]
                    properties:
                      index: {type: integer}
                      text: {type: string}
                      location: {type: object}
                      introduced: {$ref: "#/components/schemas/Revision"}
                      lastEdited: {$ref: "#/components/schemas/Revision"}
                      lastMeaningChange: {$ref: "#/components/schemas/Revision"}
            Report:
              type: object
              description: history.report.v1
              required: [schema, range, minSignificance, counts, profiles]
              properties:
                schema: {const: history.report.v1}
                range:
                  type: object
                  required: [fromCommit, toCommit, since, until, tip]
                  properties:
                    fromCommit: {type: [string, "null"]}
                    toCommit: {type: [string, "null"]}
                    since: {type: [string, "null"]}
                    until: {type: [string, "null"]}
                    checkpoint: {type: [string, "null"]}
                    previousCheckpoint: {type: [string, "null"]}
                    tip: {type: [string, "null"]}
                minSignificance: {$ref: "#/components/schemas/Significance"}
                counts:
                  type: object
                  required: [profiles, events, corrections, major, minor, cosmetic]
                  properties:
                    profiles: {type: integer}
                    events: {type: integer}
                    corrections: {type: integer}
                    major: {type: integer}
                    minor: {type: integer}
                    cosmetic: {type: integer}
                profiles:
                  type: array
                  items:
                    type: object
                    required: [profile, events]
                    properties:
                      profile: {type: string}
                      events:
                        type: array
                        items:
                          type: object
                          required: [event, lastUpdated, commit, recordedAt, author, diff]
                          properties:
                            event: {type: string, enum: [revision, backfill, correction, retraction]}
                            lastUpdated: {$ref: "#/components/schemas/Date"}
                            commit: {$ref: "#/components/schemas/Commit"}
                            recordedAt: {type: string}
                            author: {type: string}
                            source: {type: [string, "null"]}
                            reviews: {type: array, items: {$ref: "#/components/schemas/Review"}}
                            diff: {$ref: "#/components/schemas/Diff"}
            Person:
              type: object
              required: [name, email]
              properties: {name: {type: string}, email: {type: string}}
            Pending:
              type: object
              description: "history.pending.v1: events nobody has reviewed, newest first"
              required: [schema, events]
              properties:
                schema: {type: string, const: history.pending.v1}
                events:
                  type: array
                  items:
                    type: object
                    required: [commit, profile, event, lastUpdated, recordedAt, author, counts, page]
                    properties:
                      commit: {$ref: "#/components/schemas/Commit"}
                      profile: {type: string}
                      event: {type: string, enum: [revision, backfill, correction, retraction]}
                      lastUpdated: {$ref: "#/components/schemas/Date"}
                      recordedAt: {type: string}
                      author: {$ref: "#/components/schemas/Person"}
                      counts: {type: object, properties: {major: {type: integer}, minor: {type: integer}, cosmetic: {type: integer}}}
                      page: {type: string, description: "The event's page, with its diff and the verdict form"}
            Verdict:
              type: object
              required: [verdict, note]
              properties:
                verdict: {type: string, enum: [approved, questioned, rejected]}
                note: {type: string, minLength: 1, maxLength: 4000, description: "What was checked"}
            ReviewRecorded:
              type: object
              required: [commit, verdict, reviewer, reviewedAt, note]
              properties:
                commit: {$ref: "#/components/schemas/Commit"}
                verdict: {type: string, enum: [approved, questioned, rejected]}
                reviewer: {$ref: "#/components/schemas/Person"}
                reviewedAt: {type: string}
                note: {type: string}
            UserList:
              type: object
              required: [schema, users]
              properties:
                schema: {type: string, const: history.users.v1}
                users:
                  type: array
                  items:
                    type: object
                    required: [name, role, created]
                    properties:
                      name: {type: string}
                      role: {type: string, enum: [reader, recorder, reviewer, admin]}
                      email: {type: [string, "null"]}
                      created: {type: string}
                      revoked: {type: [string, "null"]}
            Recorded:
              type: object
              required: [result, profile, lastUpdated]
              properties:
                result: {type: string, enum: [recorded, unchanged]}
                event: {type: string, enum: [revision, backfill, correction, retraction]}
                profile: {type: string}
                lastUpdated: {$ref: "#/components/schemas/Date"}
                commit: {$ref: "#/components/schemas/Commit"}
          responses:
            BadRequest: {description: "A bad date, profile id or parameter", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
            NotFound: {description: "No such profile, or no revision yet on that date", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
            Busy:
              description: "The server is at its bound on heavy work, or the request passed its deadline: try again after Retry-After"
              headers: {Retry-After: {$ref: "#/components/headers/RetryAfter"}}
              content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
        """

    /// Each API route's operation, by `METHOD /path` as the router spells it in OpenAPI's form.
    static let operations: [String: String] = [
        "GET /api/profiles": """
            operationId: listProfiles
            summary: Every profile with its revision count and first and last dates (history.profiles.v1)
            responses:
              "200": {description: history.profiles.v1, content: {application/json: {schema: {$ref: "#/components/schemas/Profiles"}}}}
              "503": {$ref: "#/components/responses/Busy"}
            """,
        "GET /api/profiles/{area}/{topic}/log": """
            operationId: profileLog
            summary: Recorded events of a profile, newest first, with their reviews (history.log.v1)
            parameters: [{$ref: "#/components/parameters/area"}, {$ref: "#/components/parameters/topic"}]
            responses:
              "200": {description: history.log.v1, content: {application/json: {schema: {$ref: "#/components/schemas/Log"}}}}
              "400": {$ref: "#/components/responses/BadRequest"}
              "404": {$ref: "#/components/responses/NotFound"}
              "503": {$ref: "#/components/responses/Busy"}
            """,
        "GET /api/profiles/{area}/{topic}/revisions/{date}": """
            operationId: revisionText
            summary: The text in effect on a date (YYYY, YYYY-MM mean the end of that period)
            parameters:
              - {$ref: "#/components/parameters/area"}
              - {$ref: "#/components/parameters/topic"}
              - {name: date, in: path, required: true, example: "2016", schema: {$ref: "#/components/schemas/DateArgument"}}
              - {name: recordedAt, in: query, description: "Answer as the repository knew it then (ISO 8601 time, or a date meaning its end)", schema: {type: string}}
            responses:
              "200":
                description: The stored text
                headers:
                  X-History-Last-Updated: {description: The effective date of the revision served, schema: {type: string}}
                  X-History-Revision-Commit: {description: The commit that recorded that text, schema: {type: string}}
                content: {text/plain: {schema: {type: string}}}
              "400": {$ref: "#/components/responses/BadRequest"}
              "404": {$ref: "#/components/responses/NotFound"}
              "503": {$ref: "#/components/responses/Busy"}
            """,
        "POST /api/profiles/{area}/{topic}/revisions": """
            operationId: recordRevision
            summary: Record a revision, exactly as `history import` records a file
            security: [{bearer: []}]
            parameters:
              - {$ref: "#/components/parameters/area"}
              - {$ref: "#/components/parameters/topic"}
              - {name: date, in: query, description: "The effective date for a text without a Last updated line", schema: {$ref: "#/components/schemas/DateArgument"}}
              - {name: source, in: query, description: "Where the text came from", schema: {type: string}}
              - {name: author, in: query, description: "Who records it, Name <email>", schema: {type: string}}
            requestBody:
              required: true
              content: {text/plain: {schema: {type: string, maxLength: 1048576}}}
            responses:
              "201": {description: "Recorded", content: {application/json: {schema: {$ref: "#/components/schemas/Recorded"}}}}
              "200": {description: "The same text was already recorded: nothing written", content: {application/json: {schema: {$ref: "#/components/schemas/Recorded"}}}}
              "400": {$ref: "#/components/responses/BadRequest"}
              "401": {description: "Missing or wrong bearer token", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "403": {description: "The person may not record (not a recorder), or the session's CSRF token is missing", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "404": {$ref: "#/components/responses/NotFound"}
              "429": {description: "Too many wrong tokens from this address", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "405": {description: "Writes are off (nobody may record: no users, no token file)", headers: {Allow: {schema: {type: string}}}, content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "413": {description: "The text is larger than the limit (1 MiB by default)", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "422": {description: "The text cannot be recorded (not UTF-8, binary, empty, no date, an impossible date)", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "503": {$ref: "#/components/responses/Busy"}
            """,
        "GET /api/profiles/{area}/{topic}/diff": """
            operationId: profileDiff
            summary: What changed in meaning between two dates (history.diff.v1; history.diffs.v1 with steps)
            parameters:
              - {$ref: "#/components/parameters/area"}
              - {$ref: "#/components/parameters/topic"}
              - {name: from, in: query, required: true, example: "2014-08", schema: {$ref: "#/components/schemas/DateArgument"}}
              - {name: to, in: query, description: "Default today", example: "2016", schema: {$ref: "#/components/schemas/DateArgument"}}
              - {name: recorded, in: query, description: "1 to compare what the repository held at those times", schema: {type: string}}
              - {name: steps, in: query, description: "1 for each revision-to-revision diff", schema: {type: string}}
              - {$ref: "#/components/parameters/min"}
            responses:
              "200": {description: history.diff.v1, or history.diffs.v1 with steps, content: {application/json: {schema: {anyOf: [{$ref: "#/components/schemas/Diff"}, {$ref: "#/components/schemas/Diffs"}]}}}}
              "400": {$ref: "#/components/responses/BadRequest"}
              "404": {$ref: "#/components/responses/NotFound"}
              "503": {$ref: "#/components/responses/Busy"}
            """,
        "GET /api/profiles/{area}/{topic}/blame": """
            operationId: profileBlame
            summary: Each sentence with the revision that introduced it and its last change in meaning (history.blame.v1)
            parameters:
              - {$ref: "#/components/parameters/area"}
              - {$ref: "#/components/parameters/topic"}
              - {name: at, in: query, description: "Blame the revision in effect on this date (default the latest)", schema: {$ref: "#/components/schemas/DateArgument"}}
            responses:
              "200": {description: history.blame.v1, content: {application/json: {schema: {$ref: "#/components/schemas/Blame"}}}}
              "400": {$ref: "#/components/responses/BadRequest"}
              "404": {$ref: "#/components/responses/NotFound"}
              "503": {$ref: "#/components/responses/Busy"}
            """,
        "GET /api/report": """
            operationId: report
            summary: Events recorded in a window of recorded time, oldest first, a page at a time, each with its diff (history.report.v1)
            parameters:
              - {name: since, in: query, required: true, example: "2026", schema: {$ref: "#/components/schemas/DateArgument"}}
              - {name: until, in: query, description: "On or after since", schema: {$ref: "#/components/schemas/DateArgument"}}
              - {$ref: "#/components/parameters/min"}
              - {name: offset, in: query, description: "Events of the window to skip", schema: {type: integer, minimum: 0, default: 0}}
              - {name: limit, in: query, description: "Events in this page", schema: {type: integer, minimum: 1, maximum: 500, default: 100}}
            responses:
              "200":
                description: history.report.v1
                headers:
                  X-History-Total-Events: {description: How many events the whole window holds, schema: {type: string}}
                  Link: {description: "The next page, as <…>; rel=\\"next\\" (absent on the last page)", schema: {type: string}}
                content: {application/json: {schema: {$ref: "#/components/schemas/Report"}}}
              "400": {$ref: "#/components/responses/BadRequest"}
              "503": {$ref: "#/components/responses/Busy"}
            """,
        "GET /api/reviews/pending": """
            operationId: pendingReviews
            summary: Events nobody has reviewed, newest first, each with its counts and page (history.pending.v1)
            security: [{bearer: []}, {}]
            parameters:
              - {name: profile, in: query, description: "Only profiles matching this glob (kosovo/*), repeatable", schema: {type: string, maxLength: 200}}
              - {name: min, in: query, description: "Only events with a change at least this significant", schema: {type: string, enum: [cosmetic, minor, major]}}
              - {name: limit, in: query, description: "At most this many (default 100, at most 500)", schema: {type: integer, minimum: 0, maximum: 999999999}}
            responses:
              "200": {description: history.pending.v1, content: {application/json: {schema: {$ref: "#/components/schemas/Pending"}}}}
              "400": {$ref: "#/components/responses/BadRequest"}
              "401": {description: "Sign-in is required and no valid token was sent", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "429": {description: "Too many wrong tokens from this address", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "503": {$ref: "#/components/responses/Busy"}
            """,
        "POST /api/reviews/{commit}": """
            operationId: recordReview
            summary: Record a reviewer's verdict on an event — the git note `history review` writes, naming the reviewer
            security: [{bearer: []}]
            parameters:
              - {name: commit, in: path, required: true, description: "The event's commit id, or 7 or more of its hex digits", schema: {type: string, maxLength: 40}}
              - {name: X-CSRF-Token, in: header, description: "The session's CSRF token, when signed in by the browser's session instead of a bearer token", schema: {type: string}}
            requestBody:
              required: true
              content: {application/json: {schema: {$ref: "#/components/schemas/Verdict"}}}
            responses:
              "201": {description: "Recorded", content: {application/json: {schema: {$ref: "#/components/schemas/ReviewRecorded"}}}}
              "400": {$ref: "#/components/responses/BadRequest"}
              "401": {description: "Nobody signed in (no or a wrong bearer token)", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "403": {description: "The person may not review, or the CSRF token is missing", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "404": {$ref: "#/components/responses/NotFound"}
              "413": {description: "The body is larger than 64 KiB", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "429": {description: "Too many wrong tokens from this address", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "503": {$ref: "#/components/responses/Busy"}
            """,
        "GET /api/users": """
            operationId: listUsers
            summary: The people this server knows, their roles, when added or revoked (admins only; never a token or hash)
            security: [{bearer: []}]
            responses:
              "200": {description: history.users.v1, content: {application/json: {schema: {$ref: "#/components/schemas/UserList"}}}}
              "401": {description: "Nobody signed in", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "403": {description: "The person is not an admin", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
              "429": {description: "Too many wrong tokens from this address", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
            """,
        "GET /api/openapi.yaml": """
            operationId: openAPIDocument
            summary: This document
            responses:
              "200": {description: OpenAPI 3.1, content: {application/yaml: {schema: {type: string}}}}
            """,
    ]

    /// The document for these routes, in the router's order; a route with no operation is described as such
    /// (and the test that compares routes and operations fails).
    static func document(routes: [(method: HTTPRequest.Method, path: String)]) -> String {
        var out = header + "\npaths:\n"
        var paths: [String] = []
        var methods: [String: [HTTPRequest.Method]] = [:]
        for route in routes where route.method != .head {
            if methods[route.path] == nil { paths.append(route.path) }
            methods[route.path, default: []].append(route.method)
        }
        for path in paths {
            out += "  \(path):\n"
            for method in methods[path] ?? [] {
                out += "    \(method.rawValue.lowercased()):\n"
                let operation = operations["\(method.rawValue) \(path)"] ?? "summary: UNDOCUMENTED ROUTE\nresponses: {}\n"
                for line in operation.split(separator: "\n") { out += "      \(line)\n" }
            }
        }
        return out
    }
}
