import HistoryStore
import Hummingbird
import ProfileModel
import SemanticDiff

/// Reading path parameters and query strings into the store's types; bad values are 400s.
extension Request {
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    func date(_ name: String) throws(HistoryError) -> DateArgument? {
        try query(name).map { (text) throws(HistoryError) in try DateArgument(text, option: name) }
    }

    /// A whole number of at least 0, e.g. `offset=100`.
    func count(_ name: String) throws(HistoryError) -> Int? {
        guard let text = query(name) else { return nil }
        guard text.utf8.count <= 9, let value = Int(text), value >= 0 else {
            throw .invalidArgument("\(name)=\(text)", "give a whole number from 0 to 999999999")
        }
        return value
    }

    func flag(_ name: String) -> Bool {
        guard let value = query(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    func significance(_ name: String = "min") throws(HistoryError) -> Significance {
        guard let text = query(name) else { return .minor }
        guard let value = Significance(rawValue: text) else {
            throw .invalidArgument("\(name)=\(text)", "use cosmetic, minor or major")
        }
        return value
    }
}

extension RequestContext {
    func profile() throws(HistoryError) -> ProfileID {
        let area = parameters.get("area") ?? "", topic = parameters.get("topic") ?? ""
        return try ProfileID(area: area, topic: topic)
    }
}
