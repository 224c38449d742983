import Foundation
import Optimizers
import Testing

/// Update rules as programs: the text form, its errors, NaN-safe semantics, and AdamW and Lion step by step
/// against a numpy implementation written from their papers' definitions.
@Suite struct ProgramTests {
    @Test func theTextFormReadsBackToTheSameProgram() throws {
        for text in [StandardOptimizers.adamw, StandardOptimizers.lion, StandardOptimizers.momentum] {
            let program = try OptimizerProgram(parsing: text)
            #expect(try OptimizerProgram(parsing: program.description) == program)
        }
        let adamw = try OptimizerProgram(parsing: StandardOptimizers.adamw)
        #expect(adamw.statements.count == 9)
        #expect(adamw.statements[1] == .init(target: "m", function: .interp, arguments: [.variable("g"), .variable("m"), .constant(0.9)]))
        let bare = try OptimizerProgram(parsing: "u = -g  # no header\nx = 1e-3 * u\nreturn x, m, v")
        #expect(bare.statements.map(\.function) == [.negate, .multiply])
        #expect(bare.statements[1].arguments == [.constant(0.001), .variable("u")])
    }

    @Test func nestedExpressionsBecomeOneStatementPerFunction() throws {
        let nested = try OptimizerProgram(parsing: """
            def train(w, g, m, v, lr):
                update = (sign(interp(g, m, 0.9)) + w * 0.01) * lr
                m = interp(g, m, 0.99)
                return update, m, v
            """)
        func s(_ target: String, _ function: OptimizerFunction, _ arguments: OptimizerProgram.Argument...) -> OptimizerProgram.Statement {
            .init(target: target, function: function, arguments: arguments)
        }
        #expect(nested.statements == [
            s("t1", .interp, .variable("g"), .variable("m"), .constant(0.9)), s("t2", .sign, .variable("t1")),
            s("t3", .multiply, .variable("w"), .constant(0.01)), s("t4", .add, .variable("t2"), .variable("t3")),
            s("update", .multiply, .variable("t4"), .variable("lr")),
            s("m", .interp, .variable("g"), .variable("m"), .constant(0.99)),
        ])
        // The same steps as Lion written one function a line.
        let lion = CompiledProgram(try OptimizerProgram(parsing: StandardOptimizers.lion)), same = CompiledProgram(nested)
        let w = [0.5, -1, 2], g = [0.3, -0.2, 0], m = [-0.1, 0.4, 0.2]
        #expect(lion.step(w: w, g: g, m: m, v: m, lr: 0.1) == same.step(w: w, g: g, m: m, v: m, lr: 0.1))
        // Python's precedence and associativity; temporaries skip the names the text uses.
        let precedence = try OptimizerProgram(parsing: "t1 = g - m - v * -g / 2\nreturn t1, m, v")
        #expect(precedence.statements == [
            s("t2", .subtract, .variable("g"), .variable("m")), s("t3", .negate, .variable("g")),
            s("t4", .multiply, .variable("v"), .variable("t3")), s("t5", .divide, .variable("t4"), .constant(2)),
            s("t1", .subtract, .variable("t2"), .variable("t5")),
        ])
        #expect(try OptimizerProgram(parsing: precedence.description) == precedence)
    }

    @Test func malformedProgramsAreRefusedWithAPosition() {
        let cases: [(String, Int, Int, String)] = [
            ("def train(w, g, m, v, lr):\n    u = foo(g)\n    return u, m, v", 2, 9, "unknown function foo"),
            ("u = g * q\nreturn u, m, v", 1, 9, "undefined variable q"),
            ("u = interp(g, m)\nreturn u, m, v", 1, 5, "interp takes 3 arguments, not 2"),
            ("u = sign(g, m)\nreturn u, m, v", 1, 5, "sign takes 1 argument, not 2"),
            ("u = g * * m\nreturn u, m, v", 1, 9, "unexpected *"),
            ("u = g $ m\nreturn u, m, v", 1, 7, "unexpected character $"),
            ("u = g * m", 1, 1, "missing return update, m, v"),
            ("u = g\nreturn u, m", 2, 1, "return takes three variables: update, m, v"),
            ("return z, m, v", 1, 8, "undefined variable z"),
            ("def train(w, g):\nreturn g, m, v", 1, 15, "the header is def train(w, g, m, v, lr):"),
            ("u = sign(interp(g, m, 0.9)\nreturn u, m, v", 1, 26, "expected )"),
            ("u = (g + m\nreturn u, m, v", 1, 10, "expected )"),
            ("u = g * (m + 1) v\nreturn u, m, v", 1, 17, "unexpected v"),
            ("u = lr * sign(m, g)\nreturn u, m, v", 1, 10, "sign takes 1 argument, not 2"),
            ("u = g +\nreturn u, m, v", 1, 7, "the expression ends too early"),
        ]
        for (text, line, column, message) in cases {
            do {
                _ = try OptimizerProgram(parsing: text)
                Issue.record("accepted: \(text)")
            } catch let error as ProgramParseError {
                #expect(error == ProgramParseError(line: line, column: column, message: message), "\(text)")
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func everyFunctionIsDefinedEverywhere() {
        let specials: [Double] = [0, -0.0, 1, -1, 1e-300, -1e300, 1e300]
        for function in OptimizerFunction.allCases {
            for x in specials { for y in specials { for z in specials {
                let r = function.apply(x, y, z)
                if [.add, .subtract, .multiply, .interp, .square].contains(function) { continue }
                #expect(!r.isNaN, "\(function)(\(x), \(y), \(z))")
            } } }
        }
        #expect(OptimizerFunction.divide.apply(1, 0, 0) == 0)
        #expect(OptimizerFunction.sqrt.apply(-4, 0, 0) == 2)
        #expect(OptimizerFunction.log.apply(0, 0, 0) == 0)
        #expect(OptimizerFunction.log.apply(-Foundation.exp(2.0), 0, 0) == 2)
        #expect(OptimizerFunction.sign.apply(0, 0, 0) == 0)
        #expect(OptimizerFunction.clip.apply(5, -2, 0) == 2)
        #expect(OptimizerFunction.exp.apply(1000, 0, 0) == Foundation.exp(80.0))
        #expect(OptimizerFunction.interp.apply(2, 4, 0.25) == 2.5)
    }

    /// AdamW (without bias correction) and Lion in numpy, from their definitions, 50 steps on a random
    /// quadratic with a learning-rate schedule; the programs must agree to 1e-12 at every step.
    @Test func adamwAndLionMatchANumpyReferenceStepByStep() throws {
        let reference = """
            import json, sys
            import numpy as np
            rng = np.random.default_rng(7)
            n, steps = 16, 50
            A = rng.normal(size=(n, n)); A = A @ A.T / n + np.eye(n)
            w0 = rng.normal(size=n)
            def adamw(w, g, m, v, lr):
                m = 0.1 * g + 0.9 * m
                v = 0.001 * g * g + 0.999 * v
                s = np.sqrt(v)
                d = np.divide(m, s, out=np.zeros_like(m), where=s != 0)
                return (d + 0.01 * w) * (lr * 0.001), m, v
            def lion(w, g, m, v, lr):
                c = 0.1 * g + 0.9 * m
                update = lr * (np.sign(c) + 0.01 * w)
                return update, 0.01 * g + 0.99 * m, v
            out = {}
            for name, rule in (("adamw", adamw), ("lion", lion)):
                w, m, v, trace = w0.copy(), np.zeros(n), np.zeros(n), []
                for t in range(steps):
                    lr = 0.05 * 0.5 * (1 + np.cos(np.pi * t / steps))
                    g = A @ w
                    update, m, v = rule(w, g, m, v, lr)
                    w = w - update
                    trace.append([float(x) for x in np.concatenate([update, m, v, w])])
                out[name] = trace
            out["A"] = A.tolist(); out["w0"] = w0.tolist()
            print(json.dumps(out))
            """
        let python = ProcessInfo.processInfo.environment["APERY_TEST_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", reference]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "numpy is needed: `make test` makes a venv with it (APERY_TEST_PYTHON)")
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let a = (json["A"] as! [[Double]]), w0 = json["w0"] as! [Double]
        let n = w0.count, steps = 50
        for (name, text) in [("adamw", StandardOptimizers.adamw), ("lion", StandardOptimizers.lion)] {
            let program = CompiledProgram(try OptimizerProgram(parsing: text))
            let trace = json[name] as! [[Double]]
            var w = w0, m = [Double](repeating: 0, count: n), v = m
            var worst = 0.0
            for t in 0..<steps {
                let lr = 0.05 * 0.5 * (1 + cos(Double.pi * Double(t) / Double(steps)))
                let g = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i][$1] * w[$1] } }
                let step = program.step(w: w, g: g, m: m, v: v, lr: lr)
                m = step.m
                v = step.v
                w = zip(w, step.update).map { $0 - $1 }
                for (x, y) in zip(step.update + m + v + w, trace[t]) { worst = max(worst, abs(x - y) / max(1, abs(y))) }
            }
            #expect(worst <= 1e-12, "\(name): largest difference \(worst)")
        }
    }
}

