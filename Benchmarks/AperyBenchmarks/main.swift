import Numbers
import Expressions
import Verification
for (eq, d) in [("PCF([1, 5, 10, 10, 5, 2], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]) = 1/zeta(5)", 22), ("PCF([1,3,3,2],[0,0,0,0,0,0,-1]) = 1/zeta(3)", 11), ("PCF([13, 27, 3, 2], [0, 0, 0, 0, 0, 0, -1]) = 8/(8*zeta(3)-9)", 54)] {
let r = try Verifier(limits: AdaptiveLimit(maxDepth: 1 << 18, timeLimit: 60)).verify(try Equation(parsing: eq), digits: d)
print(r.status, r.digitsAgreed, r.formulaCertainDigits, r.depth, r.seconds, r.digitsPerTerm)
}
