import Constants
import Numbers

/// Why an expression has no finite real value.
public struct EvaluationError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A function of the expression language.
public struct MathFunction: Sendable {
    public let name: String
    public let aliases: [String]
    public let arities: [Int]
    public let summary: String
    /// Evaluates at `precision` bits from the unevaluated arguments (some must be exact integers).
    let evaluate: @Sendable ([Expression], Int) throws -> BigFloat
}

/// The functions of the expression language, with mpmath's names.
public enum FunctionLibrary {
    static func unary(_ name: String, aliases: [String] = [], _ summary: String,
                      _ body: @escaping @Sendable (BigFloat) -> BigFloat) -> MathFunction {
        MathFunction(name: name, aliases: aliases, arities: [1], summary: summary) { arguments, precision in
            body(try arguments[0].evaluate(precision: precision))
        }
    }

    public static let all: [MathFunction] = [
        unary("sqrt", "square root") { $0.squareRoot },
        unary("cbrt", "cube root") { $0.cubeRoot },
        unary("exp", "exponential") { $0.exp },
        MathFunction(name: "log", aliases: ["ln"], arities: [1, 2], summary: "natural logarithm; log(x, b) in base b") { arguments, precision in
            let x = try arguments[0].evaluate(precision: precision).log
            return arguments.count == 2 ? x / (try arguments[1].evaluate(precision: precision)).log : x
        },
        MathFunction(name: "root", aliases: [], arities: [2], summary: "root(x, n): the n-th root") { arguments, precision in
            let n = try integerArgument(arguments[1], of: "root", range: 1...1_000_000)
            return try arguments[0].evaluate(precision: precision).root(n)
        },
        unary("sin", "sine") { $0.sin }, unary("cos", "cosine") { $0.cos }, unary("tan", "tangent") { $0.tan },
        unary("cot", "cotangent") { $0.cot }, unary("sec", "secant") { $0.sec }, unary("csc", "cosecant") { $0.csc },
        unary("sinh", "hyperbolic sine") { $0.sinh }, unary("cosh", "hyperbolic cosine") { $0.cosh },
        unary("tanh", "hyperbolic tangent") { $0.tanh }, unary("coth", "hyperbolic cotangent") { $0.coth },
        unary("atan", "inverse tangent") { $0.atan }, unary("asin", "inverse sine") { $0.asin },
        unary("acos", "inverse cosine") { $0.acos }, unary("asinh", "inverse hyperbolic sine") { $0.asinh },
        unary("acosh", "inverse hyperbolic cosine") { $0.acosh }, unary("atanh", "inverse hyperbolic tangent") { $0.atanh },
        unary("gamma", "Euler's gamma function Γ(x)") { $0.gamma },
        unary("loggamma", aliases: ["lngamma"], "log Γ(x)") { $0.logGamma },
        unary("digamma", "ψ(x) = Γ'(x)/Γ(x)") { $0.digamma },
        unary("e1", "the exponential integral E1(x) = ∫_x^∞ e^-t/t dt") { x in SpecialFunctions.e1(x, precision: x.precision) },
        unary("ei", "the exponential integral Ei(x)") { $0.exponentialIntegral },
        MathFunction(name: "zeta", aliases: [], arities: [1, 2], summary: "Riemann zeta ζ(s); Hurwitz ζ(s, a) for integer s >= 2") { arguments, precision in
            if arguments.count == 2 {
                let s = try integerArgument(arguments[0], of: "zeta", range: 2...100_000)
                let a = try arguments[1].evaluate(precision: precision + 16)
                guard a.signum > 0 else { throw EvaluationError("zeta(s, a) needs a > 0") }
                return SpecialFunctions.hurwitzZeta(s, a, precision: precision)
            }
            if let s = arguments[0].exactValue, s.isInteger, let k = s.numerator.asInt, k >= 2, k <= 10_000_000 {
                return .zeta(k, precision: precision)
            }
            return try arguments[0].evaluate(precision: precision).zeta
        },
        MathFunction(name: "psi", aliases: ["polygamma"], arities: [2], summary: "polygamma psi(k, x) = d^k/dx^k digamma(x)") { arguments, precision in
            let k = try integerArgument(arguments[0], of: "psi", range: 0...10_000)
            let x = try arguments[1].evaluate(precision: precision + 16)
            guard k == 0 || x.signum > 0 else { throw EvaluationError("psi(k, x) is implemented for x > 0") }
            return SpecialFunctions.polygamma(k, x, precision: precision)
        },
        MathFunction(name: "besseli", aliases: [], arities: [2], summary: "modified Bessel function I_n(x), integer n") { arguments, precision in
            let n = try integerArgument(arguments[0], of: "besseli", range: -100_000...100_000)
            let x = try arguments[1].evaluate(precision: precision + 16)
            guard x.magnitude.asDouble < 1e6 else { throw EvaluationError("besseli(n, x) needs |x| < 10^6") }
            return SpecialFunctions.besselI(order: n, x, precision: precision)
        },
        MathFunction(name: "besselk", aliases: [], arities: [2], summary: "modified Bessel function of the second kind K_n(x), integer n, x > 0") { arguments, precision in
            let n = try integerArgument(arguments[0], of: "besselk", range: -10_000...10_000)
            let x = try arguments[1].evaluate(precision: precision + 16)
            guard x.signum > 0, x.asDouble < 1e5 else { throw EvaluationError("besselk(n, x) needs 0 < x < 10^5") }
            return SpecialFunctions.besselK(order: n, x, precision: precision)
        },
        MathFunction(name: "besselj", aliases: [], arities: [2], summary: "Bessel function J_n(x), integer n") { arguments, precision in
            let n = try integerArgument(arguments[0], of: "besselj", range: -100_000...100_000)
            return try arguments[1].evaluate(precision: precision).besselJ(order: n)
        },
        MathFunction(name: "polylog", aliases: [], arities: [2], summary: "polylog(s, x) = Li_s(x) = sum x^k/k^s, integer s >= 1, |x| <= 1 (any x <= 1 for s = 2)") { arguments, precision in
            let s = try integerArgument(arguments[0], of: "polylog", range: 1...10_000)
            let x = try arguments[1].evaluate(precision: precision)
            if s == 2, x.asDouble <= 1 { return x.dilogarithm }
            guard let value = BigFloat.polylog(s, x) else { throw EvaluationError("polylog(\(s), x) needs |x| <= 1") }
            return value
        },
        unary("erf", "the error function erf(x)") { $0.erf },
        unary("erfc", "the complementary error function 1 - erf(x)") { $0.erfc },
        MathFunction(name: "beta", aliases: [], arities: [2], summary: "the beta function B(a, b) = Γ(a)Γ(b)/Γ(a+b)") { arguments, precision in
            .beta(try arguments[0].evaluate(precision: precision), try arguments[1].evaluate(precision: precision))
        },
        MathFunction(name: "hyp1f1", aliases: [], arities: [3], summary: "the confluent hypergeometric function 1F1(a; b; x)") { arguments, precision in
            let v = try arguments.map { try $0.evaluate(precision: precision) }
            guard let value = BigFloat.hypergeometric([v[0]], [v[1]], v[2]) else { throw EvaluationError("hyp1f1(a, b, x) is undefined for b a non-positive integer") }
            return value
        },
        MathFunction(name: "hyp2f1", aliases: [], arities: [4], summary: "the Gauss hypergeometric function 2F1(a, b; c; x), |x| < 1") { arguments, precision in
            let v = try arguments.map { try $0.evaluate(precision: precision) }
            guard let value = BigFloat.hypergeometric([v[0], v[1]], [v[2]], v[3]) else { throw EvaluationError("hyp2f1(a, b, c, x) needs |x| < 1 and c not a non-positive integer") }
            return value
        },
        unary("li2", "the dilogarithm Li2(x), x <= 1") { $0.dilogarithm },
        MathFunction(name: "agm", aliases: [], arities: [2], summary: "arithmetic-geometric mean") { arguments, precision in
            .agm(try arguments[0].evaluate(precision: precision), try arguments[1].evaluate(precision: precision))
        },
        MathFunction(name: "fac", aliases: ["factorial"], arities: [1], summary: "n! for an integer n >= 0") { arguments, precision in
            BigFloat(BigInt.factorial(try integerArgument(arguments[0], of: "fac", range: 0...100_000)), precision: precision)
        },
    ]

    private static let byName: [String: MathFunction] = {
        var table: [String: MathFunction] = [:]
        for function in all {
            table[function.name] = function
            for alias in function.aliases { table[alias] = function }
        }
        return table
    }()

    public static func named(_ name: String) -> MathFunction? { byName[name] }

    static func integerArgument(_ argument: Expression, of name: String, range: ClosedRange<Int>) throws -> Int {
        guard let value = argument.exactValue, value.isInteger, let k = value.numerator.asInt, range.contains(k) else {
            throw EvaluationError("the first argument of \(name) must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return k
    }
}
