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

/// Runs `work` on another thread while `meanwhile` runs on this one, and returns what `work` made once
/// both are done: `diff --all` renders one chunk of comparisons while the next is parsed and diffed.
func overlapped<R: Sendable, E: Error>(_ work: @escaping @Sendable () -> R, meanwhile: () throws(E) -> Void) throws(E) -> R {
    let result = Mutex<R?>(nil)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        let value = work()
        result.withLock { $0 = value }
        done.signal()
    }
    do { try meanwhile() } catch {
        done.wait()
        throw error
    }
    done.wait()
    // `work` has stored its value before signalling.
    return result.withLock { $0.take() } ?? work()
}
