import CSearchKernels
import Expressions
import Numbers
import SearchEngine

/// The left side of a meet-in-the-middle search: every Moebius form
/// (c · (1, K_1, ..., K_m)) / (d · (1, K_1, ..., K_m)) with integer coefficients in [-R, R], gcd 1,
/// d's first nonzero coefficient positive, neither rational nor free of the constants.
///
/// Values are bucketed by the high bits of their IEEE-754 representation, so a bucket spans a fixed
/// relative width (about 10^-keyDigits) whatever the magnitude; a lookup checks the neighbouring buckets.
public struct MoebiusTable: Sendable {
    public let constants: [Expression]
    public let values: [Double]
    /// The 2(m + 1) coefficients of entry i: c then d.
    public let coefficients: [Int32]
    let width: Int
    let shift: UInt64
    let tolerance: Double
    // Open addressing over filings (value i filed under a key): slots hold filing + 1 (0 = empty),
    // `next` chains the filings of one key, `entries` maps a filing to its value.
    let keys: [UInt64]
    let entries: [Int32]
    // A bitset of occupied buckets (hashed), small enough to stay in cache: most lookups end there.
    let occupied: [UInt64]
    static let filterWordBits = 20
    static let filterWords = 1 << filterWordBits
    let slots: [Int32]
    let next: [Int32]
    let mask: Int

    public static let maximumEntries = 60_000_000

    public init(constants: [Expression], range r: Int, keyDigits: Int) throws {
        self.constants = constants
        let m = constants.count
        width = 2 * (m + 1)
        let k = try [1.0] + constants.map { try $0.evaluate(precision: 64).asDouble }
        let side = 2 * r + 1
        let tuples = Double(side).power(width)
        guard tuples <= Double(MoebiusTable.maximumEntries) else {
            throw SearchError("the left side would have \(Int(tuples)) forms (range \(r), \(m) constants); lower lhs_range")
        }
        // Relative bucket width 2^(shift - 52) >= 4 · 10^-keyDigits, twice the tolerance interval, so each
        // value is filed under the one or two buckets its interval touches and a lookup probes one bucket.
        shift = UInt64(max(0, 52 - Int((Double(keyDigits) * 3.3219 - 2).rounded(.down))))
        tolerance = Double.pow10(-keyDigits)
        let (values, coefficients) = MoebiusTable.enumerate(range: r, m: m, k: k)
        self.values = values
        self.coefficients = coefficients
        // Each value under the buckets of v(1 - tolerance) and v(1 + tolerance) (once if they coincide).
        var filings: [(key: UInt64, entry: Int)] = []
        filings.reserveCapacity(values.count * 2)
        for (i, value) in values.enumerated() {
            let low = (value * (1 - tolerance)).bitPattern >> shift, high = (value * (1 + tolerance)).bitPattern >> shift
            filings.append((low, i))
            if high != low { filings.append((high, i)) }
        }
        var capacity = 16
        while capacity < 2 * filings.count { capacity <<= 1 }
        mask = capacity - 1
        var keys = [UInt64](repeating: 0, count: capacity), slots = [Int32](repeating: 0, count: capacity)
        var next = [Int32](repeating: -1, count: filings.count)
        var occupied = [UInt64](repeating: 0, count: MoebiusTable.filterWords)
        var entries = [Int32](repeating: 0, count: filings.count)
        for (f, filing) in filings.enumerated() {
            entries[f] = Int32(filing.entry)
            var slot = MoebiusTable.hash(filing.key) & mask
            while slots[slot] != 0 && keys[slot] != filing.key { slot = (slot + 1) & mask }
            if slots[slot] != 0 { next[f] = slots[slot] - 1 }
            keys[slot] = filing.key
            slots[slot] = Int32(f + 1)
            let (word, bits) = MoebiusTable.filterBits(filing.key)
            occupied[word] |= bits
        }
        self.occupied = occupied
        self.entries = entries
        self.keys = keys; self.slots = slots; self.next = next
    }

