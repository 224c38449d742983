import Expressions
import Formulas
import Numbers

/// A conjectured identity "PCF(a, b) = closed form" or "CF[pattern] = closed form" (either side may come first).
///
/// A CF pattern is checked through its tail: with x = (T p + s p')/(T q + s q') after the head (see
/// CFPattern.headMatrix) and the tail PCF equal to D·T, the identity x = X is the identity
/// PCF = D s (p' - q' X)/(q X - p), which `formula` and `closedForm` then state.
public struct Equation: Sendable {
    public let formula: PCF
    public let closedForm: Expression
    /// The pattern and the closed form as written, when the equation is about a CF pattern.
    public let pattern: CFPattern?
    public let statedClosedForm: Expression

    public init(formula: PCF, closedForm: Expression) {
        self.formula = formula
        self.closedForm = closedForm
        pattern = nil
        statedClosedForm = closedForm
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
        let formula: PCF, closedForm: Expression
        guard text.contains("=") else {
            throw ParseError("expected an equation 'PCF(a, b) = <expression>'", column: 1)
        }
        if PCF.isAtStart(stream) {
            formula = try PCF.parse(&stream)
            try stream.expect("=")
            closedForm = try Expression.parse(&stream)
        } else {
            closedForm = try Expression.parse(&stream)
            try stream.expect("=")
            formula = try PCF.parse(&stream)
        }
        try stream.expectEnd()
        self.init(formula: formula, closedForm: closedForm)
    }
}

extension Equation {
    /// The value of the formula as the user wrote it, from the value of the PCF that was checked: for a CF
    /// pattern, the head applied to the tail (x = (T p + s p')/(T q + s q'), T = PCF / D); else the PCF's value.
    public func statedValue(fromChecked value: BigFloat) -> BigFloat {
        guard let pattern else { return value }
        let (_, scale) = pattern.tail
        let precision = value.precision
        let t = value / BigFloat(scale, precision: precision)
        if pattern.head.isEmpty { return t }
        let h = pattern.headMatrix
        let s = BigInt(h.sign)
        return (t * h.p + BigFloat(s * h.previousP, precision: precision)) / (t * h.q + BigFloat(s * h.previousQ, precision: precision))
    }

    /// The PCF and closed form that were checked, when they differ from what the user wrote (a CF pattern).
    public var checkedEquation: String? { pattern == nil ? nil : "\(formula) = \(closedForm)" }
}

extension Equation: CustomStringConvertible {
    public var description: String { pattern.map { "\($0) = \(statedClosedForm)" } ?? "\(formula) = \(closedForm)" }
}
