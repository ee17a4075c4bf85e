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
}