    /// Every admissible tuple in [-r, r]^(2m+2), in lexicographic order, with its value.
    static func enumerate(range r: Int, m: Int, k: [Double]) -> ([Double], [Int32]) {
        let width = 2 * (m + 1)
        var values: [Double] = [], coefficients: [Int32] = []
        var tuple = [Int](repeating: -r, count: width)
        while true {
            if let value = admissible(tuple, m: m, k: k) {
                values.append(value)
                coefficients += tuple.map { Int32($0) }
            }
            var i = width - 1
            while i >= 0 { tuple[i] += 1; if tuple[i] <= r { break }; tuple[i] = -r; i -= 1 }
            if i < 0 { return (values, coefficients) }
        }
    }

    static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> 17) }
    /// The filter's word for a key and the three bits set in it (a Bloom filter blocked to one word: one load).
    @inline(__always)
    static func filterBits(_ key: UInt64) -> (word: Int, bits: UInt64) {
        let h = key &* 0xC2B2AE3D27D4EB4F
        let word = Int(truncatingIfNeeded: h >> UInt64(64 - filterWordBits))
        return (word, (1 << (h & 63)) | (1 << ((h >> 6) & 63)) | (1 << ((h >> 12) & 63)))
    }

    /// The value of an admissible tuple (c, d), or nil: d = 0, gcd > 1, d's lead negative, c ∝ d, or no constant used.
    static func admissible(_ t: [Int], m: Int, k: [Double]) -> Double? {
        let c = t[0...m], d = t[(m + 1)...]
        guard let lead = d.first(where: { $0 != 0 }), lead > 0 else { return nil }
        guard t.reduce(0, Int.gcd) == 1 else { return nil }
        guard (c.dropFirst() + d.dropFirst()).contains(where: { $0 != 0 }) else { return nil }
        // c ∝ d: every 2x2 minor vanishes.
        let cs = Array(c), ds = Array(d)
        var proportional = true
        for i in 0...m where proportional { for j in (i + 1)..<(m + 1) where cs[i] * ds[j] != cs[j] * ds[i] { proportional = false; break } }
        if proportional { return nil }
        var numerator = 0.0, denominator = 0.0
        for i in 0...m { numerator += Double(cs[i]) * k[i]; denominator += Double(ds[i]) * k[i] }
        guard abs(denominator) > 1e-6 else { return nil }
        let value = numerator / denominator
        return abs(value) > 1e-6 && abs(value) < 1e12 ? value : nil
    }

    public var count: Int { values.count }

    /// Whether x may have a match: one load from the filter of occupied buckets. Callers
    /// probe several values first and look up the survivors, so that the loads overlap.
    @inline(__always)
    public func mayMatch(_ x: Double) -> Bool {
        let (word, bits) = MoebiusTable.filterBits(x.bitPattern >> shift)
        return occupied.withUnsafeBufferPointer { $0[word] } & bits == bits
    }

    /// Starts loading the filter word that `mayMatch(x)` will read, so that its cache miss overlaps other work.
    @inline(__always)
    public func prefetch(_ x: Double) {
        let word = MoebiusTable.filterBits(x.bitPattern >> shift).word
        occupied.withUnsafeBufferPointer { apery_prefetch($0.baseAddress! + word) }
    }

    /// Calls `body` with each entry within the tolerance of x (relative); stops when it returns true.
    @inline(__always)
    public func forEachMatch(_ x: Double, _ body: (Int) throws -> Bool) rethrows {
        guard x.isFinite, abs(x) > 1e-6 else { return }
        let key = x.bitPattern >> shift
        let (word, bits) = MoebiusTable.filterBits(key)
        guard occupied[word] & bits == bits else { return }
        var slot = MoebiusTable.hash(key) & mask
        while slots[slot] != 0 {
            if keys[slot] == key {
                var filing = Int(slots[slot]) - 1
                while filing >= 0 {
                    let entry = Int(entries[filing])
                    if abs(values[entry] - x) <= tolerance * abs(x), try body(entry) { return }
                    filing = Int(next[filing])
                }
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The numerator and denominator coefficients of entry i.
    public func form(_ i: Int) -> (numerator: [Int], denominator: [Int]) {
        let t = coefficients[(i * width)..<((i + 1) * width)].map { Int($0) }
        return (Array(t[..<(width / 2)]), Array(t[(width / 2)...]))
    }
}

extension Double {
    static func pow10(_ k: Int) -> Double { k >= 0 ? (0..<k).reduce(1.0) { r, _ in r * 10 } : 1 / pow10(-k) }
    func power(_ k: Int) -> Double { (0..<k).reduce(1.0) { r, _ in r * self } }
}
