import CNumbersShims

extension BigFloat: CustomStringConvertible {
    /// The value with as many significant digits as its precision holds.
    public var description: String { formatted(significantDigits: max(digits(forBits: precision), 1)) }

    /// Decimal mantissa digits and decimal exponent: value = 0.DIGITS * 10^exponent.
    public func decimalDigits(_ count: Int) -> (digits: String, exponent: Int, negative: Bool) {
        var exponent = 0
        guard let raw = mpfr_get_str(nil, &exponent, 10, max(count, 2), pointer, MPFR_RNDN) else { return ("", 0, false) }
        defer { mpfr_free_str(raw) }
        var text = String(cString: raw)
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        return (String(text.prefix(count)), exponent, negative)
    }

    /// Plain decimal notation for moderate exponents, scientific otherwise; trailing zeros trimmed.
    public func formatted(significantDigits count: Int) -> String {
        if isNaN { return "nan" }
        if isInfinite { return signum < 0 ? "-inf" : "inf" }
        if isZero { return "0.0" }
        let (digits, exponent, negative) = decimalDigits(count)
        let sign = negative ? "-" : ""
        var mantissa = Substring(digits)
        if exponent > 0 && exponent <= 60 {
            let integerPart = exponent >= mantissa.count
                ? mantissa + String(repeating: "0", count: exponent - mantissa.count)
                : mantissa.prefix(exponent)
            var fraction = exponent >= mantissa.count ? "" : mantissa.dropFirst(exponent)
            while fraction.last == "0" { fraction = fraction.dropLast() }
            return sign + integerPart + "." + (fraction.isEmpty ? "0" : fraction)
        }
        if exponent <= 0 && exponent > -10 {
            while mantissa.count > 1 && mantissa.last == "0" { mantissa = mantissa.dropLast() }
            return sign + "0." + String(repeating: "0", count: -exponent) + mantissa
        }
        while mantissa.count > 1 && mantissa.last == "0" { mantissa = mantissa.dropLast() }
        let fraction = mantissa.dropFirst()
        return sign + mantissa.prefix(1) + "." + (fraction.isEmpty ? "0" : fraction) + "e" + String(exponent - 1)
    }
}
