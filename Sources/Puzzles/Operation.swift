/// One building block of the enumeration: a Python operation on typed values, with how it reads in Python.
/// `hints` are the features of a sat (see `SatFeatures`) under which the operation is likely: an operation
/// sat itself uses is cheaper.
public struct Operation: Sendable {
    public let key: String
    public let hints: [String]
    public let arguments: [AnswerType]
    public let result: AnswerType
    public let baseCost: Int
    let apply: @Sendable ([PyValue]) -> PyValue?
    let render: @Sendable ([String]) -> String

    /// The operation's value on these arguments, or nil where Python would raise or the value is too large.
    public func evaluate(_ arguments: [PyValue]) -> PyValue? { apply(arguments) }
}

/// How large an enumerated value may grow: strings up to `maxLength` characters, lists up to `maxListLength` items,
/// integers up to `maxBits`, and any value up to `maxWeight` bytes (lists: `maxListWeight`).
public struct ValueLimits: Sendable {
    public var maxLength = 10_000
    public var maxListLength = 10_000
    public var maxBits = 16_384
    public var maxWeight = 100_000
    public var maxListWeight = 100_000
    public init() {}

    /// The limits for a sat whose integers ask for longer lists: one item longer than its largest integer below
    /// 100,000 (a list with 42,155 duplicates has at least 42,156 items), with the weight of such a list of integers.
    /// Larger integers are rarely sizes. Strings keep their limit: long strings are costly building blocks.
    public init(sizesIn analysis: SatAnalysis) {
        self.init()
        let sizes = (analysis.defaults.map(\.value) + analysis.constants).compactMap { value -> Int? in
            if case .int(let n) = value, let small = n.small, small >= maxListLength, small < 100_000 { return small }
            return nil
        }
        guard let largest = sizes.max() else { return }
        maxListLength = largest + 1
        maxListWeight = max(maxListWeight, 8 * (maxListLength + 1))
    }

    /// The weight limit of a value.
    func maxWeight(of value: PyValue) -> Int {
        if case .list = value { return maxListWeight }
        return maxWeight
    }
}

