import Dispatch
import Synchronization

/// `transform` over every element on all cores, results in order. For pure work on values (parsing,
/// diffing); anything touching the repository handle stays on the calling thread.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = Mutex<[R?]>(Array(repeating: nil, count: items.count))
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        let value = transform(items[i])
        results.withLock { $0[i] = value }
    }
    return results.withLock { $0.compactMap { $0 } }
}
