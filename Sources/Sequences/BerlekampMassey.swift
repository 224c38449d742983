import Numbers

/// The operations Berlekamp–Massey needs: a field. Residues modulo 2^61 - 1 find recurrences fast;
/// rationals confirm them exactly.
public protocol FieldElement: Equatable {
    static var zero: Self { get }
    static var one: Self { get }
    static func + (l: Self, r: Self) -> Self
    static func - (l: Self, r: Self) -> Self
    static func * (l: Self, r: Self) -> Self
    /// 1/x for x != 0.
    var reciprocal: Self { get }
}

/// A residue modulo the Mersenne prime 2^61 - 1.
public struct MersenneResidue: FieldElement, Hashable, Sendable {
    public let value: UInt64

    public init(_ value: Int) { self.value = ModularArithmetic.mersenne61.residue(value) }
    public init(_ value: BigInt) { self.value = ModularArithmetic.mersenne61.residue(value) }
    @inlinable init(raw: UInt64) { value = raw }

    public static let zero = MersenneResidue(raw: 0)
    public static let one = MersenneResidue(raw: 1)
    @inlinable @inline(__always) public static func + (l: Self, r: Self) -> Self { Self(raw: ModularArithmetic.mersenne61.add(l.value, r.value)) }
    @inlinable @inline(__always) public static func - (l: Self, r: Self) -> Self { Self(raw: ModularArithmetic.mersenne61.subtract(l.value, r.value)) }
    @inlinable @inline(__always) public static func * (l: Self, r: Self) -> Self { Self(raw: ModularArithmetic.mersenne61.multiply(l.value, r.value)) }
    @inlinable public var reciprocal: Self { Self(raw: ModularArithmetic.mersenne61.inverse(value)) }
}

extension Rational: FieldElement {
    public var reciprocal: Rational { Rational.one / self }
}

/// The shortest linear recurrence of a sequence, by Berlekamp–Massey: the connection polynomial
/// C(x) = 1 + c_1 x + ... + c_d x^d with sum_{i=0..d} c_i s_{n-i} = 0 for every n >= L, where L is the
/// linear complexity (L >= d; when L > d the first L terms are a pre-period that the recurrence does
/// not produce, so a regeneration must be seeded with L terms, not d).
public struct ConnectionPolynomial<Element: FieldElement> {
    /// c_0 = 1, c_1, ..., c_d.
    public let coefficients: [Element]
    public let linearComplexity: Int
    public var degree: Int { coefficients.count - 1 }

    @inlinable init(coefficients: [Element], linearComplexity: Int) {
        self.coefficients = coefficients
        self.linearComplexity = linearComplexity
    }
}

/// Berlekamp–Massey over any field. With `maximumComplexity`, gives up (nil) as soon as the linear
/// complexity exceeds it: the complexity never decreases, and the screen only keeps small ones.
/// (ESMA's screen runs the division-free C kernel `apery_berlekamp_massey_61` instead; over Q the
/// division-free form would let the integers grow without bound, so this one divides.)
/// Inlinable, so that callers get it specialised for their field (the generic version boxes every element).
@inlinable
public func berlekampMassey<Element: FieldElement>(_ sequence: [Element], maximumComplexity: Int = .max) -> ConnectionPolynomial<Element>? {
    var current: [Element] = [.one], previous: [Element] = [.one]
    var complexity = 0, shift = 1
    // 1/b for the discrepancy b of the last length change: inverted once per change, not per step.
    var previousReciprocal = Element.one
    for n in sequence.indices {
        var discrepancy = sequence[n]
        for i in 1..<min(current.count, complexity + 1) { discrepancy = discrepancy + current[i] * sequence[n - i] }
        if discrepancy == .zero { shift += 1; continue }
        let factor = discrepancy * previousReciprocal
        let saved = current
        if current.count < previous.count + shift { current += [Element](repeating: .zero, count: previous.count + shift - current.count) }
        for i in previous.indices { current[i + shift] = current[i + shift] - factor * previous[i] }
        if 2 * complexity <= n {
            complexity = n + 1 - complexity
            if complexity > maximumComplexity { return nil }
            previous = saved
            previousReciprocal = discrepancy.reciprocal
            shift = 1
        } else {
            shift += 1
        }
    }
    while current.count > 1 && current.last! == .zero { current.removeLast() }
    return ConnectionPolynomial(coefficients: current, linearComplexity: complexity)
}
