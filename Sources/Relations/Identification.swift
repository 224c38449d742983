import Expressions
import Numbers

/// A closed form found for a number, with the integer relation behind it.
public struct Identification: Sendable {
    public enum Kind: String, Sendable, Codable {
        case rational, quadratic, linear
        /// (c · (1, K...)) / (d · (1, K...)): a Moebius transform of one constant, or its analogue for several.
        case moebius
    }

    public let kind: Kind
    public let closedForm: Expression
    /// The constants K_1..K_m the closed form uses.
    public let basis: [Expression]
    /// The relation and the names of the numbers it relates, such as ["1", "pi", "x", "x*pi"].
    public let relation: IntegerRelation
    public let terms: [String]
    /// Digits at which the relation was found, and the (higher) digits at which it was confirmed.
    public let detectedDigits: Int
    public let confirmedDigits: Int
}

/// Why identification could not be attempted.
public struct IdentificationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Finds closed forms of a number against the constants library: the number is first tested for being
/// rational or a quadratic irrational, then for a Moebius form over each basis. A relation is found at
/// `detectionDigits` with the explained-versus-cost guard, and kept only if it still holds at
/// `confirmationDigits` (twice as many by default).
public struct Identifier {
    /// Bases tried one by one; each is a list of constants K_1..K_m.
    public var bases: [[Expression]]
    public var detectionDigits: Int
    public var confirmationDigits: Int

    public init(bases: [[Expression]] = Identifier.defaultBases, detectionDigits: Int = 60, confirmationDigits: Int? = nil) {
        self.bases = bases
        self.detectionDigits = detectionDigits
        self.confirmationDigits = confirmationDigits ?? 2 * detectionDigits
    }

    /// Single constants, and pairs whose ratios arise together (Bessel functions of one argument).
    public static let defaultBases: [[Expression]] = {
        let singles = ["pi", "pi**2", "e", "e**2", "exp(1/2)", "exp(1/3)", "log(2)", "log(3)", "euler", "catalan", "zeta(3)", "zeta(5)",
                       "cbrt(2)", "gompertz", "gauss", "lemniscate", "gamma(1/4)", "gamma(1/3)", "khinchin", "glaisher",
                       "tan(1)", "sqrt(pi)", "pi*sqrt(3)", "pi*log(2)", "log(1+sqrt(2))"]
        let pairs = [["besseli(0,2)", "besseli(1,2)"], ["besseli(0,1)", "besseli(1,1)"],
                     ["besselj(0,2)", "besselj(1,2)"], ["besselj(0,1)", "besselj(1,1)"],
                     ["pi", "log(2)"], ["zeta(3)", "pi**2"]]
        return (singles.map { [$0] } + pairs).map { $0.map { try! Expression(parsing: $0) } }
    }()

    /// The closed forms of x, simplest first; empty when no relation is found and confirmed.
    /// `value(digits)` must return x correct to at least that many significant digits.
    public func identify(_ value: (Int) throws -> BigFloat) throws -> [Identification] {
        let detectBits = bits(forDigits: detectionDigits)
        let confirmBits = bits(forDigits: confirmationDigits)
        let x = try value(confirmationDigits + 10)
        let detectX = x.rounded(toPrecision: detectBits + 32)
        var found: [Identification] = []

        func attempt(_ kind: Identification.Kind, basis: [Expression], terms: [String],
                     values: ([BigFloat], [BigFloat]), closedForm: (IntegerRelation) -> Expression?) {
            guard let relation = IntegerRelationFinder.find(values.0, bits: detectBits),
                  IntegerRelationFinder.holds(relation, for: values.1, bits: confirmBits),
                  let form = closedForm(relation) else { return }
            found.append(Identification(kind: kind, closedForm: form, basis: basis, relation: relation, terms: terms,
                                        detectedDigits: detectionDigits, confirmedDigits: confirmationDigits))
        }

        let one = BigFloat(1, precision: confirmBits + 32)
        let square = x * x
        attempt(.rational, basis: [], terms: ["1", "x"], values: ([one, detectX], [one, x])) { r in
            r.coefficients[1].isZero ? nil : .number(Rational(-r.coefficients[0], r.coefficients[1]))
        }
        if found.isEmpty {
            attempt(.quadratic, basis: [], terms: ["1", "x", "x**2"],
                    values: ([one, detectX, square].map { $0.rounded(toPrecision: detectBits + 32) }, [one, x, square])) { r in
                quadraticRoot(r.coefficients, near: x)
            }
        }
        if found.isEmpty {
            for basis in bases {
                let constants = try basis.map { try $0.evaluate(precision: confirmBits + 32) }
                let names = basis.map(\.description)
                let lower = [one] + constants
                let upper = lower.map { x * $0 }
                let terms = ["1"] + names + ["x"] + names.map { "x*" + parenthesized($0) }
                attempt(.moebius, basis: basis, terms: terms,
                        values: ((lower + upper).map { $0.rounded(toPrecision: detectBits + 32) }, lower + upper)) { r in
                    moebiusForm(r.coefficients, basis: basis)
                }
            }
        }
        return Identifier.simplestFirst(found)
    }

