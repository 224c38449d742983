import Foundation

/// What one output of a program computes, as a tree over the inputs (w, g, m, v, lr as they enter the step):
/// the form in which a rule is simplified algebraically and printed as mathematics.
public indirect enum UpdateExpression: Hashable, Sendable {
    case input(String)
    case constant(Double)
    case apply(OptimizerFunction, [UpdateExpression])

    /// The outputs (update, m, v) of a program as trees; an output never assigned is its input.
    public static func outputs(of program: OptimizerProgram) -> [UpdateExpression] {
        var values: [String: UpdateExpression] = [:]
        for name in OptimizerProgram.inputs { values[name] = .input(name) }
        for s in program.statements {
            let arguments = s.arguments.map { argument -> UpdateExpression in
                switch argument {
                case .variable(let name): return values[name]!
                case .constant(let c): return .constant(c)
                }
            }
            values[s.target] = UpdateExpression.apply(s.function, arguments).simplified
        }
        return program.outputs.map { values[$0]! }
    }

    public var inputs: Set<String> {
        switch self {
        case .input(let name): return [name]
        case .constant: return []
        case .apply(_, let arguments): return arguments.reduce(into: []) { $0.formUnion($1.inputs) }
        }
    }

    public var constantValue: Double? {
        if case .constant(let c) = self { return c }
        return nil
    }

    /// Whether the value is never negative (so dividing by it, where it is not 0, keeps the sign).
    var isNonNegative: Bool {
        switch self {
        case .constant(let c): return c >= 0
        case .apply(let f, _): return [.abs, .sqrt, .square, .exp].contains(f)
        case .input: return false
        }
    }

    /// One rewrite pass at the root, the arguments being simplified already. The rules are identities of the
    /// NaN-safe semantics away from zero divisors; `OptimizerProgram.simplified` checks the result numerically.
    var simplified: UpdateExpression {
        guard case .apply(let f, let args) = self else { return self }
        if let constants = Optional(args.compactMap(\.constantValue)), constants.count == args.count {
            return .constant(f.apply(constants[0], constants.count > 1 ? constants[1] : 0, constants.count > 2 ? constants[2] : 0))
        }
        let x = args[0], y = args.count > 1 ? args[1] : x
        switch f {
        case .add:
            if x.constantValue == 0 { return y }
            if y.constantValue == 0 { return x }
            // Like terms: a x + b x = (a + b) x.
            if let (p, a) = x.scaled, let (q, b) = y.scaled, p == q { return UpdateExpression.apply(.multiply, [p, .constant(a + b)]).simplified }
            // a x + b y with a + b = 1 is an interpolation.
            if let (p, a) = x.scaled, let (q, b) = y.scaled, abs(a + b - 1) < 1e-12 { return UpdateExpression.apply(.interp, [p, q, .constant(b)]).simplified }
        case .subtract:
            if y.constantValue == 0 { return x }
            if x == y { return .constant(0) }
            if let (p, a) = x.scaled, let (q, b) = y.scaled, p == q { return UpdateExpression.apply(.multiply, [p, .constant(a - b)]).simplified }
            if x.constantValue == 0 { return UpdateExpression.apply(.negate, [y]).simplified }
        case .multiply:
            if x.constantValue != nil, y.constantValue == nil { return UpdateExpression.apply(.multiply, [y, x]).simplified }
            if y.constantValue == 1 { return x }
            if y.constantValue == -1 { return UpdateExpression.apply(.negate, [x]).simplified }
            if case .apply(.multiply, let inner) = x, let c = inner[1].constantValue, let d = y.constantValue {
                return UpdateExpression.apply(.multiply, [inner[0], .constant(c * d)]).simplified
            }
            if x == y { return .apply(.square, [x]) }
            // Constant factors move outwards: x (y c) = (x y) c, and (x c) y = (x y) c.
            if y.constantValue == nil, case .apply(.multiply, let inner) = y, let c = inner[1].constantValue {
                return UpdateExpression.apply(.multiply, [UpdateExpression.apply(.multiply, [x, inner[0]]).simplified, .constant(c)]).simplified
            }
            if y.constantValue == nil, case .apply(.multiply, let inner) = x, let c = inner[1].constantValue {
                return UpdateExpression.apply(.multiply, [UpdateExpression.apply(.multiply, [inner[0], y]).simplified, .constant(c)]).simplified
            }
        case .divide:
            if let c = y.constantValue, c != 0 { return UpdateExpression.apply(.multiply, [x, .constant(1 / c)]).simplified }
            // x / (z c) = (x / z) / c, so that x / (|x| c) reads as sign(x) / c.
            if case .apply(.multiply, let inner) = y, let c = inner[1].constantValue, c != 0 {
                return UpdateExpression.apply(.multiply, [UpdateExpression.apply(.divide, [x, inner[0]]).simplified, .constant(1 / c)]).simplified
            }
            // x / |x| in any spelling is sign(x).
            if [UpdateExpression.apply(.abs, [x]), .apply(.sqrt, [.apply(.square, [x])])].contains(y) { return .apply(.sign, [x]) }
            if x == y { return .apply(.sign, [.apply(.abs, [x])]) }
            // x / sign(z) = x sign(z): both are 0 where z is (division by 0 gives 0).
            if case .apply(.sign, _) = y { return UpdateExpression.apply(.multiply, [x, y]).simplified }
        case .sqrt:
            if case .apply(.square, let inner) = x { return .apply(.abs, inner) }
            if case .apply(.abs, let inner) = x { return .apply(.sqrt, inner) }
            // √(z c) = √z √c for z >= 0 and c > 0.
            if case .apply(.multiply, let inner) = x, let c = inner[1].constantValue, c > 0, inner[0].isNonNegative {
                return UpdateExpression.apply(.multiply, [UpdateExpression.apply(.sqrt, [inner[0]]).simplified, .constant(c.squareRoot())]).simplified
            }
        case .square:
            if case .apply(let g, let inner) = x, g == .abs || g == .negate || g == .sqrt { return g == .sqrt ? .apply(.abs, inner) : .apply(.square, inner) }
        case .abs:
            if x.isNonNegative { return x }
            if case .apply(let g, let inner) = x, g == .negate { return .apply(.abs, inner) }
            // |z c| = |z| |c|.
            if case .apply(.multiply, let inner) = x, let c = inner[1].constantValue {
                return UpdateExpression.apply(.multiply, [UpdateExpression.apply(.abs, [inner[0]]).simplified, .constant(Swift.abs(c))]).simplified
            }
        case .sign:
            if case .apply(.sign, _) = x { return x }
            if case .apply(.multiply, let inner) = x, let c = inner[1].constantValue {
                return c > 0 ? UpdateExpression.apply(.sign, [inner[0]]).simplified : UpdateExpression.apply(.negate, [.apply(.sign, [inner[0]])]).simplified
            }
            if case .apply(.divide, let inner) = x, inner[1].isNonNegative { return UpdateExpression.apply(.sign, [inner[0]]).simplified }
            if case .apply(.interp, let inner) = x, let a = inner[2].constantValue, (0...1).contains(a), inner[0] == inner[1] { return .apply(.sign, [inner[0]]) }
        case .max, .min:
            if x == y { return x }
        case .clip:
            // x clamped to [-|x|, |x|] is x.
            if x == y { return x }
        case .negate:
            if case .apply(.negate, let inner) = x { return inner[0] }
        case .interp:
            let a = args[2].constantValue
            if a == 0 { return x }
            if a == 1 || x == y { return y }
            guard let a else { break }
            // interp(x, interp(x, z, b), a) = interp(x, z, ab); interp(interp(x, z, b), z, a) = interp(x, z, 1 - (1-a)(1-b)).
            if case .apply(.interp, let inner) = y, inner[0] == x, let b = inner[2].constantValue { return UpdateExpression.apply(.interp, [x, inner[1], .constant(a * b)]).simplified }
            if case .apply(.interp, let inner) = x, inner[1] == y, let b = inner[2].constantValue {
                return UpdateExpression.apply(.interp, [inner[0], y, .constant(1 - (1 - a) * (1 - b))]).simplified
            }
        default: break
        }
        return self
    }

    /// (x, c) when the expression is x * c (or x alone, c = 1).
    var scaled: (UpdateExpression, Double)? {
        if case .apply(.multiply, let args) = self, let c = args[1].constantValue { return (args[0], c) }
        if case .apply(.interp, _) = self { return nil }
        return constantValue == nil ? (self, 1) : nil
    }
}