/// What a program computes: validity, dead code, the functional hash, the descriptors.
@Suite struct AnalysisTests {
    @Test func deadCodeHashAndDescriptors() throws {
        let lion = try OptimizerProgram(parsing: StandardOptimizers.lion)
        let padded = try OptimizerProgram(parsing: StandardOptimizers.lion.replacingOccurrences(of: "lr):\n", with: "lr):\n    junk = exp(w)\n")
            .replacingOccurrences(of: "    return", with: "    other = junk * g\n    return"))
        #expect(padded.pruned == lion.pruned)
        #expect(padded.functionalHash == lion.functionalHash)
        #expect(lion.isSignLike && lion.stateTensors == 1)
        let adamw = try OptimizerProgram(parsing: StandardOptimizers.adamw)
        #expect(!adamw.isSignLike && adamw.stateTensors == 2)
        #expect(adamw.functionalHash != lion.functionalHash)
        #expect(!OptimizerProgram(statements: [], outputs: ["update", "m", "v"]).isValid)
        let renamed = try OptimizerProgram(parsing: StandardOptimizers.lion.replacingOccurrences(of: "c =", with: "blend =").replacingOccurrences(of: "(c)", with: "(blend)"))
        #expect(renamed.functionalHash == lion.functionalHash && renamed != lion)
    }

