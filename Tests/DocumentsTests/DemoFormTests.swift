import Foundation
import Testing
import TaizhangDomain
import TaizhangTerminalCore
import TaizhangLog
@testable import TaizhangDocuments

/// Every form's text rendering for a case of the demo ledger matches the stored rendering in
/// Tests/DocumentsTests/Fixtures (set TAIZHANG_UPDATE_FIXTURES=1 to write them again).
@Suite struct DemoFormTests {
    static func demo() throws -> Ledger {
        try Ledger(path: demoPath, operatorName: "test", options: .init(create: false, readOnly: true), useSnapshot: false)
    }

    /// The first 2024 case, in id order, that fits `form`.
    static func sample(_ form: DocumentForm, _ state: LedgerState) -> CaseRecord? {
        state.allCases.filter { $0.id.year == 2024 }.sorted { $0.id < $1.id }.first { form.unfitReason($0) == nil }
    }

    @Test(arguments: DocumentForm.allCases)
    func textMatchesTheStoredRendering(_ form: DocumentForm) throws {
        let ledger = try Self.demo()
        let c = try #require(Self.sample(form, ledger.state), "no demo case fits \(form)")
        let text = "\(c.id)\n\n" + TextRenderer.render(Documents.layout(form, case: c, state: ledger.state))
        let path = fixturesPath + "/\(form.rawValue).txt"
        if ProcessInfo.processInfo.environment["TAIZHANG_UPDATE_FIXTURES"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == stored, "\(form) differs from \(path)")
        // Lines fit the page.
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= TextRenderer.width) }
    }
}