extension UpdateExpression {
    /// How tightly an expression binds when printed: sums, products, and atoms (names, numbers, calls).
    public enum Binding: Int, Comparable, Sendable {
        case sum, product, atom
        public static func < (a: Binding, b: Binding) -> Bool { a.rawValue < b.rawValue }
    }

    public var binding: Binding {
        switch self {
        case .input: return .atom
        case .constant(let c): return c < 0 ? .sum : .atom
        case .apply(let f, let args):
            switch f {
            case .add, .subtract, .negate: return .sum
            case .interp: return args[2].constantValue == nil ? .atom : .sum
            case .multiply, .divide: return .product
            default: return .atom
            }
        }
    }

    public static func number(_ c: Double) -> String {
        let text = String(format: "%.4g", c)
        return text.contains("e") ? text.replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e-0", with: "e-") : text
    }

    func operand(_ context: Binding) -> String { binding < context ? "(\(mathematics))" : mathematics }

    /// k times the expression, k folded into a product's own coefficient: `0.07845 g`, not `0.2615 0.3 g`.
    func scaled(_ k: Double) -> String {
        if case .apply(.multiply, _) = self { return UpdateExpression.apply(.multiply, [self, .constant(k)]).mathematics }
        return "\(UpdateExpression.number(k)) \(operand(.product))"
    }

