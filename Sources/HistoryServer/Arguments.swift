import HistoryModel
import HistoryStore
import Hummingbird
import HummingbirdCore
import ProfileModel
import SemanticDiff

/// Reading query strings into the store's types (`QueryValue`, which the fuzzer drives); bad values are 400s.
extension Request {
    /// A query parameter, nil when absent or empty.
    func query(_ name: String) -> String? { uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 } }
    func date(_ name: String) throws(HistoryError) -> DateArgument? { try QueryValue.date(query(name), name: name) }
    func count(_ name: String) throws(HistoryError) -> Int? { try QueryValue.count(query(name), name: name) }
    func flag(_ name: String) -> Bool { QueryValue.flag(query(name)) }
    func significance(_ name: String = "min") throws(HistoryError) -> Significance { try QueryValue.significance(query(name), name: name) }
    func recordedTime(_ name: String) throws(HistoryError) -> Int64? { try QueryValue.recordedTime(query(name), name: name) }
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
