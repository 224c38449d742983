import Numbers

/// Python's integer arithmetic: exact at any size, floor division and a modulo with the divisor's sign.
extension PyInt {
    public static func + (a: PyInt, b: PyInt) -> PyInt {
        if case .small(let x) = a, case .small(let y) = b {
            let (r, o) = x.addingReportingOverflow(y)
            if !o { return .small(r) }
        }
        return PyInt(a.big + b.big)
    }

    public static func - (a: PyInt, b: PyInt) -> PyInt {
        if case .small(let x) = a, case .small(let y) = b {
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o { return .small(r) }
        }
        return PyInt(a.big - b.big)
    }

    public static func * (a: PyInt, b: PyInt) -> PyInt {
        if case .small(let x) = a, case .small(let y) = b {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if !o { return .small(r) }
        }
        return PyInt(a.big * b.big)
    }

    public static prefix func - (a: PyInt) -> PyInt { .small(0) - a }

    public var isZero: Bool { self == .small(0) }
    public var isNegative: Bool { self < .small(0) }

    /// `a // b`, or nil when b is 0.
    public func floorDivided(by b: PyInt) -> PyInt? {
        if b.isZero { return nil }
        if case .small(let x) = self, case .small(let y) = b, !(x == .min && y == -1) {
            let q = x / y
            return .small((x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q)
        }
        return PyInt(big.floorDivided(by: b.big))
    }

    /// `a % b` (the sign of b), or nil when b is 0.
    public func modulo(_ b: PyInt) -> PyInt? {
        guard let q = floorDivided(by: b) else { return nil }
        return self - q * b
    }

    /// `a ** e` for 0 <= e, or nil when the result would exceed `maxBits`.
    public func power(_ e: PyInt, maxBits: Int) -> PyInt? {
        guard let e = e.small, e >= 0, e <= maxBits else { return nil }
        let bits = max(self.bitWidth, 1)
        if self == .small(0) || self == .small(1) { return e == 0 ? .small(1) : self }
        if self == .small(-1) { return .small(e % 2 == 0 ? 1 : -1) }
        guard bits * e <= maxBits + e else { return nil }
        return PyInt(big.power(e))
    }

    public var bitWidth: Int {
        switch self {
        case .small(let v): return Int.bitWidth - v.magnitude.leadingZeroBitCount
        case .big(let v): return v.bitWidth
        }
    }

    /// The nearest Double, as Python's `float(n)` (nil beyond the double range).
    public var double: Double? {
        switch self {
        case .small(let v): return Double(v)
        case .big(let v):
            let d = Double(v.description) ?? .infinity
            return d.isFinite ? d : nil
        }
    }
}
