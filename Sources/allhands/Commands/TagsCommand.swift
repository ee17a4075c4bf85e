import AllHandsCore

enum TagsCommand {
    static let command = Command(
        "tags", "[--json]", "Tags by dimension with open tickets, new in the last 24 h, and all-time totals.",
        options: ["--json   JSON array: name, dimension (null for free tags), open, last_24h, total"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        try args.finish()
        let counts = try session.workspace().tags.counts()
        if json { return try Output.json(counts.map(TagJSON.init)) }
        var table = Table("DIMENSION", "TAG", "OPEN", "24H", "TOTAL", rightAligned: [2, 3, 4])
        for c in counts {
            table.add(c.tag.dimension ?? "(free)", c.tag.name, String(c.open), String(c.last24h), String(c.total))
        }
        table.print()
    }

    static let verify = Command(
        "tags verify", "[--json]",
        "Recount every tag's open tickets, open pairs and daily additions from scratch and compare with the counts kept on every change (they must agree).",
        options: ["--json   JSON array of the counts that differ: tag, what, maintained, recounted (empty when all agree)"],
        readsOnly: true
    ) { args, session in
        let json = args.flag("--json")
        try args.finish()
        let drift = try session.workspace().tags.verify()
        if json { try Output.json(drift.map(TagDriftJSON.init)) } else if drift.isEmpty {
            Output.line("Every kept tag count equals a recount from scratch.")
        } else {
            var table = Table("TAG", "COUNT", "KEPT", "RECOUNTED", rightAligned: [2, 3])
            for d in drift { table.add(d.tag, d.what, String(d.maintained), String(d.recounted)) }
            table.print()
        }
        if !drift.isEmpty {
            throw CLIFailure(ExitCode.dataError, "\(English.count(drift.count, "kept count")) \(drift.count == 1 ? "differs" : "differ") from a recount")
        }
    }
}

struct TagDriftJSON: Encodable {
    let tag, what: String
    let maintained, recounted: Int

    init(_ d: TagDrift) { tag = d.tag; what = d.what; maintained = d.maintained; recounted = d.recounted }
}
