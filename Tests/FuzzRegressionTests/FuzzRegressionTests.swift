import Foundation
import FuzzTargets
import Testing
import TestSupport

/// Every input the fuzzer ever crashed on (and a few seeds) is kept in `Tests/FuzzCorpus/<target>/` and
/// replayed here: a crash that came back would stop this test run.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: FuzzTarget) -> [String] {
        let folder = Golden.packageRoot.appendingPathComponent("Tests/FuzzCorpus/\(target.rawValue)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { "\(folder)/\($0)" }
    }

    @Test(arguments: FuzzTarget.allCases)
    func savedInputsRunWithoutATrap(_ target: FuzzTarget) throws {
        let files = Self.inputs(target)
        #expect(!files.isEmpty, "no saved inputs for \(target.rawValue)")
        for file in files { target.run(Array(try Data(contentsOf: URL(fileURLWithPath: file)))) }
    }
}
