import AllHandsCore
import Foundation

/// `tags rename` and `tags merge`: leads and admins keep the taxonomy tidy. The domain does the
/// work in one transaction with its audit entry and refuses what it must (exit 77 for a role
/// that may not, 65 for a name it cannot take); the old name stays an alias of the tag.
enum TagsRetitleCommands {
    static let rename = Command(
        "tags rename", "OLD NEW [--json]",
        "Rename a tag (leads and admins): its tickets and history stay with it, and OLD still finds it.",
        options: [
            "OLD      the tag's name (or dimension:name)",
            "NEW      the new name; a name the taxonomy lists puts the tag in that dimension",
            "--json   object: tag, name, dimension, old_name, tickets, already_both, config_lists_old",
        ]
    ) { args, session in
        let json = args.flag("--json")
        let old = try args.required("OLD tag name"), new = try args.required("NEW tag name")
        try args.finish()
        let done = try session.workspace().tags.rename(old, to: new)
        if json { return try Output.json(TagRetitleJSON(done)) }
        Output.line("Renamed \(done.oldName) to \(done.tag.qualifiedName) (\(English.count(done.tickets, "ticket")) "
                    + "\(done.tickets == 1 ? "carries" : "carry") it); '\(done.oldName)' still finds it.")
        if done.configStillListsOld {
            note(session, done, "a lead should rename it to '\(done.tag.name)' there")
        }
    }

    static let merge = Command(
        "tags merge", "A B [--json]",
        "Fold tag A into tag B (leads and admins): A's tickets and history go to B, and A's name leads to B.",
        options: [
            "A        the tag that goes (name or dimension:name); a taxonomy tag merges only within its dimension",
            "B        the tag that stays",
            "--json   object: tag, name, dimension, old_name, tickets (that carried A), already_both, config_lists_old",
        ]
    ) { args, session in
        let json = args.flag("--json")
        let source = try args.required("tag A (the one that goes)"), target = try args.required("tag B (the one that stays)")
        try args.finish()
        let done = try session.workspace().tags.merge(source, into: target)
        if json { return try Output.json(TagRetitleJSON(done)) }
        let moved = done.tickets == 0 ? "no ticket carried it"
            : "\(English.count(done.tickets, "ticket")) moved" + (done.alreadyBoth == 0 ? ""
                : " (\(done.alreadyBoth) already carried both and \(done.alreadyBoth == 1 ? "keeps" : "keep") one)")
        Output.line("Merged \(done.oldName) into \(done.tag.qualifiedName): \(moved); '\(done.oldName)' now leads to \(done.tag.name).")
        if done.configStillListsOld {
            note(session, done, "a lead should take it out there")
        }
    }

    /// The hint that the config file should follow a rename or merge: its taxonomy still names
    /// the old tag (tagging with that name still works, through the alias).
    private static func note(_ session: Session, _ done: TagRetitle, _ advice: String) {
        let file = session.configPath.flatMap { FileManager.default.fileExists(atPath: $0) ? " (\($0))" : nil } ?? ""
        Output.note("note: the config's taxonomy\(file) still lists '\(done.oldName)'; \(advice) "
                    + "(until then, tagging '\(done.oldName)' puts '\(done.tag.name)' on).")
    }
}

/// `tags rename|merge --json`: every key present, `dimension` null for a free tag.
struct TagRetitleJSON: Encodable {
    let done: TagRetitle

    init(_ done: TagRetitle) { self.done = done }

    enum Keys: String, CodingKey {
        case tag, name, dimension, old_name, tickets, already_both, config_lists_old
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(done.tag.qualifiedName, forKey: .tag)
        try c.encode(done.tag.name, forKey: .name)
        try c.encode(done.tag.dimension, forKey: .dimension)
        try c.encode(done.oldName, forKey: .old_name)
        try c.encode(done.tickets, forKey: .tickets)
        try c.encode(done.alreadyBoth, forKey: .already_both)
        try c.encode(done.configStillListsOld, forKey: .config_lists_old)
    }
}
