import Numbers

/// The named constants of the expression language. Families with arguments (zeta(s), log(x),
/// besseli(n, x), psi(k, x), ...) are functions of the expression language instead.
public enum ConstantLibrary {
    public static let all: [Constant] = [
        Constant("pi", "Archimedes' constant π = 3.14159...") { .pi(precision: $0) },
        Constant("e", "Euler's number e = exp(1)") { BigFloat(1, precision: $0).exp },
        Constant("phi", aliases: ["golden"], "the golden ratio (1 + sqrt 5)/2") { p in
            (BigFloat(5, precision: p + 8).squareRoot + 1).rounded(toPrecision: p) / 2
        },
        Constant("euler", aliases: ["gamma_euler", "euler_gamma"], "the Euler–Mascheroni constant γ = 0.57721...") { .euler(precision: $0) },
        Constant("catalan", "Catalan's constant G = sum (-1)^k/(2k+1)^2") { .catalan(precision: $0) },
        Constant("zeta3", aliases: ["apery"], expression: "zeta(3)", "Apéry's constant ζ(3)") { .zeta(3, precision: $0) },
        Constant("ln2", aliases: ["log2"], expression: "log(2)", "the natural logarithm of 2") { .log2Constant(precision: $0) },
        Constant("gompertz", expression: "e*e1(1)", "the Gompertz constant e·E1(1) = 0.59634...") { p in
            let work = p + 32
            return (BigFloat(1, precision: work).exp * SpecialFunctions.e1(BigFloat(1, precision: work), precision: work)).rounded(toPrecision: p)
        },
        Constant("gauss", expression: "1/agm(1,sqrt(2))", "Gauss's constant 1/agm(1, sqrt 2) = 0.83462...") { p in
            let work = p + 16
            return (BigFloat(1, precision: work) / .agm(BigFloat(1, precision: work), BigFloat(2, precision: work).squareRoot)).rounded(toPrecision: p)
        },
        Constant("lemniscate", expression: "pi/agm(1,sqrt(2))", "the lemniscate constant ϖ = π/agm(1, sqrt 2) = 2.62205...") { p in
            let work = p + 16
            return (BigFloat.pi(precision: work) / .agm(BigFloat(1, precision: work), BigFloat(2, precision: work).squareRoot)).rounded(toPrecision: p)
        },
        Constant("gamma14", expression: "gamma(1/4)", "Γ(1/4) = 3.62560...") { p in
            (BigFloat(1, precision: p + 16) / 4).gamma.rounded(toPrecision: p)
        },
        Constant("gamma13", expression: "gamma(1/3)", "Γ(1/3) = 2.67893...") { p in
            (BigFloat(1, precision: p + 16) / 3).gamma.rounded(toPrecision: p)
        },
        Constant("khinchin", "Khinchin's constant K0 = 2.68545...") { SpecialFunctions.khinchin(precision: $0) },
        Constant("glaisher", "the Glaisher–Kinkelin constant A = 1.28242...") { SpecialFunctions.glaisher(precision: $0) },
    ]

    private static let byName: [String: Constant] = {
        var table: [String: Constant] = [:]
        for constant in all {
            table[constant.name] = constant
            for alias in constant.aliases { table[alias] = constant }
        }
        return table
    }()

    /// The constant with this name or alias.
    public static func named(_ name: String) -> Constant? { byName[name] }
}
