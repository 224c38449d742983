/// How much evidence a guessed recurrence needs, by the number of terms given (docs/ALGORITHMS.md §4).
///
/// With plenty of terms: 5 held back and at least 10 equations more than unknowns. An OEIS data line gives 20
/// to 40 terms, and a textbook 8: then fewer terms are held back (3 from 12 terms, 2 below) and the surplus may
/// shrink to 1 equation (for a P-recursive ansatz, whose unknowns are only fixed up to scale, that is still two
/// more equations than free unknowns). Ansatz sizes are tried smallest first, so a short recurrence is found
/// with the largest surplus the terms allow; the surplus and the held-back terms are reported with it.
public struct GuessMargins: Sendable, Equatable {
    /// Terms left out of the fit, which the recurrence must reproduce exactly.
    public let heldBack: Int
    /// The least surplus of equations over unknowns an ansatz is tried with.
    public let minimumSurplus: Int

    public static let standard = GuessMargins(heldBack: 5, minimumSurplus: 10)

    public init(heldBack: Int, minimumSurplus: Int) {
        self.heldBack = heldBack
        self.minimumSurplus = minimumSurplus
    }

    /// The margins for `count` terms.
    public init(terms count: Int) {
        switch count {
        case 40...: self = .standard
        case 20..<40: self.init(heldBack: 5, minimumSurplus: 1)
        case 12..<20: self.init(heldBack: 3, minimumSurplus: 1)
        default: self.init(heldBack: 2, minimumSurplus: 1)
        }
    }
}