    /// Sorted by the bits the relation costs, one entry per closed form.
    public static func simplestFirst(_ identifications: [Identification]) -> [Identification] {
        var seen = Set<String>()
        return identifications.sorted { $0.relation.costBits < $1.relation.costBits }
            .filter { seen.insert($0.closedForm.description).inserted }
    }

    /// Tests x against a linear combination of the constants: x = c_0 + sum c_i K_i (rational c).
    public func identifyLinear(_ value: (Int) throws -> BigFloat, constants: [Expression]) throws -> Identification? {
        let detectBits = bits(forDigits: detectionDigits)
        let confirmBits = bits(forDigits: confirmationDigits)
        let x = try value(confirmationDigits + 10)
        let values = [x, BigFloat(1, precision: confirmBits + 32)] + (try constants.map { try $0.evaluate(precision: confirmBits + 32) })
        guard let relation = IntegerRelationFinder.find(values.map { $0.rounded(toPrecision: detectBits + 32) }, bits: detectBits),
              IntegerRelationFinder.holds(relation, for: values, bits: confirmBits),
              !relation.coefficients[0].isZero else { return nil }
        // c_x x + c_0 + sum c_i K_i = 0  =>  x = -(c_0 + sum c_i K_i) / c_x.
        let numerator = linearCombination(relation.coefficients.dropFirst().map { -$0 }, basis: constants)
        let form = divide(numerator, by: relation.coefficients[0])
        return Identification(kind: .linear, closedForm: form, basis: constants, relation: relation,
                              terms: ["x", "1"] + constants.map(\.description),
                              detectedDigits: detectionDigits, confirmedDigits: confirmationDigits)
    }
}

// MARK: - Closed forms from relations

/// sum_i c_i K_i with K_0 = 1, constants first and the integer term last (`3*pi - 8`), except that a
/// positive term leads when the first would be negative (`3 - pi`, not `-pi + 3`).
func linearCombination(_ coefficients: [BigInt], basis: [Expression]) -> Expression {
    var terms: [(BigInt, Expression?)] = zip(coefficients.dropFirst(), basis).map { ($0, $1) }.filter { !$0.0.isZero }
    if !coefficients[0].isZero { terms.append((coefficients[0], nil)) }
    if let firstPositive = terms.firstIndex(where: { $0.0.signum > 0 }), firstPositive > 0 {
        terms.insert(terms.remove(at: firstPositive), at: 0)
    }
    var result: Expression?
    for (c, k) in terms {
        let magnitude = c.magnitude
        let term: Expression = k.map { magnitude == .one ? $0 : .multiply(.number(Rational(magnitude)), $0) } ?? .number(Rational(magnitude))
        if let sum = result { result = c.signum < 0 ? .subtract(sum, term) : .add(sum, term) }
        else { result = c.signum < 0 ? .negate(term) : term }
    }
    return result ?? .number(.zero)
}

/// e / d for a nonzero integer d.
func divide(_ e: Expression, by d: BigInt) -> Expression {
    if d == .one { return e }
    if d == -BigInt.one { return .negate(e) }
    return d.signum < 0 ? .negate(.divide(e, .number(Rational(d.magnitude)))) : .divide(e, .number(Rational(d)))
}