extension Operation {
    /// The operations over `types` (the element types the lists range over come from them).
    static func catalog(types: Set<AnswerType>, limits: ValueLimits) -> [Operation] {
        var ops: [Operation] = []
        func op(_ key: String, _ hints: [String], _ arguments: [AnswerType], _ result: AnswerType, cost: Int = 1,
                _ render: @escaping @Sendable ([String]) -> String, _ apply: @escaping @Sendable ([PyValue]) -> PyValue?) {
            ops.append(Operation(key: key, hints: hints, arguments: arguments, result: result, baseCost: cost, apply: apply, render: render))
        }
        let L = limits
        // Integers.
        op("add", ["op:Add"], [.int, .int], .int, { "(\($0[0]) + \($0[1]))" }) { a in .int(a[0].i + a[1].i) }
        op("sub", ["op:Sub"], [.int, .int], .int, { "(\($0[0]) - \($0[1]))" }) { a in .int(a[0].i - a[1].i) }
        op("mul", ["op:Mult"], [.int, .int], .int, { "(\($0[0]) * \($0[1]))" }) { a in
            a[0].i.bitWidth + a[1].i.bitWidth > L.maxBits ? nil : .int(a[0].i * a[1].i)
        }
        op("neg", ["op:USub", "op:Sub"], [.int], .int, { "(-\($0[0]))" }) { a in .int(-a[0].i) }
        op("floordiv", ["op:FloorDiv", "op:Div"], [.int, .int], .int, cost: 2, { "(\($0[0]) // \($0[1]))" }) { a in a[0].i.floorDivided(by: a[1].i).map { .int($0) } }
        op("mod", ["op:Mod"], [.int, .int], .int, cost: 2, { "(\($0[0]) % \($0[1]))" }) { a in a[0].i.modulo(a[1].i).map { .int($0) } }
        op("pow", ["op:Pow"], [.int, .int], .int, cost: 2, { "(\($0[0]) ** \($0[1]))" }) { a in a[0].i.power(a[1].i, maxBits: L.maxBits).map { .int($0) } }
        op("isqrt", ["op:Pow", "name:int", "attr:sqrt", "attr:isqrt"], [.int], .int, cost: 2, { "int(\($0[0]) ** 0.5)" }) { a in
            guard !a[0].i.isNegative else { return nil }
            return .int(PyInt(a[0].i.big.squareRoot))
        }
        op("len", ["name:len"], [.str], .int, { "len(\($0[0]))" }) { a in .integer(a[0].s.unicodeScalars.count) }
        op("ord", ["name:ord", "name:chr"], [.str], .int, cost: 2, { "ord(\($0[0]))" }) { a in
            let u = a[0].s.unicodeScalars
            return u.count == 1 ? .integer(Int(u.first!.value)) : nil
        }
        op("int", ["name:int", "name:str"], [.str], .int, cost: 2, { "int(\($0[0]))" }) { a in
            let s = a[0].s
            guard !s.isEmpty, s.count <= 4000, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), s.dropFirst().allSatisfy({ $0 != "-" }),
                  let big = BigIntParse(s) else { return nil }
            return .int(big)
        }
        op("count", ["attr:count"], [.str, .str], .int, cost: 2, { "\($0[0]).count(\($0[1]))" }) { a in
            .integer(countOccurrences(a[0].s, a[1].s))
        }
        op("find", ["attr:index", "attr:find"], [.str, .str], .int, cost: 2, { "\($0[0]).find(\($0[1]))" }) { a in
            .integer(findOccurrence(a[0].s, a[1].s))
        }
        // Floats.
        op("float", ["name:float"], [.int], .float, { "float(\($0[0]))" }) { a in a[0].i.double.map { .float($0) } }
        op("truediv", ["op:Div"], [.int, .int], .float, { "(\($0[0]) / \($0[1]))" }) { a in
            guard !a[1].i.isZero, let x = a[0].i.double, let y = a[1].i.double else { return nil }
            return .float(x / y)
        }
        op("parsefloat", ["name:float", "name:str"], [.str], .float, cost: 2, { "float(\($0[0]))" }) { a in
            // Python's float() of a decimal literal; Swift's reading of the same text rounds the same way.
            let s = a[0].s.trimmingCharacters(in: .whitespaces)
            guard !s.isEmpty, s.count <= 40, s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
                  let d = Double(s), d.isFinite else { return nil }
            return .float(d)
        }
        op("fadd", ["op:Add"], [.float, .float], .float, { "(\($0[0]) + \($0[1]))" }) { a in .float(a[0].f + a[1].f) }
        op("fsub", ["op:Sub"], [.float, .float], .float, { "(\($0[0]) - \($0[1]))" }) { a in .float(a[0].f - a[1].f) }
        op("fmul", ["op:Mult"], [.float, .float], .float, { "(\($0[0]) * \($0[1]))" }) { a in .float(a[0].f * a[1].f) }
        op("fdiv", ["op:Div"], [.float, .float], .float, { "(\($0[0]) / \($0[1]))" }) { a in a[1].f == 0 ? nil : .float(a[0].f / a[1].f) }
        op("fneg", ["op:USub", "op:Sub"], [.float], .float, { "(-\($0[0]))" }) { a in .float(-a[0].f) }
        op("fmod", ["op:Mod"], [.float, .float], .float, cost: 2, { "(\($0[0]) % \($0[1]))" }) { a in
            // Python's float %: the sign of the divisor.
            let x = a[0].f, y = a[1].f
            guard y != 0 else { return nil }
            var r = fmod(x, y)
            if r == 0 { r = Double(signOf: y, magnitudeOf: 0) } else if (r < 0) != (y < 0) { r += y }
            return r.isFinite ? .float(r) : nil
        }
        op("fabs", ["name:abs"], [.float], .float, { "abs(\($0[0]))" }) { a in .float(abs(a[0].f)) }
        op("trunc", ["name:int", "attr:is_integer"], [.float], .int, cost: 2, { "int(\($0[0]))" }) { a in
            a[0].f.isFinite && abs(a[0].f) < 0x1p62 ? .integer(Int(a[0].f)) : nil
        }
        op("fsqrt", ["op:Pow", "attr:sqrt"], [.float], .float, cost: 2, { "(\($0[0]) ** 0.5)" }) { a in a[0].f < 0 ? nil : .float(a[0].f.squareRoot()) }
        op("fpow", ["op:Pow"], [.float, .int], .float, cost: 2, { "(\($0[0]) ** \($0[1]))" }) { a in
            guard let e = a[1].i.small, e >= -64, e <= 64 else { return nil }
            let r = Foundation_pow(a[0].f, Double(e))
            return r.isFinite ? .float(r) : nil
        }
        // Strings.
        op("concat", ["op:Add"], [.str, .str], .str, { "(\($0[0]) + \($0[1]))" }) { a in
            a[0].s.utf8.count + a[1].s.utf8.count > L.maxLength ? nil : .str(a[0].s + a[1].s)
        }
        op("repeat", ["op:Mult", "attr:count"], [.str, .int], .str, { "(\($0[0]) * \($0[1]))" }) { a in
            guard let n = a[1].i.small, n >= 0, n <= L.maxLength, n * max(a[0].s.utf8.count, 1) <= L.maxLength else { return nil }
            return .str(String(repeating: a[0].s, count: n))
        }
        op("str", ["name:str", "name:int", "name:len"], [.int], .str, { "str(\($0[0]))" }) { a in
            a[0].i.bitWidth > 13_000 ? nil : .str(a[0].i.description)
        }
        op("chr", ["name:chr", "name:ord"], [.int], .str, cost: 2, { "chr(\($0[0]))" }) { a in
            guard let v = a[0].i.small, v >= 0, v < 0x110000, let u = Unicode.Scalar(UInt32(v)) else { return nil }
            return .str(String(Character(u)))
        }
        op("reverse", ["op:Slice", "name:reversed"], [.str], .str, cost: 2, { "\($0[0])[::-1]" }) { a in .str(String(String.UnicodeScalarView(a[0].s.unicodeScalars.reversed()))) }
        op("upper", ["attr:upper", "attr:isupper"], [.str], .str, cost: 2, { "\($0[0]).upper()" }) { a in .str(a[0].s.uppercased()) }
        op("lower", ["attr:lower", "attr:islower"], [.str], .str, cost: 2, { "\($0[0]).lower()" }) { a in .str(a[0].s.lowercased()) }
        op("swapcase", ["attr:swapcase", "attr:upper", "attr:lower"], [.str], .str, cost: 3, { "\($0[0]).swapcase()" }) { a in
            .str(String(a[0].s.map { $0.isUppercase ? Character($0.lowercased()) : $0.isLowercase ? Character($0.uppercased()) : $0 }))
        }
        op("sortedchars", ["name:sorted"], [.str], .str, cost: 2, { "''.join(sorted(\($0[0])))" }) { a in
            .str(String(a[0].s.unicodeScalars.sorted { $0.value < $1.value }.map(Character.init)))
        }
        op("prefix", ["op:Slice"], [.str, .int], .str, cost: 2, { "\($0[0])[:\($0[1])]" }) { a in
            guard let n = a[1].i.small else { return nil }
            return .str(String(String.UnicodeScalarView(pythonSlice(Array(a[0].s.unicodeScalars), upTo: n) ?? [])))
        }
        op("suffix", ["op:Slice"], [.str, .int], .str, cost: 2, { "\($0[0])[\($0[1]):]" }) { a in
            guard let n = a[1].i.small else { return nil }
            return .str(String(String.UnicodeScalarView(pythonSlice(Array(a[0].s.unicodeScalars), from: n) ?? [])))
        }
        op("replace", ["attr:replace"], [.str, .str, .str], .str, cost: 2, { "\($0[0]).replace(\($0[1]), \($0[2]))" }) { a in
            guard !a[1].s.isEmpty else { return nil }
            let r = splitOccurrences(a[0].s, a[1].s).joined(separator: a[2].s)
            return r.utf8.count > L.maxLength ? nil : .str(r)
        }
        op("join", ["attr:join"], [.str, .list(.str)], .str, { "\($0[0]).join(\($0[1]))" }) { a in
            let r = a[1].items.map(\.s).joined(separator: a[0].s)
            return r.utf8.count > L.maxLength ? nil : .str(r)
        }
        // Booleans.
        op("not", ["op:Not"], [.bool], .bool, { "(not \($0[0]))" }) { a in .bool(!a[0].b) }
        // Lists of integers and strings made from scalars.
        op("range", ["name:range"], [.int], .list(.int), { "list(range(\($0[0])))" }) { a in
            guard let n = a[0].i.small, n <= L.maxListLength else { return nil }
            return .list(n <= 0 ? [] : (0..<n).map { .integer($0) })
        }
        op("range2", ["name:range"], [.int, .int], .list(.int), cost: 2, { "list(range(\($0[0]), \($0[1])))" }) { a in
            guard let x = a[0].i.small, let y = a[1].i.small, x.magnitude <= 1 << 40, y.magnitude <= 1 << 40, y - x <= L.maxListLength else { return nil }
            return .list(x >= y ? [] : (x..<y).map { .integer($0) })
        }
        op("substrings", ["op:In", "op:Slice"], [.str], .list(.str), cost: 2,
           { "sorted({\($0[0])[i:j] for i in range(len(\($0[0])) + 1) for j in range(i, len(\($0[0])) + 1)})" }) { a in
            // Every distinct substring, the empty one included, in Python's order of strs (code points).
            let u = Array(a[0].s.unicodeScalars)
            guard u.count <= 40 else { return nil }
            var distinct = Set<String>()
            for i in 0...u.count { for j in i...u.count { distinct.insert(String(String.UnicodeScalarView(u[i..<j]))) } }
            return .list(distinct.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }.map { .str($0) })
        }
        op("chars", ["name:list", "name:set", "op:Index"], [.str], .list(.str), { "list(\($0[0]))" }) { a in .list(a[0].s.unicodeScalars.map { .str(String($0)) }) }
        op("split", ["attr:split"], [.str], .list(.str), { "\($0[0]).split()" }) { a in
            .list(a[0].s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map { .str(String($0)) })
        }
        op("splitby", ["attr:split"], [.str, .str], .list(.str), cost: 2, { "\($0[0]).split(\($0[1]))" }) { a in
            guard !a[1].s.isEmpty else { return nil }
            return .list(splitOccurrences(a[0].s, a[1].s).map { .str($0) })
        }
        op("digits", ["name:int", "name:str", "op:Comprehension"], [.int], .list(.int), cost: 2, { "[int(c) for c in str(\($0[0]))]" }) { a in
            guard !a[0].i.isNegative, a[0].i.bitWidth < 13_000 else { return nil }
            return .list(a[0].i.description.map { .integer(Int(String($0))!) })
        }
        op("ords", ["name:ord", "op:Comprehension"], [.str], .list(.int), cost: 2, { "[ord(c) for c in \($0[0])]" }) { a in
            .list(a[0].s.unicodeScalars.map { .integer(Int($0.value)) })
        }
        op("sum", ["name:sum"], [.list(.int)], .int, { "sum(\($0[0]))" }) { a in .int(a[0].items.reduce(PyInt.small(0)) { $0 + $1.i }) }
        op("max", ["name:max"], [.list(.int)], .int, cost: 2, { "max(\($0[0]))" }) { a in a[0].items.map(\.i).max().map { .int($0) } }
        op("min", ["name:min"], [.list(.int)], .int, cost: 2, { "min(\($0[0]))" }) { a in a[0].items.map(\.i).min().map { .int($0) } }
        op("countin", ["attr:count"], [.list(.int), .int], .int, cost: 2, { "\($0[0]).count(\($0[1]))" }) { a in
            .integer(a[0].items.filter { $0 == a[1] }.count)
        }
        op("scale", ["op:Mult", "op:Comprehension"], [.list(.int), .int], .list(.int), cost: 2, { "[x * \($0[1]) for x in \($0[0])]" }) { a in
            .list(a[0].items.map { .int($0.i * a[1].i) })
        }
        op("shift", ["op:Add", "op:Comprehension"], [.list(.int), .int], .list(.int), cost: 2, { "[x + \($0[1]) for x in \($0[0])]" }) { a in
            .list(a[0].items.map { .int($0.i + a[1].i) })
        }
        op("powers", ["op:Pow", "op:Comprehension"], [.list(.int), .int], .list(.int), cost: 2, { "[x ** \($0[1]) for x in \($0[0])]" }) { a in
            guard let k = a[1].i.small, k >= 2, k <= 64 else { return nil }
            var out: [PyValue] = [], bits = 0
            for item in a[0].items {
                guard let p = item.i.power(.small(k), maxBits: L.maxBits) else { return nil }
                bits += p.bitWidth
                guard bits <= L.maxWeight * 8 else { return nil }
                out.append(.int(p))
            }
            return .list(out)
        }
        op("selfrepeat", ["attr:count", "op:Comprehension"], [.list(.int)], .list(.int), cost: 2, { "[x for x in \($0[0]) for _ in range(x)]" }) { a in
            // Each item as many times as it says: the list whose count of x is x.
            var out: [PyValue] = []
            for item in a[0].items {
                guard let n = item.i.small else { return nil }
                guard n > 0 else { continue }
                guard n <= L.maxListLength - out.count else { return nil }
                out.append(contentsOf: repeatElement(item, count: n))
            }
            return .list(out)
        }
        op("prepend", ["op:Add", "op:Comprehension"], [.str, .list(.str)], .list(.str), cost: 2, { "[\($0[0]) + x for x in \($0[1])]" }) { a in
            mapStrings(a[1].items, limit: L.maxWeight) { a[0].s + $0 }
        }
        op("append", ["op:Add", "op:Comprehension"], [.list(.str), .str], .list(.str), cost: 2, { "[x + \($0[1]) for x in \($0[0])]" }) { a in
            mapStrings(a[0].items, limit: L.maxWeight) { $0 + a[1].s }
        }
        op("repeats", ["op:Mult", "op:Comprehension"], [.str, .list(.int)], .list(.str), cost: 2, { "[\($0[0]) * x for x in \($0[1])]" }) { a in
            var out: [PyValue] = [], total = 0
            for item in a[1].items {
                guard let n = item.i.small, n <= L.maxWeight else { return nil }
                total += max(n, 0) * a[0].s.utf8.count
                guard total <= L.maxWeight else { return nil }
                out.append(.str(String(repeating: a[0].s, count: max(n, 0))))
            }
            return .list(out)
        }
        op("strs", ["name:str", "op:Comprehension"], [.list(.int)], .list(.str), cost: 2, { "[str(x) for x in \($0[0])]" }) { a in
            .list(a[0].items.map { .str($0.i.description) })
        }
        op("floats", ["name:float", "op:Comprehension"], [.list(.int)], .list(.float), cost: 2, { "[float(x) for x in \($0[0])]" }) { a in
            var out: [PyValue] = []
            for item in a[0].items { guard let d = item.i.double else { return nil }; out.append(.float(d)) }
            return .list(out)
        }
        op("distinct", ["name:set"], [.list(.int)], .list(.int), cost: 2, { "sorted(set(\($0[0])))" }) { a in
            .list(Array(Set(a[0].items.map(\.i))).sorted().map { .int($0) })
        }
        op("lensof", ["name:len", "op:Comprehension"], [.list(.str)], .list(.int), cost: 2, { "[len(s) for s in \($0[0])]" }) { a in
            .list(a[0].items.map { .integer($0.s.unicodeScalars.count) })
        }
        // Lists of any element type.
        for list in types.filter({ $0.element != nil }).sorted(by: { $0.description < $1.description }) {
            let element = list.element!
            op("singleton", ["op:List"], [element], list, { "[\($0[0])]" }) { a in .list([a[0]]) }
            op("pair", ["op:List"], [element, element], list, cost: 2, { "[\($0[0]), \($0[1])]" }) { a in .list([a[0], a[1]]) }
            op("lrepeat", ["op:Mult", "attr:count"], [list, .int], list, { "(\($0[0]) * \($0[1]))" }) { a in
                guard let n = a[1].i.small, n >= 0, n <= L.maxListLength, n * max(a[0].items.count, 1) <= L.maxListLength, n * a[0].weight <= L.maxListWeight else { return nil }
                return .list(Array([[PyValue]](repeating: a[0].items, count: n).joined()))
            }
            op("lconcat", ["op:Add"], [list, list], list, { "(\($0[0]) + \($0[1]))" }) { a in
                a[0].items.count + a[1].items.count > L.maxListLength ? nil : .list(a[0].items + a[1].items)
            }
            op("lreverse", ["op:Slice", "name:reversed"], [list], list, cost: 2, { "\($0[0])[::-1]" }) { a in .list(a[0].items.reversed()) }
            op("lsorted", ["name:sorted", "attr:sort"], [list], list, cost: 2, { "sorted(\($0[0]))" }) { a in
                .list(a[0].items.sorted(by: PyValue.lessThan))
            }
            op("lprefix", ["op:Slice"], [list, .int], list, cost: 2, { "\($0[0])[:\($0[1])]" }) { a in
                guard let n = a[1].i.small else { return nil }
                return .list(pythonSlice(a[0].items, upTo: n) ?? [])
            }
            op("lsuffix", ["op:Slice"], [list, .int], list, cost: 2, { "\($0[0])[\($0[1]):]" }) { a in
                guard let n = a[1].i.small else { return nil }
                return .list(pythonSlice(a[0].items, from: n) ?? [])
            }
            if element != .int, element != .str {
                op("llen", ["name:len"], [list], .int, { "len(\($0[0]))" }) { a in .integer(a[0].items.count) }
            }
        }
        op("llen", ["name:len"], [.list(.int)], .int, { "len(\($0[0]))" }) { a in .integer(a[0].items.count) }
        op("llen", ["name:len"], [.list(.str)], .int, { "len(\($0[0]))" }) { a in .integer(a[0].items.count) }
        return ops.filter { op in op.arguments.allSatisfy(types.contains) && types.contains(op.result) }
    }
}

