import Foundation

/// A small, fast random generator whose whole state is two words that can be saved and restored,
/// so that a search resumed from a checkpoint draws exactly the numbers an uninterrupted one would
/// (xoshiro128+ would do too; this is xorshift128+ seeded through SplitMix64).
public struct SeededGenerator: RandomNumberGenerator, Codable, Sendable, Equatable {
    public internal(set) var s0: UInt64
    public internal(set) var s1: UInt64

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        if s0 == 0 && s1 == 0 { s1 = 1 }
    }

    /// The generator of island `island` of a search seeded with `seed`: islands draw independent streams.
    public init(seed: UInt64, island: Int) {
        self.init(seed: seed &+ 0xD1B5_4A32_D192_ED03 &* UInt64(truncatingIfNeeded: island + 1))
    }

    public mutating func next() -> UInt64 { SeededGenerator.step(&s0, &s1) }

    /// One xorshift128+ step on the state (s0, s1), returning the output word: for loops that keep the state in
    /// locals.
    @inline(__always)
    static func step(_ s0: inout UInt64, _ s1: inout UInt64) -> UInt64 {
        var a = s0
        let b = s1
        s0 = b
        a ^= a << 23
        s1 = a ^ b ^ (a >> 17) ^ (b >> 26)
        return s1 &+ b
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal draw (Box–Muller; one of the pair is discarded so that the state stays two words).
    public mutating func normal() -> Double {
        var u = unit()
        while u <= 0 { u = unit() }
        let v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
