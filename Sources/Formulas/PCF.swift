import Numbers

/// A polynomial continued fraction a(0) + b(1)/(a(1) + b(2)/(a(2) + ...)), the field's convention:
/// b(0) is never used, convergents satisfy p_n = a(n) p_{n-1} + b(n) p_{n-2} (same for q) with
/// p_{-1} = 1, q_{-1} = 0, p_0 = a(0), q_0 = 1.
public struct PCF: Hashable, Sendable {
    public let a: Polynomial
    public let b: Polynomial

    public init(a: Polynomial, b: Polynomial) {
        self.a = a
        self.b = b
    }

    public init(a: [Int], b: [Int]) { self.init(a: Polynomial(a), b: Polynomial(b)) }

    /// How the convergents approach the limit, from the degrees and leading coefficients (algorithms.md §1).
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

    public var convergenceClass: ConvergenceClass {
        if b.isZero { return .terminating }
        let degreeA = a.isZero ? Int.min / 4 : a.degree
        if b.degree < 2 * degreeA { return .factorial }
        if b.degree > 2 * degreeA { return .polynomial }
        let discriminant = a.leadingCoefficient * a.leadingCoefficient + b.leadingCoefficient * 4
        switch discriminant.signum {
        case 1: return .exponential
        case 0: return .parabolic
        default: return .complexEigenvalues
        }
    }

    /// The first n >= 1 with b(n) = 0, where the fraction terminates and its value is rational.
    public var terminationIndex: Int? {
        if b.isZero { return 1 }
        // A positive integer root lies below the Cauchy bound 1 + max |b_i / lead(b)|.
        let lead = b.leadingCoefficient.magnitude
        let largest = b.coefficients.dropLast().map(\.magnitude).max() ?? .zero
        let bound = (largest / lead).asInt.map { min($0 + 1, 1 << 24) } ?? (1 << 24)
        return (1...max(bound, 1)).first { b($0).isZero }
    }
}

extension PCF: CustomStringConvertible {
    /// `PCF(34n^3 + 51n^2 + 27n + 5, -n^6)`, which `init(parsing:)` reads back.
    public var description: String { "PCF(\(a), \(b))" }
}

extension PCF {
    /// Reads `PCF(a, b)` with polynomials in n or coefficient lists (lowest degree first):
    /// `PCF(34n^3+51n^2+27n+5, -n^6)` or `PCF([5, 27, 51, 34], [0, 0, 0, 0, 0, 0, -1])`.
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
        let a = try Polynomial.parse(&stream)
        try stream.expect(",")
        let b = try Polynomial.parse(&stream)
        try stream.expect(")")
        return PCF(a: a, b: b)
    }
}
