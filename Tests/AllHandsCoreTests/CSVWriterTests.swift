import AllHandsCore
import XCTest

/// `CSV.field` and `CSV.write` (issue 10, `tags report --format csv`): a cell a spreadsheet
/// would run as a formula is neutralised, quoting follows RFC 4180, and what is written reads
/// back through `CSV.parse`.
final class CSVWriterTests: XCTestCase {
    func testEveryFormulaStartIsNeutralisedWithAQuote() {
        XCTAssertEqual(CSV.field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"")
        XCTAssertEqual(CSV.field("=1+2"), "'=1+2")
        XCTAssertEqual(CSV.field("+1+2"), "'+1+2")
        XCTAssertEqual(CSV.field("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0")
        XCTAssertEqual(CSV.field("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSV.field("\t=1"), "'\t=1")
        XCTAssertEqual(CSV.field("\r=1"), "\"'\r=1\"")
        XCTAssertEqual(CSV.field("-"), "'-")
        XCTAssertEqual(CSV.field("-x-tag"), "'-x-tag")
    }

    func testPlainNumbersAndOrdinaryTextStayAsTheyAre() {
        for text in ["-12", "-12.5", "+4", "0", "100", "billing", "feature-request", "", "a=b", " =1"] {
            XCTAssertEqual(CSV.field(text), text)
        }
        XCTAssertEqual(CSV.field("-1.2.3"), "'-1.2.3", "not a plain number")
        XCTAssertEqual(CSV.field("-1e5"), "'-1e5")
    }

    func testQuotingDoublesQuotesAndKeepsCommasAndLineBreaksInOneField() {
        XCTAssertEqual(CSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSV.field("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSV.write([["a", "b"], ["1", "x,y"]]), "a,b\n1,\"x,y\"\n")
        XCTAssertEqual(CSV.write([]), "")
    }

    func testWhatIsWrittenReadsBackNeutralised() throws {
        let records = [["dimension", "tag", "n"], ["=cmd", "a,\"b\"", "-3"], ["@x", "two\nlines", "+x"], ["", "\tt", "7"]]
        let parsed = try CSV.parse(CSV.write(records), source: "test")
        XCTAssertEqual(parsed.map(\.fields), [["dimension", "tag", "n"], ["'=cmd", "a,\"b\"", "-3"],
                                              ["'@x", "two\nlines", "'+x"], ["", "'\tt", "7"]])
        XCTAssertEqual(parsed.map(\.line), [1, 2, 3, 5])
    }
}
