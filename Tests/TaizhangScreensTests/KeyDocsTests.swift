import Foundation
import Testing
@testable import TaizhangScreens

@Suite struct KeyDocsTests {
    /// docs/keys.md in this checkout.
    static var docPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/keys.md").path
    }

    /// docs/keys.md is what the key tables say. `TAIZHANG_WRITE_KEYS_DOC=1` rewrites it.
    @Test func keysDocMatchesTheKeyTables() throws {
        let generated = KeyDocs.markdown()
        if ProcessInfo.processInfo.environment["TAIZHANG_WRITE_KEYS_DOC"] == "1" {
            try Data(generated.utf8).write(to: URL(fileURLWithPath: Self.docPath))
        }
        let onDisk = try String(contentsOfFile: Self.docPath, encoding: .utf8)
        #expect(onDisk == generated, """
            docs/keys.md is stale: it no longer matches the screens' key tables.
            Regenerate it with: TAIZHANG_WRITE_KEYS_DOC=1 swift test --filter KeyDocsTests
            """)
    }

    /// Every screen's table is in the document, with every binding's keys.
    @Test func everyBindingIsDocumented() {
        let doc = KeyDocs.markdown()
        for s in KeyDocs.sections {
            #expect(doc.contains("## \(s.title)\n"), "\(s.title)")
            for row in s.rows { #expect(doc.contains(row.action), "\(s.title): \(row.action)") }
        }
        #expect(doc.contains("restore a voided case"))
    }
}
