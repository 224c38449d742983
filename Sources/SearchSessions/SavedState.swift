import Foundation
import SearchEngine
import Store

/// Saved states go to the store as JSON, their long packed columns as bytes beside it; non-finite numbers (a
/// diverged fitness) are written as strings.
enum SavedState {
    /// A value as JSON text, long columns included as base64 (a find's candidate or descriptor).
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    /// A driver's state as JSON and the bytes of the long columns it refers to (nil when it has none).
    static func encodeState<T: Encodable>(_ value: T) throws -> (json: String, columns: Data?) {
        let encoder = encoder(), columns = OutOfLineColumns()
        encoder.userInfo[OutOfLineColumns.userInfoKey] = columns
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        return (json, columns.bytes.isEmpty ? nil : columns.bytes)
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // Base64 columns are full of slashes: escaped, a large archive's save took a third longer.
        encoder.outputFormatting = .withoutEscapingSlashes
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, columns: Data? = nil, what: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder.userInfo[OutOfLineColumns.userInfoKey] = OutOfLineColumns(bytes: columns ?? Data())
        do { return try decoder.decode(type, from: Data(text.utf8)) } catch {
            throw SearchError("the saved state of \(what) is corrupt (\(brief(error))); it was left as it is: restore the database from a copy or start the search in a new one")
        }
    }

    static func brief(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c), DecodingError.keyNotFound(_, let c), DecodingError.typeMismatch(_, let c),
             DecodingError.valueNotFound(_, let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? c.debugDescription : "\(path): \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}

/// The stream driver's checkpoint: the position of this shard's stream in `search_states`, the kept
/// results in `search_finds`.
struct StreamStoreCheckpoint<Cursor: Codable, Candidate: Sendable, Result: Sendable>: StreamCheckpoint {
    let session: SearchSession
    let keep: ([StreamResult<Candidate, Result>]) -> [SearchFind]
    let rows: ([StreamResult<Candidate, Result>]) -> ClientRows?

    func savedPosition() throws -> StreamPosition<Cursor>? {
        try session.store.searchState(search: session.search, island: session.shard.index).map {
            try SavedState.decode(StreamPosition<Cursor>.self, from: $0.state, columns: $0.columns, what: "shard \(session.shard) of \(session.identifier)")
        }
    }

    func commit(_ position: StreamPosition<Cursor>, results: [StreamResult<Candidate, Result>]) throws {
        let saved = try SavedState.encodeState(position)
        try session.store.commitState(search: session.search, island: session.shard.index, islands: session.shard.count, driver: "stream",
                                      evaluations: position.candidates, failures: results.filter { $0.outcome.result == nil }.count,
                                      finished: position.finished, state: saved.json, columns: saved.columns, finds: keep(results),
                                      run: session.run, rows: rows(results))
    }
}

/// The adaptive driver's checkpoint: the island's whole state in `search_states`, its finds and failures
/// in `search_finds`.
struct AdaptiveStoreCheckpoint<ProposerState: Codable & Sendable, Candidate: Codable & Sendable>: AdaptiveCheckpoint {
    let session: SearchSession
    let driver: String
    let keep: ([Evaluated<Candidate>]) -> [Evaluated<Candidate>]

    func savedState() throws -> AdaptiveState<ProposerState>? {
        try session.store.searchState(search: session.search, island: session.shard.index).map {
            try SavedState.decode(AdaptiveState<ProposerState>.self, from: $0.state, columns: $0.columns, what: "island \(session.shard) of \(session.identifier)")
        }
    }

    func commit(_ state: AdaptiveState<ProposerState>, finds: [Evaluated<Candidate>], failures: [Evaluated<Candidate>]) throws {
        let island = session.shard.index
        let rows = try keep(finds).map { try SearchFind(island, $0, kind: "find") } + failures.map { try SearchFind(island, $0, kind: "failed") }
        let saved = try SavedState.encodeState(state)
        try session.store.commitState(search: session.search, island: island, islands: session.shard.count, driver: driver,
                                      evaluations: state.evaluations, failures: state.failures, finished: state.finished,
                                      state: saved.json, columns: saved.columns, finds: rows, run: session.run)
    }
}

extension SearchFind {
    init<C: Codable & Sendable>(_ island: Int, _ evaluated: Evaluated<C>, kind: String) throws {
        self.init(island: island, serial: evaluated.serial, kind: kind, candidate: try SavedState.encode(evaluated.candidate),
                  fitness: evaluated.evaluation.fitness.flatMap { $0.isFinite ? $0 : nil },
                  descriptor: try SavedState.encode(evaluated.evaluation.descriptor), note: evaluated.evaluation.note)
    }
}

/// The states of all islands of an adaptive search in a database, merged (the best candidate per cell wins).
public func mergedIslands<State: Codable & Sendable & ElitesMerging>(_ type: State.Type, store: AperyStore, kind: String) throws
    -> (identifier: String, spec: String, islands: Int, evaluations: Int, failures: Int, state: State)? {
    let rows = try store.searchStates(kind: kind)
    guard let first = rows.first else { return nil }
    let states = try rows.map { row in
        try SavedState.decode(AdaptiveState<State>.self, from: row.state.state, columns: row.state.columns, what: "island \(row.state.island) of \(row.identifier)")
    }
    return (first.identifier, first.spec, rows.count, states.map(\.evaluations).reduce(0, +), states.map(\.failures).reduce(0, +),
            try State.merged(states.map(\.proposer)))
}

/// The finds an adaptive search of a database stored (every island's, in island and serial order), decoded.
public func storedFinds<Candidate: Codable & Sendable>(_ type: Candidate.Type, store: AperyStore, search: Int64) throws -> [Evaluated<Candidate>] {
    try store.searchFinds(search: search, kind: "find").map { find in
        let what = "find \(find.serial) of island \(find.island)"
        return Evaluated(serial: find.serial, candidate: try SavedState.decode(Candidate.self, from: find.candidate, what: what),
                         evaluation: Evaluation(fitness: find.fitness, descriptor: try SavedState.decode([Double].self, from: find.descriptor, what: what),
                                                note: find.note))
    }
}
