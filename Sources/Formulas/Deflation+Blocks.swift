import CNumbersShims
import Numbers

extension Deflation {
    /// K(lo) ··· K(hi) with a common factor of its entries divided out, and that factor.
    struct Block {
        var product: Matrix2
        var factor: BigInt
        let lo: Int, hi: Int
        /// Whether the product shares the lcm part of h(lo) ··· h(hi) (below), and has it divided out.
        var sharesLCMPart: Bool
    }

    /// Blocks up to this many steps have the part they share beyond their halves' divided out when they merge. Above
    /// it the division costs what the next merges save (Apéry's fraction at depth 10,000: 4% fewer instructions at
    /// 200, 8% at 400, 5% at 800, none at 1,600).
    static let mergeDivisionSpan = 400

    /// The leaf lo...hi, by the recurrence, with its common factor divided out.
    ///
    /// Apéry-like fractions (Apéry's for zeta(3) and zeta(2), whose second solutions have denominators dividing
    /// lcm(1..n)^k) share, up to a few bits, the part of h(lo) ··· h(hi) that the lcm of its factors' ranges does not
    /// hold: for each root r, (lo + 1 - r) ··· (hi + 1 - r) / lcm(lo + 1 - r, ..., hi + 1 - r). Known without a gcd,
    /// it is checked by division. Other fractions get their common factor from gcds.
    func leaf(a: Polynomial, from lo: Int, through hi: Int) -> Block {
        guard let steps = StepWords(from: lo, through: hi, a: { _ in a }, b: { _ in g }, h: h) else {
            preconditionFailure("deflated steps beyond machine words (PCF.deflation(through:) checks the bounds)")
        }
        // Rows (older, newer) of the running product, from the identity.
        let rows = [(MPZ(1), MPZ(0)), (MPZ(0), MPZ(1))], scratch = MPZ()
        steps.advance(rows[0].0, rows[0].1, rows[1].0, rows[1].1, scratch: scratch)
        let entries = [rows[0].0, rows[0].1, rows[1].0, rows[1].1]
        var factor = smallPrimePart(from: lo, through: hi, lcmPartOnly: true)
        let sharesLCMPart = entries.allSatisfy { __gmpz_divisible_p($0.pointer, factor.pointer) != 0 }
        if !sharesLCMPart {
            // The common factor is made of primes below the block's length, as no larger prime divides two of the
            // block's consecutive values of n + 1 - r. So the gcd starts from that part of h(lo) ··· h(hi), a few
            // hundred bits instead of thousands.
            factor = smallPrimePart(from: lo, through: hi, lcmPartOnly: false)
            for entry in entries { __gmpz_gcd(factor.pointer, factor.pointer, entry.pointer) }
        }
        for entry in entries { __gmpz_divexact(entry.pointer, entry.pointer, factor.pointer) }
        return Block(product: Matrix2(BigInt(storage: entries[0]), BigInt(storage: entries[1]), BigInt(storage: entries[2]), BigInt(storage: entries[3])),
                     factor: BigInt(storage: factor), lo: lo, hi: hi, sharesLCMPart: sharesLCMPart)
    }

    /// The product of two adjacent blocks. When both shared their lcm parts, the merged block shares the quotient of
    /// its lcm part by theirs, for each root lcm(left) lcm(right) / lcm(both), which is checked and divided out at
    /// spans up to `mergeDivisionSpan`.
    func merge(_ left: Block, _ right: Block) -> Block {
        var block = Block(product: left.product * right.product, factor: left.factor * right.factor, lo: left.lo, hi: right.hi,
                          sharesLCMPart: left.sharesLCMPart && right.sharesLCMPart)
        guard block.sharesLCMPart, block.hi - block.lo < Self.mergeDivisionSpan else { return block }
        let shared = MPZ(1), power = MPZ()
        for p in smallPrimes where p <= block.hi - block.lo + 1 {
            let exponent = roots.reduce(0) { total, root in
                total + Self.exponent(of: p, inLCMOver: left.lo + 1 - root, through: left.hi + 1 - root)
                    + Self.exponent(of: p, inLCMOver: right.lo + 1 - root, through: right.hi + 1 - root)
                    - Self.exponent(of: p, inLCMOver: left.lo + 1 - root, through: right.hi + 1 - root)
            }
            guard exponent > 0 else { continue }
            __gmpz_ui_pow_ui(power.pointer, UInt(p), UInt(exponent))
            __gmpz_mul(shared.pointer, shared.pointer, power.pointer)
        }
        let entries = [block.product.m00, block.product.m01, block.product.m10, block.product.m11]
        guard entries.allSatisfy({ __gmpz_divisible_p($0.pointer, shared.pointer) != 0 }) else {
            block.sharesLCMPart = false
            return block
        }
        let divisor = BigInt(storage: shared)
        block.product = Matrix2(entries[0].exactlyDivided(by: divisor), entries[1].exactlyDivided(by: divisor),
                                entries[2].exactlyDivided(by: divisor), entries[3].exactlyDivided(by: divisor))
        block.factor = block.factor * divisor
        return block
    }

    /// The part of h(lo) ··· h(hi) made of primes below the leaf span; with `lcmPartOnly`, divided for each root r by
    /// its part of lcm(lo + 1 - r, ..., hi + 1 - r).
    func smallPrimePart(from lo: Int, through hi: Int, lcmPartOnly: Bool) -> MPZ {
        let part = MPZ(1), power = MPZ()
        for p in smallPrimes where p < Self.leafSpan {
            let exponent = roots.reduce(0) { total, root in
                let (m, n) = (lo + 1 - root, hi + 1 - root)
                return total + Self.exponent(of: p, inProductOver: m, through: n) - (lcmPartOnly ? Self.exponent(of: p, inLCMOver: m, through: n) : 0)
            }
            __gmpz_ui_pow_ui(power.pointer, UInt(p), UInt(exponent))
            __gmpz_mul(part.pointer, part.pointer, power.pointer)
        }
        return part
    }

    /// The exponent of the prime p in m ··· n, by Legendre's formula.
    static func exponent(of p: Int, inProductOver m: Int, through n: Int) -> Int {
        var exponent = 0, power = p
        while power <= n {
            exponent += n / power - (m - 1) / power
            power *= p
        }
        return exponent
    }

    /// The exponent of the prime p in lcm(m, ..., n): the largest k such that a multiple of p^k lies in m...n.
    static func exponent(of p: Int, inLCMOver m: Int, through n: Int) -> Int {
        var exponent = 0, power = p
        while power <= n && n / power > (m - 1) / power {
            exponent += 1
            power *= p
        }
        return exponent
    }
}

/// The primes up to `Deflation.mergeDivisionSpan`, by a sieve.
private let smallPrimes: [Int] = {
    let limit = Deflation.mergeDivisionSpan
    var composite = [Bool](repeating: false, count: limit + 1)
    var primes: [Int] = []
    for n in 2...limit where !composite[n] {
        primes.append(n)
        for multiple in stride(from: n * n, through: limit, by: n) { composite[multiple] = true }
    }
    return primes
}()
