import Foundation
import Puzzles
import Testing

/// The enumeration: values by cost from sat's constants, each value once.
@Suite struct EnumerationTests {
    static func analysis(defaults: [(String, PyValue)] = [], constants: [PyValue] = [], names: [String] = [], attributes: [String] = [],
                         operators: [String] = []) throws -> SatAnalysis {
        var json = "{\"defaults\": [" + defaults.map { "{\"name\": \"\($0.0)\", \"value\": \($0.1.json)}" }.joined(separator: ", ") + "], "
        json += "\"constants\": [" + constants.map(\.json).joined(separator: ", ") + "], "
        json += "\"names\": [" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "], "
        json += "\"attrs\": [" + attributes.map { "\"\($0)\"" }.joined(separator: ", ") + "], "
        json += "\"ops\": [" + operators.map { "\"\($0)\"" }.joined(separator: ", ") + "]}"
        return SatAnalysis(parsing: try JSONNode.parse(json))
    }

    static func values(_ analysis: SatAnalysis, _ type: AnswerType, count: Int, guidance: Guidance = Guidance()) -> [ValueEnumerator.Enumerated] {
        var enumerator = EnumerationPlan(analysis: analysis, answerType: type, guidance: guidance).enumerator()
        var out: [ValueEnumerator.Enumerated] = []
        while out.count < count, let next = enumerator.next() { out.append(next) }
        return out
    }

    @Test func theDifferenceOfTwoDefaultsComesEarlyAndReadsByName() throws {
        // def sat(x: int, a=1073258, b=72352549): return a + x == b
        let analysis = try EnumerationTests.analysis(defaults: [("a", .integer(1073258)), ("b", .integer(72352549))], operators: ["Add", "Eq"])
        let values = EnumerationTests.values(analysis, .int, count: 200)
        let hit = values.firstIndex { $0.value == .integer(72352549 - 1073258) }
        #expect(hit != nil && hit! < 60, "\(String(describing: hit))")
        #expect(values[hit!].expression == "(b - a)")
        #expect(Set(values.map(\.value)).count == values.count, "every value once")
        #expect(values.allSatisfy { $0.value.has(type: .int) })
    }

    @Test func listsAndStringsAreBuiltFromSatsOwnPieces() throws {
        // def sat(s: str): return s.count('o') == 1000 and s.count('oo') == 0
        let analysis = try EnumerationTests.analysis(constants: [.str("o"), .integer(1000), .str("oo"), .integer(0)], attributes: ["count"],
                                                     operators: ["And", "Eq"])
        let values = EnumerationTests.values(analysis, .str, count: 1000)
        #expect(values.contains { $0.value == .str(String(repeating: "o", count: 1000)) && $0.expression == "('o' * 1000)" })
        #expect(values.allSatisfy { $0.value.has(type: .str) })
        let lists = EnumerationTests.values(try EnumerationTests.analysis(defaults: [("n", .integer(999))], names: ["sorted", "range", "list"]),
                                            .list(.int), count: 500)
        #expect(lists.contains { $0.value == .list((0..<999).map { .integer($0) }) })
    }

    @Test func floatAndSubstringOperationsComputeWhatPythonDoes() throws {
        // Each expected value is what Python 3.11 prints for the operation's rendered expression.
        let analysis = try EnumerationTests.analysis(constants: [.str("hello"), .float(1.5)])
        let plan = EnumerationPlan(analysis: analysis, answerType: .list(.float), guidance: Guidance())
        func apply(_ key: String, _ arguments: PyValue...) -> PyValue? {
            plan.operations.first { $0.key == key && $0.arguments.count == arguments.count }?.evaluate(arguments)
        }
        #expect(apply("fmod", .float(7.5), .float(-2)) == .float(-0.5))
        #expect(apply("fmod", .float(-7.5), .float(2)) == .float(0.5))
        #expect(apply("fmod", .float(-6), .float(3)) == .float(0))
        #expect(apply("fmod", .float(523.12892), .float(1)) == .float(0.1289199999999937))
        #expect(apply("fmod", .float(1), .float(0)) == nil, "ZeroDivisionError")
        #expect(apply("trunc", .float(-2.7)) == .integer(-2) && apply("trunc", .float(3.99)) == .integer(3))
        #expect(apply("trunc", .float(.nan)) == nil)
        #expect(apply("parsefloat", .str("1e-3")) == .float(0.001) && apply("parsefloat", .str("-12.5")) == .float(-12.5))
        #expect(apply("parsefloat", .str("0x1p3")) == nil && apply("parsefloat", .str("inf")) == nil)
        let substrings = ["", "e", "el", "ell", "ello", "h", "he", "hel", "hell", "hello", "l", "ll", "llo", "lo", "o"]
        #expect(apply("substrings", .str("hello")) == .list(substrings.map { .str($0) }))
    }

    @Test func enumerationIsDeterministic() throws {
        let analysis = try EnumerationTests.analysis(defaults: [("target", .str("hello")), ("n", .integer(7))], attributes: ["upper"])
        let a = EnumerationTests.values(analysis, .list(.str), count: 3000).map(\.expression)
        let b = EnumerationTests.values(analysis, .list(.str), count: 3000).map(\.expression)
        #expect(a == b && a.count == 3000)
    }

    @Test func guidanceMakesOperationsThatSolvedSimilarPuzzlesCheaper() throws {
        var guidance = Guidance()
        for _ in 0..<10 { guidance.learn(features: ["name:len", "ans:str"], operations: ["repeat"]) }
        for _ in 0..<10 { guidance.learn(features: ["op:Mod", "ans:int"], operations: ["mod"]) }
        #expect(guidance.costChange(operation: "repeat", features: ["name:len", "ans:str"]) == -1)
        #expect(guidance.costChange(operation: "mod", features: ["name:len", "ans:str"]) == 1)
        #expect(guidance.costChange(operation: "repeat", features: ["name:unseen"]) == 0)
        #expect(Guidance().costChange(operation: "repeat", features: ["name:len"]) == 0)
    }
}

