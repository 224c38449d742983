import Foundation

/// A search's description, as its clients store it: two runs are the same search exactly when their
/// canonical JSON agrees, and the identifier names that search in databases and checkpoints.
public protocol SearchSpecification: Encodable {}

extension SearchSpecification {
    /// The spec as canonical JSON (sorted keys).
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// A stable 64-bit FNV-1a hash of the canonical JSON, in hex.
    public var canonicalHash: String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in canonicalJSON.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(hash, radix: 16)
    }
}

extension SearchSpecification where Self: Decodable {
    /// Reads a spec file; errors name the file and say what is wrong (`explain` phrases decoding errors).
    /// With `fields`, a top-level field not among them is refused, with the nearest known name: a misspelt
    /// field would otherwise be ignored without a word.
    public static func load(file path: String, fields: [String]? = nil, explain: (DecodingError) -> String = explainDecoding) throws -> Self {
        guard let data = FileManager.default.contents(atPath: path) else { throw SearchError("cannot read the spec file \(path)") }
        if let fields, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for key in object.keys.sorted() where !fields.contains(key) {
                throw SearchError("\(path): unknown field \"\(key)\"\(nearestName(key, in: fields).map { " (did you mean \"\($0)\"?)" } ?? "")")
            }
        }
        do { return try JSONDecoder().decode(Self.self, from: data) } catch DecodingError.dataCorrupted(let context)
            where context.codingPath.isEmpty && (try? JSONSerialization.jsonObject(with: data)) != nil {
            // Valid JSON that JSONDecoder calls invalid: a number its field's type cannot hold (a fraction, a negative
            // or too large a number where a whole number belongs).
            throw SearchError("\(path) is not a valid spec: \(unreadableNumber(Self.self, in: data).map { "the field \"\($0.field)\" is \($0.number); \(wholeNumberExpected($0.number))" } ?? "a field has a value of the wrong kind")")
        } catch let error as DecodingError {
            throw SearchError("\(path) is not a valid spec: \(explain(error))")
        } catch { throw SearchError("\(path) is not valid JSON") }
    }
}

/// The known name closest to `name` by edit distance, when it is close enough to be a likely misspelling.
public func nearestName(_ name: String, in known: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() { current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))) }
            previous = current
        }
        return previous[b.count]
    }
    let best = known.map { ($0, distance(Array(name.lowercased()), Array($0.lowercased()))) }.min { $0.1 < $1.1 }
    return best.flatMap { $0.1 <= max(2, name.count / 3) ? $0.0 : nil }
}

/// A decoding error in a spec, phrased by the field it concerns (JSONDecoder's own words say "not valid
/// JSON" for a number of the wrong kind, such as 5.5 where a whole number belongs).
public func explainDecoding(_ error: DecodingError) -> String {
    func field(_ context: DecodingError.Context) -> String {
        context.codingPath.reduce("") { path, key in key.intValue.map { "\(path)[\($0)]" } ?? (path.isEmpty ? key.stringValue : path + "." + key.stringValue) }
    }
    switch error {
    case .keyNotFound(let key, let context):
        let parent = field(context)
        return "missing \"\(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)\" (a required field)"
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
        return "the field \"\(field(context))\" should be \(describe(type))"
    case .dataCorrupted(let context):
        if field(context).isEmpty { return "not valid JSON" }
        // JSONDecoder's words for a name outside an enumeration: "Cannot initialize T from invalid String value x".
        if let range = context.debugDescription.range(of: "from invalid String value ") {
            return "the field \"\(field(context))\" is \"\(context.debugDescription[range.upperBound...])\", not one of the names it takes (see Conjectures/README.md)"
        }
        return "the field \"\(field(context))\" has a value of the wrong kind (a whole number where one is expected?)"
    @unknown default: return "\(error)"
    }
}

private func describe(_ type: Any.Type) -> String {
    switch type {
    case is Int.Type, is UInt64.Type: return "a whole number"
    case is Double.Type: return "a number"
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    default: return "of another type (\(type))"
    }
}

/// The number JSONDecoder would not read (it names no field when a number does not fit its type): each number
/// of the file in turn is replaced by 0 until the spec decodes past it. Returns the field and the number.
func unreadableNumber<T: Decodable>(_ type: T.Type, in data: Data) -> (field: String, number: NSNumber)? {
    guard let root = try? JSONSerialization.jsonObject(with: data) else { return nil }
    func decodesPast(_ value: Any) -> Bool {
        guard let data = try? JSONSerialization.data(withJSONObject: value) else { return false }
        do { _ = try JSONDecoder().decode(T.self, from: data); return true } catch DecodingError.dataCorrupted(let context) {
            return !context.codingPath.isEmpty
        } catch { return true }
    }
    // Visits every number with a way to rebuild the whole document around a replacement.
    func search(_ value: Any, _ path: String, _ rebuild: (Any) -> Any) -> (String, NSNumber)? {
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() {
                let found = search(object[key]!, path.isEmpty ? key : path + "." + key) { var copy = object; copy[key] = $0; return rebuild(copy) }
                if let found { return found }
            }
        } else if let array = value as? [Any] {
            for i in array.indices {
                if let found = search(array[i], "\(path)[\(i)]", { var copy = array; copy[i] = $0; return rebuild(copy) }) { return found }
            }
        } else if let number = value as? NSNumber, !isBoolean(number), decodesPast(rebuild(NSNumber(value: 0))) {
            return (path, number)
        }
        return nil
    }
    return search(root, "", { $0 }).map { (field: $0.0, number: $0.1) }
}

/// JSONSerialization reads true and false as numbers too; their type code is a char's.
private func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

/// Why `number` is no whole number of the kinds specs use.
func wholeNumberExpected(_ number: NSNumber) -> String {
    let value = number.doubleValue
    if value.rounded() != value { return "a whole number is expected" }
    if value < 0 { return "a whole number that is not negative is expected" }
    return "a whole number this large is not supported"
}