import Foundation

@inline(__always) func Foundation_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

func BigIntParse(_ s: String) -> PyInt? {
    if s.count <= 18, let v = Int(s) { return .small(v) }
    return Numbers.BigInt(s).map(PyInt.init)
}

import Numbers

/// Non-overlapping occurrences, as Python's `str.count` (an empty needle counts len + 1). Code points are
/// compared exactly (no Unicode equivalence, unlike Foundation's search).
func countOccurrences(_ haystack: String, _ needle: String) -> Int {
    let h = Array(haystack.unicodeScalars), n = Array(needle.unicodeScalars)
    if n.isEmpty { return h.count + 1 }
    var count = 0, i = 0
    while i + n.count <= h.count {
        if h[i] == n[0] && h[i..<i + n.count].elementsEqual(n) { count += 1; i += n.count } else { i += 1 }
    }
    return count
}

/// The code-point index of the first occurrence, or -1, as Python's `str.find`.
func findOccurrence(_ haystack: String, _ needle: String) -> Int {
    let h = Array(haystack.unicodeScalars), n = Array(needle.unicodeScalars)
    if n.isEmpty { return 0 }
    var i = 0
    while i + n.count <= h.count {
        if h[i] == n[0] && h[i..<i + n.count].elementsEqual(n) { return i }
        i += 1
    }
    return -1
}

