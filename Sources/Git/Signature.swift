internal import CGit2

/// Who did something and when, exactly as git stores it: seconds since the epoch and a UTC offset.
public struct Signature: Hashable, Sendable {
    public var name: String
    public var email: String
    public var time: Int64
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ raw: UnsafePointer<git_signature>) {
        name = raw.pointee.name.map { String(cString: $0) } ?? ""
        email = raw.pointee.email.map { String(cString: $0) } ?? ""
        time = raw.pointee.when.time
        offsetMinutes = Int(raw.pointee.when.offset)
    }

    /// Calls `body` with a libgit2 signature that lives only for the call.
    @discardableResult
    func withRaw<T>(_ body: (UnsafePointer<git_signature>) throws(GitError) -> T) throws(GitError) -> T {
        var pointer: UnsafeMutablePointer<git_signature>? = nil
        try check(git_signature_new(&pointer, name, email, time, Int32(offsetMinutes)), "git_signature_new(\(name) <\(email)>)")
        guard let signature = pointer else { throw GitError.invalid("no signature", "git_signature_new") }
        defer { git_signature_free(signature) }
        return try body(signature)
    }
}
