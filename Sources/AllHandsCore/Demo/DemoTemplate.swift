/// A sentence with slots (`{customer}`, `{agent}`, `{org}`, `{app}`, `{n}`, `{invoice}`, `{day}`,
/// `{version}`), split once into parts so that filling it a few million times is only appends.
struct DemoTemplate: Sendable {
    enum Slot: String, Sendable, CaseIterable {
        case customer, agent, org, app, n, invoice, day, version
    }

    enum Part: Sendable {
        case text(String)
        case slot(Slot)
    }

    let parts: [Part]

    init(_ source: String) {
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if let slot = Slot(rawValue: name) {
                if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
                parts.append(.slot(slot))
            } else {
                parts.append(.text(String(rest[...close])))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    func render(_ fill: DemoFill) -> String {
        var out = String()
        out.reserveCapacity(320)
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .slot(let slot): out += fill.value(slot)
            }
        }
        return out
    }
}

/// The values one ticket's templates are filled with.
struct DemoFill {
    var customer = ""
    var agent = ""
    var org = ""
    var app = ""
    var n = ""
    var invoice = ""
    var day = ""
    var version = ""

    func value(_ slot: DemoTemplate.Slot) -> String {
        switch slot {
        case .customer: customer
        case .agent: agent
        case .org: org
        case .app: app
        case .n: n
        case .invoice: invoice
        case .day: day
        case .version: version
        }
    }
}
