import ArgumentParser
import Foundation
import Reports
import SearchSessions
import Store

struct Hits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the formulas a search found: one per family, or all with --all.")

    @Flag(help: "List every hit, not only each family's representative.") var all = false
    @OptionGroup var syntax: SyntaxOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let hits = try existingStore(store.database).storedHits(all: all)
            if output.json { try printJSON(hits.map { HitJSON($0, database: store.database) }); return }
            if hits.isEmpty { print("no hits yet"); return }
            for hit in hits {
                let marker = hit.representative ? "" : "  ~ "
                let python = syntax.python ? HitJSON(hit).python : nil
                print("\(marker)\(python.map { "\($0.formula ?? hit.formula) == \($0.closedForm ?? hit.closedForm)" } ?? "\(hit.formula) = \(hit.closedForm)")   [\(hit.digitsVerified) digits, \(String(format: "%.3f", hit.digitsPerTerm)) digits/term, family \(hit.familyId)]")
            }
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export every hit as JSON or CSV.")

    @Option(help: "json or csv.") var format: String = "json"
    @Option(help: "Write to this file instead of stdout.") var out: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            guard ["json", "csv"].contains(format) else { throw ValidationError("--format must be json or csv") }
            let database = try existingStore(store.database)
            let hits = try database.storedHits(all: true)
            var text: String
            if format == "json" {
                text = try JSONText.encode(hits.map { HitJSON($0, database: store.database ?? database.path) }) + "\n"
            } else {
                text = csvLine(HitColumns.names) + hits.map { csvLine(HitColumns.row($0, database: store.database ?? database.path)) }.joined()
            }
            if let out {
                try writeRegularFile(text, to: out)
            } else { print(text, terminator: "") }
        }
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the databases of a search's shards into one (--db), re-joining families.")

    @Argument(help: "The shard databases.") var inputs: [String]
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            guard let path = store.database else { throw ValidationError("name the merged database with --db") }
            guard !inputs.isEmpty else { throw ValidationError("name the databases to merge") }
            let target = try openDatabase(path)
            var chunks = 0, hits = 0
            for input in inputs {
                let (c, h) = try target.merge(from: try existingStore(input))
                chunks += c; hits += h
            }
            let counts = try target.searchCounts()
            if output.json {
                try printJSON(["newChunks": chunks, "newHits": hits, "chunks": counts.chunks, "hits": counts.hits, "families": counts.families])
            } else {
                print("merged \(counted(inputs.count, "database")): \(counted(chunks, "new chunk")), \(counted(hits, "new hit")); \(path) holds \(counted(counts.hits, "hit")) in \(counted(counts.families, "family", "families"))")
            }
        }
    }
}

/// Opens a database that must already exist (listing a missing file should not create it).
func existingStore(_ path: String?) throws -> AperyStore {
    guard let path else { throw ValidationError("name the database with --db") }
    return try openExistingDatabase(path)
}
