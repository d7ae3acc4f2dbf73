import Foundation
import Testing
@testable import TaizhangDomain

@Suite struct PersonIDTests {
    static let today = BusinessDate(year: 2024, month: 12, day: 31)!

    func check(_ s: String) -> Result<String, PersonIDs.Problem> { PersonIDs.checkIDNumber(s, today: Self.today) }

    @Test func validNumbersAreAccepted() throws {
        // GB 11643's own example, and one whose check character is X, typed in lower case.
        #expect(try check("11010519491231002X").get() == "11010519491231002X")
        #expect(try check("11010519491231002x").get() == "11010519491231002X")
        #expect(try check("120101199001011239").get() == "120101199001011239")
        #expect(PersonIDs.checkCharacter(Array("12010119900101123")) == "9")
        #expect(PersonIDs.checkCharacter(Array("11010519491231002")) == "X")
    }

    /// One number for each check character (computed independently of the code under test).
    @Test func everyCheckCharacterIsRight() throws {
        let valid = ["120101199001010009", "120101199001010017", "120101199001010025", "120101199001010033", "120101199001010041",
                     "12010119900101005X", "120101199001010068", "120101199001010076", "120101199001010084", "120101199001010092",
                     "120101199001010180"]
        #expect(Set(valid.map(\.last!)).count == 11)
        for n in valid {
            #expect(PersonIDs.checkCharacter(Array(n.prefix(17))) == n.last!, "\(n)")
            #expect((try? check(n).get()) == n, "\(n)")
        }
    }

    @Test func wrongCheckDigitSaysWhatItShouldBe() throws {
        guard case let .failure(p) = check("120101199001011234") else { Issue.record("accepted a wrong check digit"); return }
        #expect(p.en.contains("check digit") && p.en.contains("should be 9"))
        #expect(p.zh.contains("校验码") && p.zh.contains("9"))
        // An X where a digit belongs is a wrong check digit too.
        guard case .failure = check("12010119900101123X") else { Issue.record("accepted X for 9"); return }
    }

    @Test func wrongCheckDigitIsRejectedAtEntryNamingTheField() throws {
        let t = try TestLedger()
        var f = minimal[.petition]!
        f["id_number"] = "120101199001011234"
        let e = try #require(t.rejection(.open(kind: .petition, fields: f.map { FieldInput($0.key, $0.value) })))
        #expect(e.field == "id_number")
        #expect(e.en.contains("id_number") && e.en.contains("check digit"))
        #expect(e.zh.contains("身份证号") && e.zh.contains("校验码"))
        f["id_number"] = "120101199001011239"
        let id = try t.add(.petition, f)
        #expect(t.state.lookup(id)?["id_number"] == "120101199001011239")
    }

    @Test func oldFifteenDigitFormIsAcceptedAndMatchesItsNewForm() throws {
        #expect(try check("120101900101123").get() == "120101900101123")
        #expect(PersonIDs.isOldForm("120101900101123"))
        #expect(!PersonIDs.isOldForm("120101199001011239"))
        // The old number gains 19 and a check character: the same person's new number.
        #expect(PersonIDs.matchKey(idNumber: "120101900101123") == "120101199001011239")
        guard case .failure = check("12010190010112X") else { Issue.record("accepted X in an old number"); return }
    }

    @Test(arguments: ["120101199002301236", "120101199013011234", "120101202512310010", "120101900230123", "120101189912311234"])
    func impossibleBirthDatesAreRejected(_ number: String) {
        // Fix the check character so only the date is wrong.
        var n = number
        if n.count == 18 { n = String(n.prefix(17)) + String(PersonIDs.checkCharacter(Array(n.prefix(17)))) }
        guard case let .failure(p) = check(n) else { Issue.record("accepted \(n)"); return }
        #expect(p.en.contains("birth date"), "\(p.en)")
    }

    @Test func wrongLengthsAndCharactersSayWhatIsAllowed() {
        for s in ["12345", "1201011990010112391", "12010119900101123A", "A20101199001011239", "020101199001011235"] {
            guard case let .failure(p) = check(s) else { Issue.record("accepted \(s)"); continue }
            #expect(!p.en.isEmpty)
        }
    }

    @Test func phonesAreMobilesOrLandlinesWithAreaCodes() throws {
        let good: [(String, String)] = [
            ("13812345678", "13812345678"), ("138 1234 5678", "13812345678"), ("+86 138-1234-5678", "13812345678"),
            ("022-29901234", "022-29901234"), ("(022) 2990 1234", "022-29901234"), ("02229901234", "022-29901234"),
            ("0311-8765432", "0311-8765432"), ("010 87654321", "010-87654321"), ("0311-8765432-801", "0311-8765432-801"),
            ("022-29901234转6", "022-29901234-6"),
        ]
        for (typed, stored) in good {
            #expect((try? PersonIDs.checkPhone(typed).get()) == stored, "\(typed)")
        }
        for bad in ["1381234567", "138123456789", "12812345678", "29901234", "022-0990123", "12345", "call me", "+1 212 555 0100"] {
            guard case .failure = PersonIDs.checkPhone(bad) else { Issue.record("accepted \(bad)"); continue }
        }
        #expect(PersonIDs.matchKey(phone: "0311-8765432-801") == "03118765432")
        #expect(PersonIDs.matchKey(phone: "+86 138-1234-5678") == "13812345678")
    }

    @Test func aBadPhoneIsRejectedAtEntryNamingTheField() throws {
        let t = try TestLedger()
        var f = minimal[.consultation]!
        f["phone"] = "1381234567"
        let e = try #require(t.rejection(.open(kind: .consultation, fields: f.map { FieldInput($0.key, $0.value) })))
        #expect(e.field == "phone" && e.en.contains("11 digits"))
    }
}