/// Every operation of the catalog on extreme arguments: no crash, no overflow, values of the declared type.
@Suite struct OperationCatalogTests {
    @Test func comprehensionsMapListsAsPythonDoes() throws {
        // Each expected value is what Python 3.11 gives for the operation's rendered expression.
        let plan = EnumerationPlan(analysis: try EnumerationTests.analysis(), answerType: .list(.int), guidance: Guidance())
        func apply(_ key: String, _ arguments: PyValue...) -> PyValue? {
            plan.operations.first { $0.key == key && $0.arguments.count == arguments.count }?.evaluate(arguments)
        }
        func ints(_ values: Int...) -> PyValue { .list(values.map { .integer($0) }) }
        func strs(_ values: String...) -> PyValue { .list(values.map { .str($0) }) }
        #expect(apply("selfrepeat", ints(3, 0, -2, 2)) == ints(3, 3, 3, 2, 2))
        #expect(apply("powers", ints(-2, 0, 3), .integer(3)) == ints(-8, 0, 27))
        #expect(apply("prepend", .str("ab"), strs("x", "")) == strs("abx", "ab"))
        #expect(apply("append", strs("x", ""), .str("!")) == strs("x!", "!"))
        #expect(apply("repeats", .str("ab"), ints(2, 0, -1)) == strs("abab", "", ""))
        // def sat(li: List[int]): return all(li.count(i) == i for i in range(10))
        let analysis = try EnumerationTests.analysis(constants: [.integer(10)], names: ["all", "range"], attributes: ["count"],
                                                     operators: ["Comprehension", "Eq"])
        let wanted = PyValue.list((0..<10).flatMap { i in Array(repeating: PyValue.integer(i), count: i) })
        let values = EnumerationTests.values(analysis, .list(.int), count: 2000)
        #expect(values.contains { $0.value == wanted && $0.expression == "[x for x in list(range(10)) for _ in range(x)]" })
    }

    @Test func listsGrowAsLongAsSatsSizesAskButAreNotBuiltUpon() throws {
        // def sat(li: List[int], dups=42155): return len(set(li)) == len(li) - dups
        let analysis = try EnumerationTests.analysis(defaults: [("dups", .integer(42155))], names: ["len", "set"], operators: ["Eq", "Sub"])
        let limits = ValueLimits(sizesIn: analysis)
        #expect(limits.maxListLength == 42156 && limits.maxLength == 10_000)
        let values = EnumerationTests.values(analysis, .list(.int), count: 2000)
        let long = values.filter { if case .list(let items) = $0.value { return items.count > 42155 } else { return false } }
        #expect(long.contains { $0.value == .list(Array(repeating: .integer(42156), count: 42156)) })
        // Such a list is a candidate only, not a part of another: list(range(dups)) + [1] would be.
        #expect(long.allSatisfy { !$0.expression.contains("list(range(dups)) + ") && !$0.expression.contains(" + list(range(dups))") })
        // Integers too large to be sizes leave the limits alone.
        #expect(ValueLimits(sizesIn: try EnumerationTests.analysis(defaults: [("n", .integer(10_000_000))])).maxListLength == 10_000)
    }

    @Test func everyOperationSurvivesExtremeArguments() throws {
        let ints: [PyValue] = [.integer(0), .integer(1), .integer(-1), .integer(Int.max), .integer(Int.min), .integer(1 << 40),
                               try JSONNode.parse("1" + String(repeating: "9", count: 400)).value!, .integer(-1 << 62)]
        let strs: [PyValue] = [.str(""), .str("é"), .str("e\u{301}"), .str("abcabc"), .str(String(repeating: "xy", count: 3000)), .str("-12"), .str("😀a")]
        let floats: [PyValue] = [.float(0), .float(-0.0), .float(1e308), .float(-1e-308), .float(.nan), .float(.infinity)]
        let samples: [AnswerType: [PyValue]] = [
            .int: ints, .str: strs, .float: floats, .bool: [.bool(true), .bool(false)],
            .list(.int): [.list([]), .list(ints), .list([.integer(3)])],
            .list(.str): [.list([]), .list(strs)],
            .list(.float): [.list([]), .list(floats)],
            .list(.list(.int)): [.list([]), .list([.list(ints), .list([])])],
        ]
        var plan = EnumerationPlan(analysis: try EnumerationTests.analysis(), answerType: .list(.list(.int)), guidance: Guidance())
        _ = plan.enumerator()
        var applied = 0
        for operation in plan.operations {
            let pools = operation.arguments.map { samples[$0] ?? [] }
            guard pools.allSatisfy({ !$0.isEmpty }) else { continue }
            var indices = Array(repeating: 0, count: pools.count)
            while true {
                if let value = operation.evaluate(zip(pools, indices).map { $0[$1] }) {
                    #expect(value.has(type: operation.result), "\(operation.key) gave \(value.python.prefix(80))")
                }
                applied += 1
                var k = 0
                while k < indices.count { indices[k] += 1; if indices[k] < pools[k].count { break }; indices[k] = 0; k += 1 }
                if k == indices.count { break }
            }
        }
        #expect(applied > 2000)
        plan = EnumerationPlan(analysis: try EnumerationTests.analysis(), answerType: .int, guidance: Guidance())
        #expect(!plan.operations.isEmpty)
    }
}
