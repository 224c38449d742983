import Expressions
import Formulas
import Numbers

/// A conjectured identity "PCF(a, b) = closed form" or "CF[pattern] = closed form" (either side may come first).
///
/// A PCF inside an expression, `tan(1) = 1/PCF(2n+1, -1)`, is isolated when it occurs once on its side under
/// + - * / only: the identity checked is then PCF(2n+1, -1) = 1/tan(1).
///
/// A CF pattern is checked through its tail: with x = (T p + s p')/(T q + s q') after the head (see
/// CFPattern.headMatrix) and the tail PCF equal to D·T, the identity x = X is the identity
/// PCF = D s (p' - q' X)/(q X - p), which `formula` and `closedForm` then state.
public struct Equation: Sendable {
    public let formula: PCF
    public let closedForm: Expression
    /// The pattern and the closed form as written, when the equation is about a CF pattern.
    public let pattern: CFPattern?
    /// The side that holds the PCF as written, when the PCF is not alone on it.
    public let statedFormula: Expression?
    public let statedClosedForm: Expression

    public init(formula: PCF, closedForm: Expression) {
        self.formula = formula
        self.closedForm = closedForm
        pattern = nil
        statedFormula = nil
        statedClosedForm = closedForm
    }

    /// `side = other`, where `side` holds the PCF once under + - * / (see `isolating`).
    init(side: Expression, other: Expression) throws {
        guard let (pcf, closedForm) = Equation.isolating(side, equalTo: other) else {
            throw ParseError("the PCF must occur once on its side, under + - * / only, to be checked: \(side)", column: 1)
        }
        formula = pcf
        self.closedForm = closedForm
        pattern = nil
        if case .pcf = side { statedFormula = nil } else { statedFormula = side }
        statedClosedForm = other
    }

    public init(pattern: CFPattern, closedForm: Expression) throws {
        self.pattern = pattern
        statedClosedForm = closedForm
        let (pcf, scale) = pattern.tail
        let h = pattern.headMatrix
        let x = "(\(closedForm))"
        // c0 + c1 X, without zero terms or unit factors, so that "checked as" reads well.
        func linear(_ c0: BigInt, _ c1: BigInt) -> String {
            let term = c1 == .one ? x : (c1 == -BigInt.one ? "-\(x)" : "(\(c1))*\(x)")
            if c1.isZero { return "(\(c0))" }
            return c0.isZero ? term : "(\(c0)) + \(term)"
        }
        // No head: the tail is x itself.
        let text = pattern.head.isEmpty ? (scale == .one ? x : "(\(scale))*\(x)")
            : "(\(scale * BigInt(h.sign)))*(\(linear(h.previousP, -h.previousQ)))/(\(linear(-h.p, h.q)))"
        formula = pcf
        self.closedForm = try Expression(parsing: text)
        statedFormula = nil
    }

    public init(parsing text: String) throws {
        if text.lowercased().contains("cf[") {
            let sides = text.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard sides.count == 2 else { throw ParseError("expected an equation 'CF[...] = <expression>'", column: 1) }
            let (patternSide, other) = CFPattern.isPattern(sides[0]) ? (sides[0], sides[1]) : (sides[1], sides[0])
            try self.init(pattern: try CFPattern(parsing: patternSide), closedForm: try Expression(parsing: other))
            return
        }
        var stream = try TokenStream(text)
        guard text.contains("=") else {
            throw ParseError("expected an equation 'PCF(a, b) = <expression>'", column: 1)
        }
        let left = try Expression.parse(&stream)
        try stream.expect("=")
        let right = try Expression.parse(&stream)
        try stream.expectEnd()
        // The side with the PCF alone, else the first side whose PCF can be isolated.
        if case .pcf = left { try self.init(side: left, other: right) }
        else if case .pcf = right { try self.init(side: right, other: left) }
        else if !left.formulas.isEmpty, Equation.isolating(left, equalTo: right) != nil { try self.init(side: left, other: right) }
        else if !right.formulas.isEmpty { try self.init(side: right, other: left) }
        else if !left.formulas.isEmpty { try self.init(side: left, other: right) }
        else { throw ParseError("expected a PCF(a, b) or a CF[...] pattern in the equation", column: 1) }
    }

    /// The PCF in `side` and the closed form it equals when side = other, undoing + - * / step by step; nil
    /// unless `side` holds exactly one PCF, once, under those operations.
    static func isolating(_ side: Expression, equalTo other: Expression) -> (PCF, Expression)? {
        guard side.formulas.count == 1 else { return nil }
        var occurrences = 0
        _ = side.replacingFormulas { occurrences += 1; return .pcf($0) }
        guard occurrences == 1 else { return nil }
        func isolate(_ e: Expression, _ target: Expression) -> (PCF, Expression)? {
            func holds(_ x: Expression) -> Bool { !x.formulas.isEmpty }
            switch e {
            case .pcf(let pcf): return (pcf, target)
            case .negate(let x): return isolate(x, .negate(target))
            case .add(let l, let r): return holds(l) ? isolate(l, target - r) : isolate(r, target - l)
            case .subtract(let l, let r): return holds(l) ? isolate(l, target + r) : isolate(r, l - target)
            case .multiply(let l, let r): return holds(l) ? isolate(l, target / r) : isolate(r, target / l)
            case .divide(let l, let r): return holds(l) ? isolate(l, target * r) : isolate(r, l / target)
            case .number, .constant, .power, .call: return nil
            }
        }
        return isolate(side, other)
    }
}

extension Equation {
    /// The value of the formula as the user wrote it, from the value of the PCF that was checked: for a CF
    /// pattern, the head applied to the tail (x = (T p + s p')/(T q + s q'), T = PCF / D); else the PCF's value.
    public func statedValue(fromChecked value: BigFloat) throws -> BigFloat {
        if let statedFormula, let exact = value.exactRational {
            return try statedFormula.replacingFormulas { _ in .number(exact) }.evaluate(precision: value.precision)
        }
        guard let pattern else { return value }
        let (_, scale) = pattern.tail
        let precision = value.precision
        let t = value / BigFloat(scale, precision: precision)
        if pattern.head.isEmpty { return t }
        let h = pattern.headMatrix
        let s = BigInt(h.sign)
        return (t * h.p + BigFloat(s * h.previousP, precision: precision)) / (t * h.q + BigFloat(s * h.previousQ, precision: precision))
    }

    /// The PCF and closed form that were checked, when they differ from what the user wrote (a CF pattern, or a
    /// PCF inside an expression).
    public var checkedEquation: String? { pattern == nil && statedFormula == nil ? nil : "\(formula) = \(closedForm)" }

    /// Why the checked equation differs from the stated one.
    public var checkedReason: String? {
        pattern != nil ? "the pattern's tail" : statedFormula != nil ? "the PCF alone" : nil
    }
}

extension Equation: CustomStringConvertible {
    public var description: String {
        if let pattern { return "\(pattern) = \(statedClosedForm)" }
        return "\(statedFormula.map(\.description) ?? formula.description) = \(statedClosedForm)"
    }
}
