import Numbers

/// JSON as Python reads and writes it: integers of any size stay exact and distinct from floats (`1` is an
/// int, `1.0` a float), and `NaN`/`Infinity` are accepted. Foundation's JSON conflates both distinctions.
public indirect enum JSONNode: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(PyInt)
    case float(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

    public subscript(key: String) -> JSONNode? {
        if case .object(let fields) = self { return fields[key] } else { return nil }
    }

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var int: Int? { if case .int(let i) = self { return i.small } else { return nil } }
    public var array: [JSONNode]? { if case .array(let a) = self { return a } else { return nil } }

    /// The Python value this JSON denotes, or nil for null, objects, and lists of mixed types.
    public var value: PyValue? {
        switch self {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let f): return .float(f)
        case .string(let s): return .str(s)
        case .array(let items):
            var values: [PyValue] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let v = item.value else { return nil }
                values.append(v)
            }
            return .list(values)
        case .null, .object: return nil
        }
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Parses one JSON document (`maxDepth` bounds nesting, so hostile input cannot exhaust the stack).
    public static func parse(_ text: some StringProtocol, maxDepth: Int = 200) throws -> JSONNode {
        var parser = Parser(bytes: Array(text.utf8), maxDepth: maxDepth)
        parser.skipSpace()
        let node = try parser.parseValue(depth: 0)
        parser.skipSpace()
        guard parser.at == parser.bytes.count else { throw ParseError(offset: parser.at, reason: "text after the value") }
        return node
    }

    private struct Parser {
        let bytes: [UInt8]
        let maxDepth: Int
        var at = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        func fail(_ reason: String) -> ParseError { ParseError(offset: at, reason: reason) }

        mutating func expect(_ word: String) throws {
            let w = Array(word.utf8)
            guard at + w.count <= bytes.count, Array(bytes[at..<at + w.count]) == w else { throw fail("expected \(word)") }
            at += w.count
        }

        mutating func parseValue(depth: Int) throws -> JSONNode {
            guard depth <= maxDepth else { throw fail("nested deeper than \(maxDepth)") }
            guard at < bytes.count else { throw fail("unexpected end") }
            switch bytes[at] {
            case UInt8(ascii: "{"):
                at += 1
                var fields: [String: JSONNode] = [:]
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(fields) }
                while true {
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                    let key = try parseString()
                    skipSpace()
                    try expect(":")
                    skipSpace()
                    fields[key] = try parseValue(depth: depth + 1)
                    skipSpace()
                    guard at < bytes.count else { throw fail("unexpected end") }
                    if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                    if bytes[at] == UInt8(ascii: "}") { at += 1; return .object(fields) }
                    throw fail("expected , or }")
                }
            case UInt8(ascii: "["):
                at += 1
                var items: [JSONNode] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                while true {
                    skipSpace()
                    items.append(try parseValue(depth: depth + 1))
                    skipSpace()
                    guard at < bytes.count else { throw fail("unexpected end") }
                    if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                    if bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                    throw fail("expected , or ]")
                }
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "N"): try expect("NaN"); return .float(.nan)
            case UInt8(ascii: "I"): try expect("Infinity"); return .float(.infinity)
            default: return try parseNumber()
            }
        }

        mutating func parseNumber() throws -> JSONNode {
            let start = at
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") {
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "I") { try expect("Infinity"); return .float(-.infinity) }
            }
            var isFloat = false
            while at < bytes.count {
                let c = bytes[at]
                if c >= 0x30 && c <= 0x39 { at += 1 } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
                    || ((c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && at > start) {
                    isFloat = true
                    at += 1
                } else { break }
            }
            let text = String(decoding: bytes[start..<at], as: UTF8.self)
            guard !text.isEmpty, text != "-" else { throw fail("expected a value") }
            if isFloat {
                guard let d = Double(text) else { throw fail("bad number \(text.prefix(40))") }
                return .float(d)
            }
            if text.count <= 18, let i = Int(text) { return .int(.small(i)) }
            guard let big = BigInt(text) else { throw fail("bad number \(text.prefix(40))") }
            return .int(PyInt(big))
        }

        mutating func parseString() throws -> String {
            at += 1
            var scalars = String.UnicodeScalarView()
            var run = at
            func flush(_ p: inout Parser, to end: Int) {
                if end > run { scalars.append(contentsOf: String(decoding: p.bytes[run..<end], as: UTF8.self).unicodeScalars) }
            }
            while true {
                guard at < bytes.count else { throw fail("unterminated string") }
                let c = bytes[at]
                if c == UInt8(ascii: "\"") {
                    flush(&self, to: at)
                    at += 1
                    return String(scalars)
                }
                if c == UInt8(ascii: "\\") {
                    flush(&self, to: at)
                    at += 1
                    guard at < bytes.count else { throw fail("unterminated string") }
                    let e = bytes[at]
                    at += 1
                    switch e {
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{c}")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code), at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") {
                            let save = at
                            at += 2
                            let low = try hex4()
                            if (0xDC00..<0xE000).contains(low) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) } else { at = save }
                        }
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: throw fail("bad escape")
                    }
                    run = at
                    continue
                }
                at += 1
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16) else { throw fail("bad \\u escape") }
            at += 4
            return v
        }
    }
}

extension PyValue {
    /// The value as JSON that Python's `json.loads` turns back into exactly this value: floats always carry a
    /// point or an exponent, integers are plain digits of any length.
    public var json: String {
        var out = ""
        write(to: &out)
        return out
    }

    public func write(to out: inout String) {
        switch self {
        case .int(let i): out += i.description
        case .float(let f): out += PyValue.pythonFloat(f)
        case .bool(let b): out += b ? "true" : "false"
        case .str(let s): PyValue.writeJSONString(s, to: &out)
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(to: &out)
            }
            out += "]"
        }
    }

    static func pythonFloat(_ f: Double) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Infinity" : "Infinity" }
        let text = "\(f)"
        return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? text : text + ".0"
    }

    static func writeJSONString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The value as Python source (`True`, `'abc'`, `[1, 2]`), for expressions and reports.
    public var python: String {
        switch self {
        case .int(let i): return i.description
        case .float(let f):
            if f.isNaN { return "float('nan')" }
            if f.isInfinite { return f < 0 ? "float('-inf')" : "float('inf')" }
            return PyValue.pythonFloat(f)
        case .bool(let b): return b ? "True" : "False"
        case .str(let s): return PyValue.pythonString(s)
        case .list(let items): return "[" + items.map(\.python).joined(separator: ", ") + "]"
        }
    }

    static func pythonString(_ s: String) -> String {
        var out = "'"
        for scalar in s.unicodeScalars {
            switch scalar {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "'"
    }
}
