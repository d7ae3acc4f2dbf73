import Testing
@testable import TaizhangReport

@Suite struct RateTests {
    /// Reference rounding: the exact decimal expansion of num*100/den, rounded half-up at one place.
    func reference(_ num: Int, _ den: Int) -> String {
        // Thousandths of a percent, truncated: the fraction of a tenth is at least one half iff the
        // two digits below the tenth are 50 or more.
        let scaled = num * 100_000 / den
        var tenths = scaled / 100
        if scaled % 100 >= 50 { tenths += 1 }
        return "\(tenths / 10).\(tenths % 10)"
    }

    @Test(arguments: [(44, 46), (1, 60), (1, 8), (1, 16), (3, 40), (2, 3), (1, 3), (46, 46), (0, 7), (65, 65), (5, 200), (1, 1600)])
    func roundsHalfUp(_ pair: (Int, Int)) {
        let r = Rate(num: pair.0, den: pair.1)
        #expect(r.percentText == reference(pair.0, pair.1))
    }

    @Test func reportFigures() {
        #expect(Rate(num: 44, den: 46).percentText == "95.7")
        #expect(Rate(num: 1, den: 60).percentText == "1.7")
        #expect(Rate(num: 1, den: 65).percentText == "1.5")
        #expect(Rate(num: 65, den: 65).shortPercentText == "100")
    }

    @Test func exactHalvesRoundUp() {
        #expect(Rate(num: 1, den: 8).percentText == "12.5")   // exact, stays
        #expect(Rate(num: 1, den: 16).percentText == "6.3")   // 6.25 -> 6.3
        #expect(Rate(num: 3, den: 40).percentText == "7.5")   // exact
        #expect(Rate(num: 1, den: 400).percentText == "0.3")  // 0.25 -> 0.3
        #expect(Rate(num: 3, den: 1600).percentText == "0.2") // 0.1875 -> 0.2
    }

    @Test func zeroDenominatorHasNoPercent() {
        let r = Rate(num: 0, den: 0)
        #expect(r.tenths == nil)
        #expect(r.percentText == nil)
        #expect(r.json.compact() == #"{"num":0,"den":0,"percent":null}"#)
        #expect(Rate(num: 44, den: 46).json.compact() == #"{"num":44,"den":46,"percent":95.7}"#)
    }

    @Test func amountsSumExactlyInFen() {
        #expect(Amount.fen("0.1")! + Amount.fen("0.2")! == 30)
        #expect(Amount.fen("3500.5") == 350_050)
        #expect(Amount.fen("3500.05") == 350_005)
        #expect(Amount.fen("12000") == 1_200_000)
        #expect(Amount.fen("1.234") == nil)
        #expect(Amount.fen("") == nil)
        #expect(Amount.yuan(fen: 350_005) == "3500.05")
        #expect(Amount.yuan(fen: 30) == "0.30")
    }
}
