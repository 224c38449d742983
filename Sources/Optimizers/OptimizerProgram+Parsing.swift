/// A program that does not parse, with where: 1-based line and column.
public struct ProgramParseError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "line \(line), column \(column): \(message)" }

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

extension OptimizerProgram {
    /// Reads the text form: an optional `def train(w, g, m, v, lr):` header, one assignment a line
    /// (`x = f(a, b)`, `x = a * b`, `x = -a`, `x = a`, or expressions nesting them), `#` comments, and
    /// `return update, m, v` last.
    /// Refused with a position: a syntax error, an unknown function, an undefined variable, a wrong arity.
    public init(parsing text: String) throws {
        var statements: [Statement] = []
        var defined = Set(OptimizerProgram.inputs)
        var outputs: [String]?
        var temporaries = TemporaryNames(taken: OptimizerProgram.names(in: text))
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            var lexer = ProgramLexer(line: line, number: lineNumber)
            let tokens = try lexer.tokens()
            guard let first = tokens.first else { continue }
            if outputs != nil { throw ProgramParseError(line: lineNumber, column: first.column, message: "statements after return") }
            if case .name("def") = first.kind {
                guard statements.isEmpty, tokens.count >= 2 else { throw ProgramParseError(line: lineNumber, column: first.column, message: "def must come first") }
                try OptimizerProgram.checkHeader(tokens, line: lineNumber)
                continue
            }
            if case .name("return") = first.kind {
                var names: [String] = []
                var expectName = true
                for token in tokens.dropFirst() {
                    switch (token.kind, expectName) {
                    case (.name(let n), true):
                        guard defined.contains(n) else { throw ProgramParseError(line: lineNumber, column: token.column, message: "undefined variable \(n)") }
                        names.append(n)
                        expectName = false
                    case (.symbol(","), false): expectName = true
                    default: throw ProgramParseError(line: lineNumber, column: token.column, message: "return takes three variables: update, m, v")
                    }
                }
                guard names.count == 3 else { throw ProgramParseError(line: lineNumber, column: first.column, message: "return takes three variables: update, m, v") }
                outputs = names
                continue
            }
            var assignment = AssignmentParser(tokens: tokens, line: lineNumber, defined: defined)
            for statement in try assignment.statements(temporaries: &temporaries) {
                defined.insert(statement.target)
                statements.append(statement)
            }
        }
        guard let outputs else {
            throw ProgramParseError(line: text.split(separator: "\n", omittingEmptySubsequences: false).count, column: 1, message: "missing return update, m, v")
        }
        self.init(statements: statements, outputs: outputs)
    }

    private static func checkHeader(_ tokens: [Token], line: Int) throws {
        let expected: [Token.Kind] = [.name("def"), .name("train"), .symbol("(")] + inputs.enumerated().flatMap { i, n in
            i == 0 ? [Token.Kind.name(n)] : [.symbol(","), .name(n)]
        } + [.symbol(")"), .symbol(":")]
        for (i, kind) in expected.enumerated() {
            guard i < tokens.count, tokens[i].kind == kind else {
                throw ProgramParseError(line: line, column: i < tokens.count ? tokens[i].column : (tokens.last?.column ?? 1), message: "the header is def train(w, g, m, v, lr):")
            }
        }
        if tokens.count > expected.count { throw ProgramParseError(line: line, column: tokens[expected.count].column, message: "unexpected text after the header") }
    }

    /// The names a text uses anywhere, so that the temporaries of nested expressions take others.
    private static func names(in text: String) -> Set<String> {
        var names = Set<String>()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            var lexer = ProgramLexer(line: line, number: index + 1)
            for token in (try? lexer.tokens()) ?? [] { if case .name(let name) = token.kind { names.insert(name) } }
        }
        return names
    }
}

/// One assignment `name = expression`. The expression may nest calls and operators with Python's precedence
/// (`lr * sign(interp(g, m, 0.9))`); it becomes one statement per function, the inner ones assigned to temporaries
/// t1, t2, ... that the text does not use.
struct AssignmentParser {
    /// An expression read but not yet lowered: a constant or variable, or a function of subexpressions.
    indirect enum Node {
        case argument(OptimizerProgram.Argument)
        case apply(OptimizerFunction, [Node])
    }

    let tokens: [Token]
    let line: Int
    let defined: Set<String>
    var at = 2

    init(tokens: [Token], line: Int, defined: Set<String>) {
        self.tokens = tokens
        self.line = line
        self.defined = defined
    }

    /// The statements of the assignment, the last assigning its target. `temporaries` supplies fresh names.
    mutating func statements(temporaries: inout TemporaryNames) throws -> [OptimizerProgram.Statement] {
        guard case .name(let target) = tokens[0].kind, tokens.count >= 3, tokens[1].kind == .symbol("=") else {
            throw ProgramParseError(line: line, column: tokens[0].column, message: "expected an assignment: name = expression")
        }
        let node = try sum()
        if at < tokens.count { throw unexpected(tokens[at]) }
        var statements: [OptimizerProgram.Statement] = []
        switch node {
        case .argument(let argument):
            // A copy: x = a is x = a * 1.
            statements.append(.init(target: target, function: .multiply, arguments: [argument, .constant(1)]))
        case .apply(let function, let operands):
            let arguments = operands.map { lower($0, into: &statements, temporaries: &temporaries) }
            statements.append(.init(target: target, function: function, arguments: arguments))
        }
        return statements
    }

