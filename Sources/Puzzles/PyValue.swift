import Numbers

/// A Python integer: machine-sized while it fits, exact beyond.
public enum PyInt: Hashable, Sendable, Comparable {
    case small(Int)
    case big(BigInt)

    public init(_ value: BigInt) {
        if value.bitWidth < 63, let small = Int(value.description) { self = .small(small) } else { self = .big(value) }
    }

    public var big: BigInt {
        switch self {
        case .small(let v): return BigInt(v)
        case .big(let v): return v
        }
    }

    public var small: Int? { if case .small(let v) = self { return v } else { return nil } }

    public var description: String {
        switch self {
        case .small(let v): return String(v)
        case .big(let v): return v.description
        }
    }

    public static func < (lhs: PyInt, rhs: PyInt) -> Bool {
        if case .small(let a) = lhs, case .small(let b) = rhs { return a < b }
        return lhs.big < rhs.big
    }
}

/// A value of one of the answer types P3 uses, with Python's exact types: `True` is not an int and `1` is
/// not a float.
public indirect enum PyValue: Hashable, Sendable {
    case int(PyInt)
    case float(Double)
    case bool(Bool)
    case str(String)
    case list([PyValue])

    public static func integer(_ value: Int) -> PyValue { .int(.small(value)) }

    /// The answer type of this value, or nil for a list whose elements differ in type.
    public var type: AnswerType? {
        switch self {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .str: return .str
        case .list(let items):
            guard let first = items.first else { return nil }
            guard let element = first.type, items.dropFirst().allSatisfy({ $0.type == element }) else { return nil }
            return .list(element)
        }
    }

    /// Whether the value has exactly `type`, at every depth (an empty list has every list type).
    public func has(type: AnswerType) -> Bool {
        switch (self, type) {
        case (.int, .int), (.float, .float), (.bool, .bool), (.str, .str): return true
        case (.list(let items), .list(let element)): return items.allSatisfy { $0.has(type: element) }
        default: return false
        }
    }

    /// A rough size in bytes, to keep enumerated values small.
    public var weight: Int {
        switch self {
        case .int(.small), .float, .bool: return 8
        case .int(.big(let v)): return v.bitWidth / 8 + 16
        case .str(let s): return s.utf8.count + 8
        case .list(let items): return items.reduce(8) { $0 + $1.weight }
        }
    }
}

extension PyValue {
    /// Hashes the length and the ends of long lists and strings only: enumerated values are often long and
    /// differ at an end, and equality still compares them whole.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let i):
            hasher.combine(0 as UInt8)
            hasher.combine(i)
        case .float(let f):
            hasher.combine(1 as UInt8)
            hasher.combine(f)
        case .bool(let b):
            hasher.combine(2 as UInt8)
            hasher.combine(b)
        case .str(let s):
            hasher.combine(3 as UInt8)
            let utf8 = s.utf8
            hasher.combine(utf8.count)
            if utf8.count <= 64 {
                for byte in utf8 { hasher.combine(byte) }
            } else {
                for byte in utf8.prefix(32) { hasher.combine(byte) }
                for byte in utf8.suffix(32) { hasher.combine(byte) }
            }
        case .list(let items):
            hasher.combine(4 as UInt8)
            hasher.combine(items.count)
            if items.count <= 16 {
                for item in items { item.hash(into: &hasher) }
            } else {
                for item in items.prefix(8) { item.hash(into: &hasher) }
                for item in items.suffix(8) { item.hash(into: &hasher) }
            }
        }
    }
}
