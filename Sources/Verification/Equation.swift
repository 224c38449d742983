import Expressions
import Formulas
import Numbers

/// A conjectured identity "PCF(a, b) = closed form" (either side may come first).
public struct Equation: Sendable {
    public let formula: PCF
    public let closedForm: Expression

    public init(formula: PCF, closedForm: Expression) {
        self.formula = formula
        self.closedForm = closedForm
    }

    public init(parsing text: String) throws {
        var stream = try TokenStream(text)
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
    }
}

extension Equation: CustomStringConvertible {
    public var description: String { "\(formula) = \(closedForm)" }
}