/// x = (c · (1, K)) / (d · (1, K)) from a relation on [1, K..., x, x K...]; nil when degenerate.
func moebiusForm(_ r: [BigInt], basis: [Expression]) -> Expression? {
    let m = basis.count
    return moebiusClosedForm(numerator: Array(r[0...m]), denominator: Array(r[(m + 1)...]).map { -$0 }, basis: basis)
}

/// The closed form (c · (1, K_1, ..., K_m)) / (d · (1, K_1, ..., K_m)) in lowest terms and readable signs;
/// nil when it is degenerate (no constant involved, d = 0, or c proportional to d, which makes it rational).
public func moebiusClosedForm(numerator: [BigInt], denominator: [BigInt], basis: [Expression]) -> Expression? {
    let m = basis.count
    var c = numerator, d = denominator
    // Degenerate: no x (a relation among the constants) or no constant (x rational).
    guard d.contains(where: { !$0.isZero }), (c.dropFirst() + d.dropFirst()).contains(where: { !$0.isZero }) else { return nil }
    // c proportional to d would make x rational.
    let proportional = (0...m).allSatisfy { i in ((i + 1)..<(m + 1)).allSatisfy { j in c[i] * d[j] == c[j] * d[i] } }
    guard !proportional else { return nil }
    let divisor = (c + d).reduce(BigInt.zero) { BigInt.gcd($0, $1) }
    // Signs: a positive numerator when it is a single term (69/(3 - pi)) unless the denominator would be
    // all negative (-2/(pi + 4), not 2/(-pi - 4)); else a denominator whose constant part leads positive.
    let numeratorTerms = c.filter { !$0.isZero }
    let denominatorLead = d.dropFirst().first { !$0.isZero } ?? d[0]
    var lead = denominatorLead
    if numeratorTerms.count == 1, d.contains(where: { ($0 * numeratorTerms[0]).signum > 0 }) { lead = numeratorTerms[0] }
    let sign = lead.signum < 0 ? -BigInt.one : BigInt.one
    c = c.map { ($0 * sign).exactlyDivided(by: divisor) }
    d = d.map { ($0 * sign).exactlyDivided(by: divisor) }
    let numerator = linearCombination(c, basis: basis)
    if d.dropFirst().allSatisfy(\.isZero) { return divide(numerator, by: d[0]) }
    return .divide(numerator, linearCombination(d, basis: basis))
}

/// The root of a x^2 + b x + c = 0 (coefficients [c, b, a]) nearest x, as (p + q sqrt(r))/s.
func quadraticRoot(_ coefficients: [BigInt], near x: BigFloat) -> Expression? {
    let (c, b, a) = (coefficients[0], coefficients[1], coefficients[2])
    guard !a.isZero else { return nil }
    let discriminant = b * b - a * c * 4
    guard discriminant.signum > 0, !discriminant.isPerfectSquare else { return nil }
    // sqrt(D) = k sqrt(r) with r squarefree (trial division is enough for the small D of real relations).
    var k = BigInt.one, r = discriminant
    var f = 2
    while BigInt(f * f) <= r && f < 100_000 {
        let square = BigInt(f * f)
        if (r % square).isZero { r = r / square; k = k * BigInt(f) } else { f += 1 }
    }
    // The two roots are (-b ± sqrt D)/(2a); keep the one nearest x.
    let precision = x.precision
    let root = BigFloat(discriminant, precision: precision).squareRoot
    let minusB = BigFloat(-b, precision: precision), twoA = BigFloat(a * 2, precision: precision)
    let sign = ((minusB + root) / twoA - x).magnitude <= ((minusB - root) / twoA - x).magnitude ? 1 : -1
    var p = -b, q = k * BigInt(sign), s = a * 2
    let divisor = BigInt.gcd(BigInt.gcd(p, q), s)
    p = p.exactlyDivided(by: divisor); q = q.exactlyDivided(by: divisor); s = s.exactlyDivided(by: divisor)
    if s.signum < 0 { p = -p; q = -q; s = -s }
    let surd: Expression = .call("sqrt", [.number(Rational(r))])
    let numerator = linearCombination([p, q], basis: [surd])
    return s == .one ? numerator : .divide(numerator, .number(Rational(s)))
}

func parenthesized(_ text: String) -> String {
    text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "(" || $0 == ")" || $0 == "," } ? text : "(" + text + ")"
}
