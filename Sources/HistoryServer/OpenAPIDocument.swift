/// The API as OpenAPI 3.1, served at /api/openapi.yaml. A test checks that every path and method here is
/// a route the server answers, and every API route is here.
enum OpenAPIDocument {
    static let yaml = """
        openapi: 3.1.0
        info:
          title: history
          version: "1"
          description: >
            Every revision of long-lived text profiles, kept in git, and what changed in meaning between two
            dates. Read-only, except POST …/revisions with a bearer token. Errors are
            {"error": "what went wrong: what to do", "status": N}.
        servers:
          - url: http://127.0.0.1:8080
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
          parameters:
            area: {name: area, in: path, required: true, schema: {type: string, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"}}
            topic: {name: topic, in: path, required: true, schema: {type: string, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"}}
          schemas:
            Error:
              type: object
              required: [error, status]
              properties:
                error: {type: string}
                status: {type: integer}
          responses:
            BadRequest: {description: "A bad date, profile id or parameter", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
            NotFound: {description: "No such profile, or no revision yet on that date", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
        paths:
          /api/profiles:
            get:
              summary: Every profile with its revision count and first and last dates (history.profiles.v1)
              responses:
                "200": {description: history.profiles.v1, content: {application/json: {schema: {type: object}}}}
          /api/profiles/{area}/{topic}/log:
            get:
              summary: Recorded events of a profile, newest first, with their reviews (history.log.v1)
              parameters: [{$ref: "#/components/parameters/area"}, {$ref: "#/components/parameters/topic"}]
              responses:
                "200": {description: history.log.v1, content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/NotFound"}
          /api/profiles/{area}/{topic}/revisions/{date}:
            get:
              summary: The text in effect on a date (YYYY, YYYY-MM mean the end of that period)
              parameters:
                - {$ref: "#/components/parameters/area"}
                - {$ref: "#/components/parameters/topic"}
                - {name: date, in: path, required: true, schema: {type: string}}
                - {name: recordedAt, in: query, description: "Answer as the repository knew it then (ISO 8601 time, or a date meaning its end)", schema: {type: string}}
              responses:
                "200": {description: The stored text; X-History-Last-Updated and X-History-Commit say which revision, content: {text/plain: {schema: {type: string}}}}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/NotFound"}
          /api/profiles/{area}/{topic}/revisions:
            post:
              summary: Record a revision, exactly as `history import` records a file
              security: [{bearer: []}]
              parameters:
                - {$ref: "#/components/parameters/area"}
                - {$ref: "#/components/parameters/topic"}
                - {name: date, in: query, description: "The effective date for a text without a Last updated line", schema: {type: string}}
                - {name: source, in: query, description: "Where the text came from", schema: {type: string}}
                - {name: author, in: query, description: "Who records it, Name <email>", schema: {type: string}}
              requestBody:
                required: true
                content: {text/plain: {schema: {type: string, maxLength: 1048576}}}
              responses:
                "201": {description: "Recorded: result, event (revision, backfill, correction), profile, lastUpdated, commit", content: {application/json: {schema: {type: object}}}}
                "200": {description: "The same text was already recorded: nothing written", content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {description: "Missing or wrong bearer token", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "405": {description: "Writes are off (the server has no token file)", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "413": {description: "The text is larger than the limit (1 MiB by default)", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "422": {description: "The text cannot be recorded (not UTF-8, binary, empty, no date, an impossible date)", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
          /api/profiles/{area}/{topic}/diff:
            get:
              summary: What changed in meaning between two dates (history.diff.v1; history.diffs.v1 with steps)
              parameters:
                - {$ref: "#/components/parameters/area"}
                - {$ref: "#/components/parameters/topic"}
                - {name: from, in: query, required: true, schema: {type: string}}
                - {name: to, in: query, description: "Default today", schema: {type: string}}
                - {name: recorded, in: query, description: "1 to compare what the repository held at those times", schema: {type: string}}
                - {name: steps, in: query, description: "1 for each revision-to-revision diff", schema: {type: string}}
                - {name: min, in: query, schema: {type: string, enum: [cosmetic, minor, major], default: minor}}
              responses:
                "200": {description: history.diff.v1, content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/NotFound"}
          /api/profiles/{area}/{topic}/blame:
            get:
              summary: Each sentence with the revision that introduced it and its last change in meaning (history.blame.v1)
              parameters:
                - {$ref: "#/components/parameters/area"}
                - {$ref: "#/components/parameters/topic"}
                - {name: at, in: query, description: "Blame the revision in effect on this date (default the latest)", schema: {type: string}}
              responses:
                "200": {description: history.blame.v1, content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/BadRequest"}
                "404": {$ref: "#/components/responses/NotFound"}
          /api/report:
            get:
              summary: Every event recorded in a window of recorded time, each with its diff (history.report.v1)
              parameters:
                - {name: since, in: query, required: true, schema: {type: string}}
                - {name: until, in: query, schema: {type: string}}
                - {name: min, in: query, schema: {type: string, enum: [cosmetic, minor, major], default: minor}}
              responses:
                "200": {description: history.report.v1, content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/BadRequest"}
          /api/openapi.yaml:
            get:
              summary: This document
              responses:
                "200": {description: OpenAPI 3.1, content: {application/yaml: {schema: {type: string}}}}

        """
}