/// Python's `s.split(sep)` and `s.replace(old, new)` for a non-empty separator, on exact code points.
func splitOccurrences(_ haystack: String, _ separator: String) -> [String] {
    let h = Array(haystack.unicodeScalars), n = Array(separator.unicodeScalars)
    var parts: [String] = [], start = 0, i = 0
    while i + n.count <= h.count {
        if h[i] == n[0] && h[i..<i + n.count].elementsEqual(n) {
            parts.append(String(String.UnicodeScalarView(h[start..<i])))
            i += n.count
            start = i
        } else { i += 1 }
    }
    parts.append(String(String.UnicodeScalarView(h[start...])))
    return parts
}

/// Each str of `items` through `transform`, or nil when their total length passes `limit` bytes.
func mapStrings(_ items: [PyValue], limit: Int, _ transform: (String) -> String) -> PyValue? {
    var out: [PyValue] = [], total = 0
    for item in items {
        let s = transform(item.s)
        total += s.utf8.count
        guard total <= limit else { return nil }
        out.append(.str(s))
    }
    return .list(out)
}

/// `items[:n]` and `items[n:]` with Python's negative indices.
func pythonSlice<T>(_ items: [T], upTo n: Int) -> [T]? {
    let end = n < 0 ? max(items.count + n, 0) : min(n, items.count)
    return Array(items[..<end])
}

func pythonSlice<T>(_ items: [T], from n: Int) -> [T]? {
    let start = n < 0 ? max(items.count + n, 0) : min(n, items.count)
    return Array(items[start...])
}

extension PyValue {
    var i: PyInt { if case .int(let v) = self { return v }; fatalError("not an int") }
    var f: Double { if case .float(let v) = self { return v }; fatalError("not a float") }
    var s: String { if case .str(let v) = self { return v }; fatalError("not a str") }
    var b: Bool { if case .bool(let v) = self { return v }; fatalError("not a bool") }
    var items: [PyValue] { if case .list(let v) = self { return v }; fatalError("not a list") }

    /// Python's ordering for values of one type (lists lexicographically).
    static func lessThan(_ a: PyValue, _ b: PyValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        case (.bool(let x), .bool(let y)): return !x && y
        case (.str(let x), .str(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        case (.list(let x), .list(let y)):
            for (p, q) in zip(x, y) where p != q { return lessThan(p, q) }
            return x.count < y.count
        default: return false
        }
    }
}