    /// The expression as readable mathematics: `0.1 g + 0.9 m` for interp(g, m, 0.9), `lr (sign(…) + 0.01 w)`.
    /// The factors of a product, nested products flattened.
    public var factors: [UpdateExpression] {
        if case .apply(.multiply, let args) = self { return args.flatMap(\.factors) }
        return [self]
    }

    /// A product as a mathematician orders it: the constant coefficient, the names (sorted), then compound
    /// factors with any quotient last.
    public var productParts: (coefficient: Double, names: [UpdateExpression], compound: [UpdateExpression]) {
        let factors = self.factors
        let names = factors.filter { if case .input = $0 { return true } else { return false } }.sorted { $0.mathematics < $1.mathematics }
        let compound = factors.filter { if case .apply = $0 { return true } else { return false } }.sorted { ($0.isQuotient ? 1 : 0) < ($1.isQuotient ? 1 : 0) }
        return (factors.compactMap(\.constantValue).reduce(1, *), names, compound)
    }

    public var isQuotient: Bool {
        if case .apply(.divide, _) = self { return true }
        return false
    }

    public var mathematics: String {
        switch self {
        case .input(let name): return name
        case .constant(let c): return UpdateExpression.number(c)
        case .apply(let f, let args):
            let x = args[0]
            switch f {
            case .add: return "\(x.operand(.sum)) + \(args[1].operand(.product))"
            case .subtract: return "\(x.operand(.sum)) - \(args[1].operand(.product))"
            case .negate: return "-\(x.operand(.product))"
            case .multiply:
                // As a mathematician writes a product: the coefficient, then names, then compound factors, a
                // quotient last (a b c / d reads as (a b c) / d), other quotients bracketed.
                let (coefficient, inputs, compound) = productParts
                let names = inputs.map(\.mathematics)
                let text = compound.enumerated().map { k, e in e.isQuotient && k < compound.count - 1 ? "(\(e.mathematics))" : e.operand(.product) }
                return ((coefficient == 1 ? [] : [UpdateExpression.number(coefficient)]) + names + text).joined(separator: " ")
            case .divide: return "\(x.operand(.product)) / \(args[1].operand(.atom))"
            case .interp:
                guard let a = args[2].constantValue else { return "interp(\(args.map(\.mathematics).joined(separator: ", ")))" }
                return "\(x.scaled(1 - a)) + \(args[1].scaled(a))"
            case .square: return "\(x.operand(.atom))²"
            case .sqrt: return "√|\(x.mathematics)|"
            case .abs: return "|\(x.mathematics)|"
            default: return "\(f.rawValue)(\(args.map(\.mathematics).joined(separator: ", ")))"
            }
        }
    }
}
