import FuzzTargets
import Foundation

/// Built by `scripts/fuzz` with `-sanitize=fuzzer,address -DFUZZING`: libFuzzer calls this for every input
/// and `HISTORY_FUZZ_TARGET` names the target. Built plainly (as `swift build` does), it is a replayer:
/// `history-fuzz TARGET FILE…` runs the target on each file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    target.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["HISTORY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set HISTORY_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(64)
    }
    return target
}()

#if FUZZING
import CFuzzDriver

/// SwiftPM points `main` at `<product>_main`; under the fuzzer that is libFuzzer's driver.
@_cdecl("history_fuzz_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzOneInput(data, size)
    }
}
#else
@main struct Replay {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("usage: history-fuzz parser|diff|dates|query FILE…\n".utf8))
            exit(64)
        }
        for path in arguments.dropFirst() { target.run(Array(try Data(contentsOf: URL(fileURLWithPath: path)))) }
    }
}
#endif
