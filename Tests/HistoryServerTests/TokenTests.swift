@testable import HistoryServer
import HistoryStore
import Hummingbird
import Testing

@Suite struct TokenTests {
    @Test func lengthsThatDifferByAMultipleOf256NeverCompareEqual() {
        let token = "test-token-0123456789abcdef"
        #expect(Users.constantTimeEqual(token, token))
        for extra in [1, 256, 512] {
            let longer = token + String(repeating: "\0", count: extra)
            #expect(!Users.constantTimeEqual(longer, token), "\(extra) NUL bytes more")
        }
        #expect(!Users.constantTimeEqual("", ""))
    }
}
