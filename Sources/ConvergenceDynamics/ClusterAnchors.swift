import Expressions
import Formulas
import Numbers
import Relations

/// A PCF whose limit is known as a Moebius form (numerator · (1, K...)) / (denominator · (1, K...)) of
/// library constants: it names the cluster it falls in.
public struct Anchor: Sendable {
    public let pcf: PCF
    public let constants: [Expression]
    public let numerator: [BigInt]
    public let denominator: [BigInt]

    public init(pcf: PCF, constants: [Expression], numerator: [BigInt], denominator: [BigInt]) {
        self.pcf = pcf; self.constants = constants; self.numerator = numerator; self.denominator = denominator
    }

    public var closedForm: Expression? { moebiusClosedForm(numerator: numerator, denominator: denominator, basis: constants) }

    /// The anchor of a Moebius identification (a relation on [1, K..., x, x K...]); nil for other kinds.
    public init?(pcf: PCF, identification: Identification) {
        guard identification.kind == .moebius else { return nil }
        let r = identification.relation.coefficients, m = identification.basis.count
        self.init(pcf: pcf, constants: identification.basis, numerator: Array(r[0...m]), denominator: r[(m + 1)...].map { -$0 })
    }
}

/// A member of a cluster tied to an anchor by a degree-2 relation a + b x + c y + d x y = 0 (x the member's
/// limit, y the anchor's): x = -(a + c y) / (b + d y), so x is a Moebius form of the anchor's constants too.
public struct AnchoredFormula: Sendable {
    public let pcf: PCF
    public let anchor: Anchor
    /// (a, b, c, d) on [1, x, y, x y].
    public let relation: [BigInt]
    public let numerator: [BigInt]
    public let denominator: [BigInt]
    public let confirmedDigits: Int

    public var closedForm: Expression? { moebiusClosedForm(numerator: numerator, denominator: denominator, basis: anchor.constants) }
}

/// The relation tests of docs/ALGORITHMS.md §5: screen at 50 digits with limits at depth 1000, confirm at 150
/// digits with limits at depth 2000; a limit takes part only when its own convergents show it is that
/// accurate (the convergents at half and full depth agree beyond those digits).
public struct AnchorRelations: Sendable {
    public var screenDigits = 50
    public var screenDepth = 1000
    public var confirmDigits = 150
    public var confirmDepth = 2000

    public init() {}

    /// A limit known to `screenDigits` and `confirmDigits` (each nil when the convergents are too slow).
    public struct Limits: Sendable {
        public let screen: BigFloat?
        public let confirm: BigFloat?
    }

    public func limits(of pcf: PCF) -> Limits {
        if let stop = pcf.terminationIndex, stop <= confirmDepth { return Limits(screen: nil, confirm: nil) }
        let half = pcf.convergents(depth: screenDepth / 2)
        let screen = pcf.extend(half, to: screenDepth)
        let threeQuarters = pcf.extend(screen, to: (screenDepth + confirmDepth) / 2)
        let confirm = pcf.extend(threeQuarters, to: confirmDepth)
        func agree(_ x: Convergents, _ y: Convergents, digits: Int) -> Bool {
            guard let distance = log10Distance(x.p, x.q, y.p, y.q) else { return false }
            return distance <= -Double(digits + 5)
        }
        return Limits(
            screen: agree(half, screen, digits: screenDigits) ? screen.value(precision: bits(forDigits: screenDigits + 20)) : nil,
            confirm: agree(threeQuarters, confirm, digits: confirmDigits) ? confirm.value(precision: bits(forDigits: confirmDigits + 20)) : nil)
    }

    /// The member's closed form through the anchor, when a degree-2 relation ties their limits.
    public func relate(_ member: PCF, _ x: Limits, to anchor: Anchor, _ y: Limits) -> AnchoredFormula? {
        guard let r = relation(x, y) else { return nil }
        // y = N·v / D·v with v = (1, K...); x = -(a D·v + c N·v) / (b D·v + d N·v).
        let numerator = zip(anchor.denominator, anchor.numerator).map { -(r[0] * $0 + r[2] * $1) }
        let denominator = zip(anchor.denominator, anchor.numerator).map { r[1] * $0 + r[3] * $1 }
        let result = AnchoredFormula(pcf: member, anchor: anchor, relation: r, numerator: numerator, denominator: denominator,
                                     confirmedDigits: confirmDigits)
        return result.closedForm == nil ? nil : result
    }

    /// (a, b, c, d) with a + b x + c y + d x y = 0, found at the screen digits and confirmed at the confirm digits.
    public func relation(_ x: Limits, _ y: Limits) -> [BigInt]? {
        guard let xs = x.screen, let ys = y.screen, let xc = x.confirm, let yc = y.confirm else { return nil }
        let screenBits = bits(forDigits: screenDigits), confirmBits = bits(forDigits: confirmDigits)
        func terms(_ x: BigFloat, _ y: BigFloat) -> [BigFloat] { [BigFloat(1, precision: x.precision), x, y, x * y] }
        guard let found = IntegerRelationFinder.find(terms(xs, ys), bits: screenBits) else { return nil }
        let r = found.coefficients
        // Both limits must take part: a relation without y says x is rational, one without x that y is, and one
        // that factors, (b + d y)(x - x0) with a d = b c, holds for a rational x whatever y is.
        guard !(r[1].isZero && r[3].isZero), !(r[2].isZero && r[3].isZero), r[0] * r[3] != r[1] * r[2] else { return nil }
        let check = IntegerRelationFinder.relation(r, terms(xc, yc), trustedBits: confirmBits)
        guard IntegerRelationFinder.holds(found, for: terms(xc, yc), bits: confirmBits),
              check.explainedBits >= Double(bits(forDigits: screenDigits)) else { return nil }
        return r
    }
}
