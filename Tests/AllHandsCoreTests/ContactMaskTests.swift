import AllHandsCore
import XCTest

/// Customers' email addresses and phone numbers are hidden from listeners; ticket numbers,
/// dates, times, amounts and ids are left as written.
final class ContactMaskTests: XCTestCase {
    func check(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(ContactMask.mask(text), expected, file: file, line: line)
    }

    func testEmailAddressesInText() {
        check("mail ann.lee+billing@example.co.uk, please", "mail [email hidden], please")
        check("<bob_99@mail.example.com>", "<[email hidden]>")
        check("a@b.io and c@d.org", "[email hidden] and [email hidden]")
        check("at @ten or user@localhost", "at @ten or user@localhost")
    }

    func testPhoneNumbersInTheirUsualShapes() {
        check("call +1 (555) 010-2030 today", "call [phone hidden] today")
        check("020 7946 0958", "[phone hidden]")
        check("(555) 010-2030.", "[phone hidden].")
        check("+44 20 7946 0958 or +33 1 23 45 67 89", "[phone hidden] or [phone hidden]")
        check("555-0102", "[phone hidden]")
        check("555.010.2030", "[phone hidden]")
        check("tel:+4915112345678", "tel:[phone hidden]")
        check("5550102030", "[phone hidden]")
        check("0161 496 0000", "[phone hidden]")
    }

    func testTicketNumbersDatesTimesAndAmountsStay() {
        for text in ["ticket #1234", "#1234567", "2026-11-18", "18.11.2026", "on 2026-11-18 10:30 UTC", "at 10:30:45",
                     "$1,234.56", "1,234,567.89", "€ 1 234 567", "1 234 567 €", "1 234 567", "12.50 USD", "99%",
                     "order 12345678", "version 10.2.3.4", "192.168.100.200", "from 9 to 17", "SKU-20261118",
                     "1234567890abc", "year 2026 and 2027", "3 x 4 = 12"] {
            check(text, text)
        }
    }

    func testBothInOneMessageAndTextWithoutEitherIsUntouched() {
        check("Ann (ann@example.com, 020 7946 0958) wrote on 2026-11-02 about #88",
              "Ann ([email hidden], [phone hidden]) wrote on 2026-11-02 about #88")
        check("", "")
        check("Nothing to hide here.", "Nothing to hide here.")
    }
}