    private func lower(_ node: Node, into statements: inout [OptimizerProgram.Statement], temporaries: inout TemporaryNames) -> OptimizerProgram.Argument {
        switch node {
        case .argument(let argument): return argument
        case .apply(let function, let operands):
            let arguments = operands.map { lower($0, into: &statements, temporaries: &temporaries) }
            let name = temporaries.next()
            statements.append(.init(target: name, function: function, arguments: arguments))
            return .variable(name)
        }
    }

    // sum := product (("+" | "-") product)*
    private mutating func sum() throws -> Node {
        var node = try product()
        while let op = symbol(in: ["+", "-"]) { node = .apply(OptimizerFunction(rawValue: op)!, [node, try product()]) }
        return node
    }

    // product := unary (("*" | "/") unary)*
    private mutating func product() throws -> Node {
        var node = try unary()
        while let op = symbol(in: ["*", "/"]) { node = .apply(OptimizerFunction(rawValue: op)!, [node, try unary()]) }
        return node
    }

    // unary := "-" unary | atom
    private mutating func unary() throws -> Node {
        if symbol(in: ["-"]) != nil { return .apply(.negate, [try unary()]) }
        return try atom()
    }

    // atom := number | name | name "(" sum ("," sum)* ")" | "(" sum ")"
    private mutating func atom() throws -> Node {
        guard at < tokens.count else { throw ProgramParseError(line: line, column: tokens[at - 1].column, message: "the expression ends too early") }
        let token = tokens[at]
        at += 1
        switch token.kind {
        case .number(let value): return .argument(.constant(value))
        case .name(let name):
            guard at < tokens.count, tokens[at].kind == .symbol("(") else {
                guard defined.contains(name) else { throw ProgramParseError(line: line, column: token.column, message: "undefined variable \(name)") }
                return .argument(.variable(name))
            }
            guard let function = OptimizerFunction(named: name) else {
                throw ProgramParseError(line: line, column: token.column, message: "unknown function \(name)")
            }
            at += 1
            var operands: [Node] = []
            if symbol(in: [")"]) == nil {
                repeat { operands.append(try sum()) } while symbol(in: [","]) != nil
                try expect(")")
            }
            guard operands.count == function.arity else {
                throw ProgramParseError(line: line, column: token.column, message: "\(name) takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), not \(operands.count)")
            }
            return .apply(function, operands)
        case .symbol("("):
            let node = try sum()
            try expect(")")
            return node
        case .symbol:
            throw unexpected(token)
        }
    }

    private mutating func symbol(in symbols: Set<String>) -> String? {
        guard at < tokens.count, case .symbol(let s) = tokens[at].kind, symbols.contains(s) else { return nil }
        at += 1
        return s
    }

    private mutating func expect(_ s: String) throws {
        guard symbol(in: [s]) != nil else {
            guard at < tokens.count else { throw ProgramParseError(line: line, column: tokens[at - 1].column, message: "expected \(s)") }
            throw ProgramParseError(line: line, column: tokens[at].column, message: "expected \(s), not \(tokens[at].text)")
        }
    }

    private func unexpected(_ token: Token) -> ProgramParseError {
        ProgramParseError(line: line, column: token.column, message: "unexpected \(token.text)")
    }
}

/// Fresh names t1, t2, ... for the temporaries of nested expressions, skipping the names a text uses.
struct TemporaryNames {
    let taken: Set<String>
    var count = 0

    mutating func next() -> String {
        while true {
            count += 1
            if !taken.contains("t\(count)") { return "t\(count)" }
        }
    }
}

struct Token: Equatable {
    enum Kind: Equatable {
        case name(String)
        case number(Double)
        case symbol(String)
    }
    let kind: Kind
    let column: Int

    var text: String {
        switch kind {
        case .name(let name): return name
        case .number(let value): return "\(value)"
        case .symbol(let symbol): return symbol
        }
    }
}

struct ProgramLexer {
    let characters: [Character]
    let number: Int
    var at = 0

    init(line: String, number: Int) {
        characters = Array(line)
        self.number = number
    }

    mutating func tokens() throws -> [Token] {
        var out: [Token] = []
        while at < characters.count {
            let c = characters[at]
            let column = at + 1
            if c == " " || c == "\t" || c == "\r" { at += 1; continue }
            if c.isLetter || c == "_" {
                var name = ""
                while at < characters.count, characters[at].isLetter || characters[at].isNumber || characters[at] == "_" { name.append(characters[at]); at += 1 }
                out.append(Token(kind: .name(name), column: column))
                continue
            }
            let previousIsValue: Bool = {
                guard let last = out.last else { return false }
                if case .symbol(let s) = last.kind { return s == ")" }
                return true
            }()
            if c.isNumber || c == "." || (c == "-" && !previousIsValue && at + 1 < characters.count && (characters[at + 1].isNumber || characters[at + 1] == ".")) {
                var text = String(c)
                at += 1
                while at < characters.count {
                    let d = characters[at]
                    if d.isNumber || d == "." || d == "e" || d == "E" || ((d == "-" || d == "+") && (text.last == "e" || text.last == "E")) { text.append(d); at += 1 } else { break }
                }
                guard let value = Double(text), value.isFinite else { throw ProgramParseError(line: number, column: column, message: "bad number \(text)") }
                out.append(Token(kind: .number(value), column: column))
                continue
            }
            if "=(),:+-*/".contains(c) {
                out.append(Token(kind: .symbol(String(c)), column: column))
                at += 1
                continue
            }
            throw ProgramParseError(line: number, column: column, message: "unexpected character \(c)")
        }
        return out
    }
}
