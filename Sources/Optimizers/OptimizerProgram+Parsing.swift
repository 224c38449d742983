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
    /// (`x = f(a, b)`, `x = a * b`, `x = -a`, `x = a`), `#` comments, and `return update, m, v` last.
    /// Refused with a position: a syntax error, an unknown function, an undefined variable, a wrong arity.
    public init(parsing text: String) throws {
        var statements: [Statement] = []
        var defined = Set(OptimizerProgram.inputs)
        var outputs: [String]?
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
            let statement = try OptimizerProgram.statement(tokens, line: lineNumber, defined: defined)
            defined.insert(statement.target)
            statements.append(statement)
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

    private static func statement(_ tokens: [Token], line: Int, defined: Set<String>) throws -> Statement {
        guard case .name(let target) = tokens[0].kind, tokens.count >= 3, tokens[1].kind == .symbol("=") else {
            throw ProgramParseError(line: line, column: tokens[0].column, message: "expected an assignment: name = expression")
        }
        let rest = Array(tokens[2...])
        func argument(_ token: Token) throws -> Argument {
            switch token.kind {
            case .number(let value): return .constant(value)
            case .name(let name):
                guard defined.contains(name) else { throw ProgramParseError(line: line, column: token.column, message: "undefined variable \(name)") }
                return .variable(name)
            case .symbol(let s): throw ProgramParseError(line: line, column: token.column, message: "unexpected \(s)")
            }
        }
        // A call: f(a, b, ...).
        if rest.count >= 3, case .name(let name) = rest[0].kind, rest[1].kind == .symbol("(") {
            guard let function = OptimizerFunction(named: name) else {
                throw ProgramParseError(line: line, column: rest[0].column, message: "unknown function \(name)")
            }
            guard rest.last?.kind == .symbol(")") else { throw ProgramParseError(line: line, column: rest.last!.column, message: "expected )") }
            var arguments: [Argument] = []
            var expectArgument = true
            for token in rest[2..<(rest.count - 1)] {
                if expectArgument {
                    arguments.append(try argument(token))
                    expectArgument = false
                } else {
                    guard token.kind == .symbol(",") else { throw ProgramParseError(line: line, column: token.column, message: "expected , between arguments") }
                    expectArgument = true
                }
            }
            guard arguments.count == function.arity, !expectArgument || arguments.isEmpty else {
                throw ProgramParseError(line: line, column: rest[0].column, message: "\(name) takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), not \(arguments.count)")
            }
            return Statement(target: target, function: function, arguments: arguments)
        }
        // Negation: -a.
        if rest.count == 2, rest[0].kind == .symbol("-") {
            return Statement(target: target, function: .negate, arguments: [try argument(rest[1])])
        }
        // An operator: a op b.
        if rest.count == 3, case .symbol(let op) = rest[1].kind, let function = OptimizerFunction(rawValue: op), function.isOperator {
            return Statement(target: target, function: function, arguments: [try argument(rest[0]), try argument(rest[2])])
        }
        // A copy: x = a is x = a * 1.
        if rest.count == 1 {
            return Statement(target: target, function: .multiply, arguments: [try argument(rest[0]), .constant(1)])
        }
        // Point at the first token that breaks `operand op operand`.
        if rest.count >= 3, case .symbol(let op) = rest[1].kind, OptimizerFunction(rawValue: op)?.isOperator == true,
           case .symbol(let unexpected) = rest[2].kind {
            throw ProgramParseError(line: line, column: rest[2].column, message: "unexpected \(unexpected)")
        }
        let culprit = rest.count > 3 ? rest[3] : rest[min(1, rest.count - 1)]
        throw ProgramParseError(line: line, column: culprit.column, message: "one function or operator a statement")
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
