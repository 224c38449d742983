import Numbers

/// A polynomial continued fraction a(0) + b(1)/(a(1) + b(2)/(a(2) + ...)), the field's convention:
/// b(0) is never used, convergents satisfy p_n = a(n) p_{n-1} + b(n) p_{n-2} (same for q) with
/// p_{-1} = 1, q_{-1} = 0, p_0 = a(0), q_0 = 1.
///
/// An interlaced fraction of period k has k polynomials per side: a(n) = aParts[n mod k](n), and the
/// same for b with its own period. Parts that repeat with a shorter period are stored at that period, so
/// `PCF(2n+1 | 2n+1, n^2)` and `PCF(2n+1, n^2)` are one value.
public struct PCF: Hashable, Sendable {
    public let aParts: [Polynomial]
    public let bParts: [Polynomial]

    public var isInterlaced: Bool { aParts.count > 1 || bParts.count > 1 }

    public init(a: Polynomial, b: Polynomial) {
        aParts = [a]
        bParts = [b]
    }

    public init(aParts: [Polynomial], bParts: [Polynomial]) {
        precondition(!aParts.isEmpty && !bParts.isEmpty, "a PCF needs at least one polynomial per side")
        self.aParts = shortestPeriod(aParts)
        self.bParts = shortestPeriod(bParts)
    }

    public init(a: [Int], b: [Int]) { self.init(a: Polynomial(a), b: Polynomial(b)) }

    /// The polynomial that gives a(n), b(n) at this n.
    @inline(__always) public func aPolynomial(at n: Int) -> Polynomial { aParts.count == 1 ? aParts[0] : aParts[n % aParts.count] }
    @inline(__always) public func bPolynomial(at n: Int) -> Polynomial { bParts.count == 1 ? bParts[0] : bParts[n % bParts.count] }
    /// a(n) and b(n), whatever the period.
    public func a(_ n: Int) -> BigInt { aPolynomial(at: n)(n) }
    public func b(_ n: Int) -> BigInt { bPolynomial(at: n)(n) }

    /// How the convergents approach the limit, from the degrees and leading coefficients (docs/ALGORITHMS.md §1).
    public enum ConvergenceClass: String, Codable, Sendable {
        /// deg b < 2 deg a: the error falls like a factorial (the e family).
        case factorial
        /// deg b = 2 deg a and lead(a)^2 + 4 lead(b) > 0: a fixed number of digits per term.
        case exponential
        /// deg b = 2 deg a and lead(a)^2 + 4 lead(b) = 0: sub-exponential or polynomial.
        case parabolic
        /// deg b = 2 deg a and lead(a)^2 + 4 lead(b) < 0: complex eigenvalues, usually no convergence.
        case complexEigenvalues = "complex-eigenvalues"
        /// deg b > 2 deg a: polynomial convergence at best.
        case polynomial
        /// b = 0: the fraction stops after a(0).
        case terminating
    }

    /// For interlaced fractions the degrees are the largest over the parts, and the discriminant is that of
    /// the product of the leading step matrices [[0, lead b_j], [1, lead a_j]] over one full period
    /// (trace^2 - 4 det, which is lead(a)^2 + 4 lead(b) for one part).
    public var convergenceClass: ConvergenceClass {
        if bParts.allSatisfy(\.isZero) { return .terminating }
        let degreeA = aParts.filter { !$0.isZero }.map(\.degree).max() ?? Int.min / 4
        let degreeB = bParts.filter { !$0.isZero }.map(\.degree).max()!
        if degreeB < 2 * degreeA { return .factorial }
        if degreeB > 2 * degreeA { return .polynomial }
        func lead(_ p: Polynomial, _ degree: Int) -> BigInt { p.isZero || p.degree < degree ? .zero : p.leadingCoefficient }
        let period = lcm(aParts.count, bParts.count)
        var product = Matrix2.identity
        for j in 0..<period {
            product = product * Matrix2(0, lead(bParts[j % bParts.count], degreeB), 1, lead(aParts[j % aParts.count], degreeA))
        }
        let trace = product.m00 + product.m11
        let determinant = product.m00 * product.m11 - product.m01 * product.m10
        switch (trace * trace - determinant * 4).signum {
        case 1: return .exponential
        case 0: return .parabolic
        default: return .complexEigenvalues
        }
    }

