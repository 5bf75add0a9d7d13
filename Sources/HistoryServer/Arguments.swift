import HistoryModel
import HistoryStore
import Hummingbird
import HummingbirdCore
import ProfileModel
import SemanticDiff

/// Reading query strings into the store's types; bad values are 400s. On `URI`, so that the fuzzer
/// (`Fuzz/`) drives exactly what the routes read.
extension URI {
    public func parameter(_ name: String) -> String? {
        queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    public func date(_ name: String) throws(HistoryError) -> DateArgument? {
        try parameter(name).map { (text) throws(HistoryError) in try DateArgument(text, option: name) }
    }

    /// A whole number of at least 0, e.g. `offset=100`.
    public func count(_ name: String) throws(HistoryError) -> Int? {
        guard let text = parameter(name) else { return nil }
        guard text.utf8.count <= 9, let value = Int(text), value >= 0 else {
            throw .invalidArgument(what: "\(name)=\(text)", fix: "give a whole number from 0 to 999999999")
        }
        return value
    }

    public func flag(_ name: String) -> Bool {
        guard let value = parameter(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    public func significance(_ name: String = "min") throws(HistoryError) -> Significance {
        guard let text = parameter(name) else { return .minor }
        guard let value = Significance(rawValue: text) else {
            throw .invalidArgument(what: "\(name)=\(text)", fix: "use cosmetic, minor or major")
        }
        return value
    }

    /// `recordedAt=` as epoch seconds.
    public func recordedTime(_ name: String) throws(HistoryError) -> Int64? {
        try parameter(name).map { (t) throws(HistoryError) in try RecordedTime(t, option: name).seconds }
    }
}

extension Request {
    func query(_ name: String) -> String? { uri.parameter(name) }
    func date(_ name: String) throws(HistoryError) -> DateArgument? { try uri.date(name) }
    func count(_ name: String) throws(HistoryError) -> Int? { try uri.count(name) }
    func flag(_ name: String) -> Bool { uri.flag(name) }
    func significance(_ name: String = "min") throws(HistoryError) -> Significance { try uri.significance(name) }
}

extension RequestContext {
    /// `{area}/{topic}` of the route as a profile id (400 naming the id when it is not one).
    func profile() throws -> ProfileID {
        try ProfileID(area: try parameters.require("area"), topic: try parameters.require("topic"))
    }

    /// A path parameter as a date; one that is not a date is a 400 saying how to write one.
    func date(_ name: String) throws -> DateArgument {
        do { return try parameters.require(name, as: DateArgument.self) } catch {
            _ = try DateArgument(try parameters.require(name), option: name)
            throw error
        }
    }
}
