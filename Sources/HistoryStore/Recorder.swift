import Foundation
import Git

/// Who records, and when. Passed in explicitly so that nothing reads the wall clock or user config by itself.
public struct Recorder: Sendable {
    public var name: String
    public var email: String
    /// Seconds since the epoch.
    public var time: Int64
    public var offsetMinutes: Int
    /// Signs each recorded commit (git's SSH signature format) when set.
    public var signingKey: SSHSigningKey?

    /// The identity used when nobody says who records: a service, not a person.
    public static let serviceName = "history"
    public static let serviceEmail = "history@localhost"

    public init(name: String = Recorder.serviceName, email: String = Recorder.serviceEmail, time: Int64, offsetMinutes: Int = 0,
                signingKey: SSHSigningKey? = nil) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
        self.signingKey = signingKey
    }

    /// Parses `Name <email>` as given to `--author` (or `--reviewer`).
    public static func identity(_ text: String, option: String = "--author") throws(HistoryError) -> (name: String, email: String) {
        let fix = "write it as \(option) \"Name <email@example.org>\""
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close,
              text[text.index(after: close)...].allSatisfy(\.isWhitespace) else {
            throw .invalidArgument("\(option) '\(text)'", fix)
        }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(text[text.index(after: open)..<close])
        let forbidden: (Character) -> Bool = { $0 == "<" || $0 == ">" || $0.isNewline }
        guard !name.isEmpty, !email.isEmpty, !name.contains(where: forbidden), !email.contains(where: forbidden),
              !email.contains(" ") else {
            throw .invalidArgument("\(option) '\(text)'", fix)
        }
        return (name, email)
    }

    var signature: Signature { Signature(name: name, email: email, time: time, offsetMinutes: offsetMinutes) }
}
