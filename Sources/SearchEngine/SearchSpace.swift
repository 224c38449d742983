/// A finite space of candidates that can be addressed by index, so that any part of it can be
/// enumerated (and re-enumerated after an interruption) without enumerating what comes before.
/// The engine knows nothing else about candidates: PCFs, programs and update rules are all spaces.
public protocol SearchSpace: Sendable {
    associatedtype Candidate
    /// The number of candidates; indices run over 0..<count.
    var count: Int { get }
    func candidate(at index: Int) -> Candidate
}

/// The i-th of N shards of a space: chunk c belongs to shard (c mod N). Every chunk belongs to
/// exactly one shard, so N processes (or cluster array tasks) cover the space exactly once.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else {
            throw SearchError("a shard is i/N with 0 <= i < N, not \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    public static let whole = try! Shard(index: 0, count: 1)

    /// Parses "i/N".
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw SearchError("a shard is written i/N (such as 0/4), not \(text)")
        }
        try self.init(index: i, count: n)
    }

    public func owns(chunk: Int) -> Bool { chunk % count == index }
    public var description: String { "\(index)/\(count)" }
}

/// A search failure phrased for the user.
public struct SearchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
