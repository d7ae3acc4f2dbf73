import Foundation
import Testing

/// The real binary in tmux: a second petition typed by the ID number of an earlier one shows the
/// first at entry, and Enter on it in the F3 list records `repeat_of`.
///
/// Skipped when tmux is not installed, except under `CI=true`, where they run and fail.
@Suite(.serialized, .enabled(if: TUISession.enabled, "tmux is not installed"))
struct PeopleTUITests {
    @Test func aSecondPetitionByTheSameIDNumberShowsTheFirstAndRecordsRepeatOf() throws {
        let s = TUISession(today: "2024-05-01")
        let first = try s.cli("add", "petition", "--set", "unit=office", "--set", "petitioner=王建华", "--set", "form=visit",
                              "--set", "subject=反映宅基地确权纠纷", "--set", "date=2024-03-01", "--set", "id_number=120101199001011239")
        #expect(first.status == 0, "\(first.output)")
        try s.start()
        s.waitFor("王建华")
        try s.keys("n")
        s.waitFor("新建案件")
        try s.keys("3")
        s.waitFor("新建信访")
        // Date, then the unit (the second choice); choosing moves on to the village.
        try s.keys("Tab", "Enter")
        s.waitFor("公共安全办")
        try s.keys("Down", "Enter")
        // Village, handler, summary, phone: then the ID number, in its old 15-digit form.
        try s.keys("Tab", "Tab", "Tab", "Tab")
        try s.type("120101900101123")
        s.waitFor("此当事人有在先案件 1 件")
        try s.keys("F3")
        s.waitFor("在先案件（Enter 记为重复信访）")
        s.waitFor("P-2024-0001  2024-03-01  反映宅基地确权纠纷")
        try s.keys("Enter")
        s.waitFor("重复信访(原件)   P-2024-0001")
        // The petitioner, the form (visit, the first choice), the subject; then save.
        try s.keys("Tab")
        try s.type("王健华")
        try s.keys("Tab", "Enter")
        s.waitFor("来访")
        try s.keys("Enter")
        try s.type("宅基地确权纠纷")
        try s.keys("C-s")
        s.waitFor("已登记 P-2024-0002")
        let shown = try s.cli("show", "P-2024-0002", "--format", "json")
        #expect(shown.output.contains(#""repeat_of":"P-2024-0001""#), "\(shown.output)")
        try s.keys("q", "q")
        s.waitForExit()
    }
}
