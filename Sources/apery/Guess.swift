import ArgumentParser
import Foundation
import Numbers
import SearchEngine
import Reports
import Sequences
import Store

struct Guess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Guess the recurrence an integer sequence obeys.",
        discussion: """
            First the shortest recurrence with constant coefficients (Berlekamp–Massey), else a P-recursive one, \
            sum_i p_i(n) a(n-i) = 0 with polynomial p_i (order and degree bounded by the flags; smallest ansatz \
            first, accepted with a one-dimensional nullspace). Both are fitted without the last terms and must \
            reproduce them: from 40 terms, 5 held back and 10 equations more than unknowns; from fewer (an OEIS \
            data line, 8 textbook terms), 5, 3 or 2 held back and a surplus of at least 1; the surplus is reported. \
            Otherwise the answer is "no recurrence within bounds" (exit 1) rather than an over-fitted one. \
            The terms start at a(0): "apery guess 1,1,2,5,14,42,132,429,1430,4862,16796,58786,208012,742900,2674440,9694845,35357670,129644790,477638700,1767263190".
            """)

    @Argument(help: "The terms, separated by commas or spaces.")
    var terms: String?

    @Option(help: "Read the terms from a file: one per line, or an OEIS b-file (\"n a(n)\" per line, # comments).")
    var file: String?

    @Option(help: "Largest order r of a P-recursive recurrence.") var maxOrder: Int = 4
    @Option(help: "Largest degree d of its polynomial coefficients.") var maxDegree: Int = 6
    @Flag(help: "Only recurrences with constant coefficients (C-finite).") var cFinite = false
    @Option(help: "Print the next K terms the recurrence predicts.") var extend: Int = 0
    @Option(help: "Seconds after which the guess stops (exit 3, inconclusive).") var timeout: Double = 120
    @OptionGroup var output: OutputOptions

    /// What guess reads at most: the fits cost the square of the terms and more.
    static let maximumTerms = 10_000, maximumDigits = 2_000_000

    struct Report: Encodable {
        let kind: String
        let recurrence: String
        let order: Int
        let degree: Int
        let linearComplexity: Int?
        /// Integers as JSON numbers of every digit.
        let coefficients: [[BigIntegerJSON]]
        let seed: [BigIntegerJSON]
        let terms: Int
        let heldBack: Int
        /// Equations beyond the unknowns in the fit (P-recursive), or terms beyond 2L (C-finite).
        let surplus: Int
        let nextTerms: [BigIntegerJSON]
    }

    func validate() throws {
        guard (1...20).contains(maxOrder) else { throw ValidationError("--max-order must be between 1 and 20") }
        guard (0...30).contains(maxDegree) else { throw ValidationError("--max-degree must be between 0 and 30") }
        guard (0...100_000).contains(extend) else { throw ValidationError("--extend must be between 0 and 100000") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() throws {
        try reportingErrors {
            let sequence = try readTerms()
            stopAfter(seconds: timeout, "guess stopped at its time limit (--timeout \(timeout) s) before a recurrence was found or excluded; inconclusive")
            let margins = GuessMargins(terms: sequence.count)
            let minimum = 2 + margins.minimumSurplus + margins.heldBack  // L = 1
            guard sequence.count >= minimum else {
                throw SearchError("\(sequence.count) terms are too few: the shortest recurrence (L = 1) needs \(minimum) terms")
            }
            if let linear = LinearRecurrence.find(in: sequence, heldBack: margins.heldBack, margin: margins.heldBack + margins.minimumSurplus) {
                let next = linear.terms(sequence.count + extend).dropFirst(sequence.count)
                return try show(Report(kind: "c-finite", recurrence: linear.description, order: linear.order, degree: 0,
                                       linearComplexity: linear.linearComplexity, coefficients: linear.coefficients.map { [BigIntegerJSON($0.description)] },
                                       seed: linear.seed.map { BigIntegerJSON($0.description) }, terms: sequence.count, heldBack: margins.heldBack,
                                       surplus: sequence.count - margins.heldBack - 2 * linear.linearComplexity, nextTerms: next.map { BigIntegerJSON($0.description) }))
            }
            if !cFinite, let (holonomic, surplus) = HolonomicRecurrence.guessWithSurplus(sequence, maximumOrder: maxOrder, maximumDegree: maxDegree,
                                                                                       heldBack: margins.heldBack, margin: margins.minimumSurplus) {
                guard let extended = holonomic.extend(sequence, by: extend) else {
                    throw SearchError("the recurrence \(holonomic) does not determine the next terms (its leading coefficient vanishes or does not divide)")
                }
                return try show(Report(kind: "p-recursive", recurrence: holonomic.description, order: holonomic.order, degree: holonomic.degree,
                                       linearComplexity: nil, coefficients: holonomic.polynomials.map { $0.coefficients.map { BigIntegerJSON($0.description) } },
                                       seed: sequence.prefix(holonomic.order).map { BigIntegerJSON($0.description) }, terms: sequence.count,
                                       heldBack: margins.heldBack, surplus: surplus, nextTerms: extended.dropFirst(sequence.count).map { BigIntegerJSON($0.description) }))
            }
            let largest = (sequence.count - margins.heldBack - margins.minimumSurplus) / 2
            let bounds = cFinite ? "C-finite with L <= \(largest)" : "C-finite with L <= \(largest), P-recursive with order <= \(maxOrder) and degree <= \(maxDegree)"
            if output.json { try printJSON(["kind": "none", "bounds": bounds, "terms": String(sequence.count)]) } else {
                let needed = (maxOrder + 1) * (maxDegree + 1) + maxOrder + margins.minimumSurplus + margins.heldBack
                print("no recurrence within bounds (\(bounds), from \(sequence.count) terms)")
                if !cFinite && sequence.count < needed {
                    print("  the largest P-recursive ansatz (order \(maxOrder), degree \(maxDegree)) needs \(needed) terms; smaller ones need (r + 1)(d + 1) + r + \(margins.minimumSurplus + margins.heldBack)")
                }
            }
            throw Outcome.negative
        }
    }

    func show(_ report: Report) throws {
        if output.json { return try printJSON(report) }
        print(report.kind == "c-finite" ? "C-finite recurrence of order \(report.order) (linear complexity \(report.linearComplexity!)):"
                                        : "P-recursive recurrence of order \(report.order), degree \(report.degree):")
        print("  \(report.recurrence)")
        print("  seed          a(0..\(report.seed.count - 1)) = \(report.seed.map(\.digits).joined(separator: ", "))")
        let fit = report.kind == "c-finite" ? "\(counted(report.surplus, "term")) beyond the 2L it needs" : "\(counted(report.surplus, "more equation", "more equations")) than unknowns"
        print("  confirmed     on all \(report.terms) terms: fitted on \(report.terms - report.heldBack) (\(fit)), then \(report.heldBack) held-back terms reproduced")
        if !report.nextTerms.isEmpty { print("  next \(report.nextTerms.count) terms  \(report.nextTerms.map(\.digits).joined(separator: ", "))") }
    }

    /// Terms from the argument or the file; every term an integer of at most 100,000 digits.
    func readTerms() throws -> [BigInt] {
        var tokens: [Substring] = []
        switch (terms, file) {
        case (let text?, nil):
            tokens = text.split(whereSeparator: { $0 == "," || $0.isWhitespace })
        case (nil, let path?):
            guard let data = FileManager.default.contents(atPath: path) else { throw SearchError("cannot read \(path)") }
            for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let fields = line.split(whereSeparator: { $0.isWhitespace || $0 == "," })
                guard let first = fields.first, !first.hasPrefix("#") else { continue }
                // b-file lines are "n a(n)": the term is the last field.
                tokens.append(fields.count == 2 ? fields[1] : first)
                if fields.count > 2 { throw SearchError("\(path): a line holds one term or \"n a(n)\", not: \(quoted(String(line), around: 0))") }
            }
        case (nil, nil):
            throw ValidationError("give the terms, as an argument (1,1,2,5,14,...) or with --file FILE")
        default:
            throw ValidationError("give the terms as an argument or with --file, not both")
        }
        guard tokens.count <= Guess.maximumTerms else {
            throw SearchError("\(tokens.count) terms: guess reads at most \(Guess.maximumTerms) terms; give the first ones")
        }
        let digits = tokens.reduce(0) { $0 + $1.count }
        guard digits <= Guess.maximumDigits else {
            throw SearchError("the terms have \(digits) digits in all; guess reads at most \(Guess.maximumDigits)")
        }
        return try tokens.enumerated().map { index, token in
            guard token.count <= 100_000 else { throw SearchError("term \(index) has \(token.count) digits; terms are limited to 100,000 digits") }
            guard let value = BigInt(String(token)), token.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }) else {
                throw SearchError("term \(index) is not an integer: \(quoted(String(token), around: 0))")
            }
            return value
        }
    }
}
