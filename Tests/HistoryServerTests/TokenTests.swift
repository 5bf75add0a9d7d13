@testable import HistoryServer
import Hummingbird
import Testing

@Suite struct TokenTests {
    @Test func lengthsThatDifferByAMultipleOf256NeverCompareEqual() {
        let token = "test-token-0123456789abcdef"
        #expect(APIController.constantTimeEqual(token, token))
        for extra in [1, 256, 512] {
            let longer = token + String(repeating: "\0", count: extra)
            #expect(!APIController.constantTimeEqual(longer, token), "\(extra) NUL bytes more")
        }
        #expect(!APIController.constantTimeEqual("", ""))
    }
}