    /// lr is a step size in SGD with momentum, AdamW and Lion; not where it is squared, bounds the step, or enters
    /// the state.
    @Test func theRateAsAStepSize() throws {
        for source in [StandardOptimizers.momentum, StandardOptimizers.adamw, StandardOptimizers.lion] {
            #expect(try OptimizerProgram(parsing: source).takesRateAsStepSize)
        }
        func rule(_ body: String) throws -> OptimizerProgram {
            try OptimizerProgram(parsing: "def train(w, g, m, v, lr):\n" + body.split(separator: ";").map { "    " + $0.trimmingCharacters(in: .whitespaces) + "\n" }.joined()
                                 + "    return update, m, v\n")
        }
        #expect(try rule("s = sign(g); update = s * lr").takesRateAsStepSize)
        #expect(!(try rule("s = sign(g); t = s * lr; update = t * lr").takesRateAsStepSize))
        #expect(!(try rule("s = sign(g); t = s * lr; update = t + 0.001").takesRateAsStepSize))
        #expect(!(try rule("s = max(lr, 10); t = sign(g); update = t * s").takesRateAsStepSize))
        #expect(!(try rule("m = interp(g, m, lr); update = m * lr").takesRateAsStepSize))
        #expect(!(try rule("t = g * lr; update = t + g").takesRateAsStepSize))
    }
}