    /// The first n >= 1 with b(n) = 0, where the fraction terminates and its value is rational.
    public var terminationIndex: Int? {
        var first: Int?
        for (j, part) in bParts.enumerated() {
            let k = bParts.count
            let start = j == 0 ? k : j  // n >= 1 with n = j (mod k)
            if part.isZero { first = min(first ?? start, start); continue }
            // A positive integer root lies below the Cauchy bound 1 + max |b_i / lead(b)|.
            let lead = part.leadingCoefficient.magnitude
            let largest = part.coefficients.dropLast().map(\.magnitude).max() ?? .zero
            let bound = (largest / lead).asInt.map { min($0 + 1, 1 << 24) } ?? (1 << 24)
            if let n = stride(from: start, through: max(bound, start), by: k).first(where: { part($0).isZero }) {
                first = min(first ?? n, n)
            }
        }
        return first
    }
}

/// The parts of an interlaced sequence at the shortest period that repeats them.
public func shortestPeriod<Part: Equatable>(_ parts: [Part]) -> [Part] {
    let k = parts.count
    let period = (1...k).first { p in k % p == 0 && (0..<k).allSatisfy { parts[$0] == parts[$0 % p] } } ?? k
    return Array(parts.prefix(period))
}

func lcm(_ x: Int, _ y: Int) -> Int { x / Int.gcd(x, y) * y }

extension PCF: CustomStringConvertible {
    /// `PCF(34n^3 + 51n^2 + 27n + 5, -n^6)`, interlaced parts separated by `|`, which `init(parsing:)` reads back.
    public var description: String {
        "PCF(\(aParts.map(\.description).joined(separator: " | ")), \(bParts.map(\.description).joined(separator: " | ")))"
    }

    /// The fraction as ramanujantools writes it, `PCF(34*n**3 + 51*n**2 + 27*n + 5, -n**6)` (with sympy's n);
    /// nil for an interlaced fraction, which it has no constructor for.
    public var python: String? {
        aParts.count == 1 && bParts.count == 1 ? "PCF(\(aParts[0].python), \(bParts[0].python))" : nil
    }

    /// The coefficient lists of a's parts, `[5, 27, 51, 34]` or `[2] | [1]`: what the store keeps.
    public var aCoefficients: String { aParts.map(\.coefficientList).joined(separator: " | ") }
    public var bCoefficients: String { bParts.map(\.coefficientList).joined(separator: " | ") }
}

extension PCF {
    /// Reads `PCF(a, b)` with polynomials in n or coefficient lists (lowest degree first):
    /// `PCF(34n^3+51n^2+27n+5, -n^6)` or `PCF([5, 27, 51, 34], [0, 0, 0, 0, 0, 0, -1])`; an interlaced
    /// fraction lists its parts with `|`: `PCF(2n+2, n^2 | (n+1)^2)`.
    public init(parsing text: String) throws {
        var stream = try TokenStream(text)
        self = try PCF.parse(&stream)
        try stream.expectEnd()
    }

    /// Whether the stream is at the start of a PCF.
    public static func isAtStart(_ stream: TokenStream) -> Bool {
        if case .identifier(let name) = stream.current.kind, name.lowercased() == "pcf", stream.next.kind == .symbol("(") { return true }
        return false
    }

    public static func parse(_ stream: inout TokenStream) throws -> PCF {
        guard isAtStart(stream) else {
            throw ParseError("expected 'PCF(a, b)' but found \(stream.describe(stream.current))", column: stream.current.column)
        }
        stream.advance()
        try stream.expect("(")
        let a = try parts(&stream)
        try stream.expect(",")
        let b = try parts(&stream)
        try stream.expect(")")
        return PCF(aParts: a, bParts: b)
    }

    /// Polynomials separated by `|`.
    static func parts(_ stream: inout TokenStream) throws -> [Polynomial] {
        var parts = [try Polynomial.parse(&stream)]
        while stream.accept("|") { parts.append(try Polynomial.parse(&stream)) }
        return parts
    }
}
