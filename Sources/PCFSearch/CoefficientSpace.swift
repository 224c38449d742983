import SearchEngine

/// Every PCF whose coefficients lie in a box, addressed by index in mixed radix (b's coefficients vary fastest).
public struct CoefficientSpace: SearchSpace {
    public let aRanges: [ClosedRange<Int>]
    public let bRanges: [ClosedRange<Int>]
    public let count: Int

    public init(a: [[Int]], b: [[Int]]) {
        aRanges = a.map { $0[0]...$0[1] }
        bRanges = b.map { $0[0]...$0[1] }
        count = (aRanges + bRanges).reduce(1) { $0 * $1.count }
    }

    /// Moves a candidate whose b's top coefficient is being enumerated to the first candidate of the next run:
    /// the lower coefficients advance like an odometer (b's lower coefficients, then a's).
    public func advanceToNextRun(_ pcf: inout SmallPCF) {
        pcf.b[bRanges.count - 1] = bRanges[bRanges.count - 1].lowerBound
        for k in stride(from: bRanges.count - 2, through: 0, by: -1) {
            if pcf.b[k] < bRanges[k].upperBound { pcf.b[k] += 1; return }
            pcf.b[k] = bRanges[k].lowerBound
        }
        for k in stride(from: aRanges.count - 1, through: 0, by: -1) {
            if pcf.a[k] < aRanges[k].upperBound { pcf.a[k] += 1; return }
            pcf.a[k] = aRanges[k].lowerBound
        }
    }

    public func candidate(at index: Int) -> SmallPCF {
        var rest = index
        var b = [Int](repeating: 0, count: bRanges.count), a = [Int](repeating: 0, count: aRanges.count)
        for k in (0..<bRanges.count).reversed() { b[k] = bRanges[k].lowerBound + rest % bRanges[k].count; rest /= bRanges[k].count }
        for k in (0..<aRanges.count).reversed() { a[k] = aRanges[k].lowerBound + rest % aRanges[k].count; rest /= aRanges[k].count }
        return SmallPCF(a: a, b: b)
    }
}
