import Numbers
import Testing

@Suite struct BigIntTests {
    @Test func factorialOf30IsExact() {
        #expect(BigInt.factorial(30).description == "265252859812191058636308480000000")
    }

    @Test func arithmeticMatchesTheIdentityOfSquares() {
        let x = BigInt("123456789012345678901234567890")!, y = BigInt("-98765432109876543210")!
        #expect((x + y) * (x - y) == x * x - y * y)
        #expect((x * y) / y == x)
        #expect(x % BigInt(1_000_000_007) == BigInt(x.description)! % BigInt(1_000_000_007))
    }

    @Test func gcdOfFibonacciNumbersIsTheFibonacciOfTheGcd() {
        var fib = [BigInt(0), BigInt(1)]
        for i in 2...200 { fib.append(fib[i - 1] + fib[i - 2]) }
        #expect(BigInt.gcd(fib[180], fib[120]) == fib[60])
    }

    @Test func malformedIntegersAreRejected() {
        #expect(BigInt("12a") == nil)
        #expect(BigInt("") == nil)
        #expect(BigInt("-") == nil)
        #expect(BigInt("-42") == BigInt(-42))
    }

    @Test func smallValuesConvertBackToInt() {
        #expect(BigInt(Int.min).asInt == Int.min)
        #expect((BigInt(Int.max) + BigInt(1)).asInt == nil)
    }

    @Test func rationalsStayInLowestTerms() {
        let r = Rational(BigInt(6), BigInt(-4))
        #expect(r.numerator == BigInt(-3) && r.denominator == BigInt(2))
        #expect(Rational(1) / Rational(3) + Rational(1) / Rational(6) == Rational(BigInt(1), BigInt(2)))
    }
}

@Suite struct BigFloatTests {
    @Test func squareRootOfTwoTo50Digits() {
        let root = BigFloat(2, precision: bits(forDigits: 60)).squareRoot
        #expect(root.formatted(significantDigits: 50) == "1.4142135623730950488016887242096980785696718753769")
    }

    @Test func parsesAndPrintsScientificNotation() {
        let x = BigFloat("-1.25e-30", precision: 100)!
        #expect(x.formatted(significantDigits: 5) == "-1.25e-30")
        #expect(BigFloat("1.2.3", precision: 64) == nil)
        #expect(BigFloat("abc", precision: 64) == nil)
    }

    @Test func log10MagnitudeOfHugeValues() {
        let x = BigFloat(BigInt(10).power(5000), precision: 64)
        #expect(abs(x.log10Magnitude - 5000) < 1e-9)
    }
}

@Suite struct PolynomialTests {
    @Test func parsesApéryNumerator() throws {
        let a = try Polynomial(parsing: "34n^3+51n^2+27n+5")
        #expect(a == Polynomial([5, 27, 51, 34]))
        #expect(a.description == "34n^3 + 51n^2 + 27n + 5")
        #expect(try Polynomial(parsing: a.description) == a)
    }

    @Test func parsesImplicitProductsPowersAndLists() throws {
        #expect(try Polynomial(parsing: "-n(2n-1)") == Polynomial([0, 1, -2]))
        #expect(try Polynomial(parsing: "(2n-1)**4") == Polynomial([1, -8, 24, -32, 16]))
        #expect(try Polynomial(parsing: "n^3+(n+1)^3") == Polynomial([1, 3, 3, 2]))
        #expect(try Polynomial(parsing: "[0, 0, 0, 0, 0, 0, -1]") == Polynomial([0, 0, 0, 0, 0, 0, -1]))
        #expect(try Polynomial(parsing: "-n^6") == Polynomial([0, 0, 0, 0, 0, 0, -1]))
    }

    @Test func reportsTheColumnOfAnError() {
        #expect(throws: ParseError("unknown variable 'x' (the variable is n)", column: 4)) { try Polynomial(parsing: "2n+x") }
        #expect(throws: ParseError("coefficients must be integers, found '1.5'", column: 1)) { try Polynomial(parsing: "1.5n") }
        #expect(throws: ParseError("unexpected ')'", column: 4)) { try Polynomial(parsing: "n+1)") }
    }

    @Test func shiftMatchesEvaluation() {
        let p = Polynomial([5, 27, 51, 34])
        let shifted = p.shifted(by: 3)
        for n in 0..<10 { #expect(shifted(n) == p(n + 3)) }
        #expect(p.evaluateSmall(at: 1_000_000_000) == nil)  // 34e27 overflows
        #expect(p(1_000_000_000) == BigInt("34000000051000000027000000005")!)
    }
}

@Suite struct WideEvaluationTests {
    @Test func wideEvaluationMatchesGMPBeyond64Bits() {
        let b = Polynomial([0, 0, 0, 0, 0, 0, -1])
        for n in [1, 1448, 1449, 10_000, 1_000_000] {
            var fast = BigInt(0)
            fast.withMutablePointer { b.evaluateFast(at: n, into: $0) }
            #expect(fast == b(n))
        }
        #expect(Polynomial([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).evaluateWide(at: 1_000_000) == nil)
    }
}
