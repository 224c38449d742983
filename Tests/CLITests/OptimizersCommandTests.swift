import Foundation
import Testing

/// `apery search optimizer` and `apery optimizers` as a user runs them: a short search that resumes after
/// kill -9 with the same result, bad specs and programs, the numpy export against Apery's own executor.
@Suite struct OptimizersCommandTests {
    static func spec(_ fields: [String: Any] = [:]) -> String {
        let path = temporaryFile("optimizer.json")
        var spec: [String: Any] = ["evaluations": 96, "population": 16, "tournament": 4, "batch": 8, "seed": 5, "tasks": ["logistic", "rosenbrock"]]
        spec.merge(fields) { _, new in new }
        try! JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func best(_ db: String) throws -> [[String: Any]] {
        let result = try Apery.run("optimizers", "--db", db, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [[String: Any]] ?? []
    }

    @Test func aKilledSearchResumesToTheResultOfAnUninterruptedOne() throws {
        let spec = OptimizersCommandTests.spec()
        let whole = temporaryFile("whole.sqlite")
        let first = try Apery.run("search", "optimizer", "--spec", spec, "--db", whole, "--json")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.json["totalEvaluations"] as? Int == 96)
        let expected = try OptimizersCommandTests.best(whole)
        #expect(!expected.isEmpty)
        // The start (AdamW) scores 0; evolution keeps it or something better.
        #expect((expected.first?["fitness"] as? Double ?? -1) >= 0)

        let resumed = temporaryFile("resumed.sqlite")
        let arguments = ["search", "optimizer", "--spec", spec, "--db", resumed]
        for delay in [1.5, 3.0] {
            try QDCommandTests.killed(arguments, after: delay)
        }
        let last = try Apery.run(arguments)
        #expect(last.status == 0, "\(last.stderr)")
        let got = try OptimizersCommandTests.best(resumed)
        #expect(got.map { "\($0["program"]!) \($0["fitness"]!)" } == expected.map { "\($0["program"]!) \($0["fitness"]!)" })
    }

    @Test func badSpecsAndProgramsAreOneLineErrors() throws {
        for (fields, message) in [(["functions": [String]()], "function set is empty"), (["evaluations": 0], "must be positive"),
                                  (["functions": ["sign", "tanh"]], "unknown function tanh"), (["start": "rmsprop"], "start must be")] as [([String: Any], String)] {
            let result = try Apery.run("search", "optimizer", "--spec", OptimizersCommandTests.spec(fields), "--db", temporaryFile("x.sqlite"))
            #expect(result.status == 2, "\(fields): \(result.stderr)")
            #expect(result.stderr.contains(message) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        for (text, message) in [("u = g +\nreturn u, m, v", "line 1"), ("u = foo(g)\nreturn u, m, v", "unknown function foo"),
                                ("u = q\nreturn u, m, v", "undefined variable q"), ("u = interp(g, m)\nreturn u, m, v", "takes 3 arguments")] {
            let program = temporaryFile("p.txt")
            try text.write(toFile: program, atomically: true, encoding: .utf8)
            let result = try Apery.run("optimizers", "export", "--program", program, "--out", temporaryFile("o.py"))
            #expect(result.status == 2 && result.stderr.contains(message), "\(text): \(result.stderr)")
        }
    }

    /// The numpy export of Lion, run by Python, against the same steps in Swift (`apery` cannot be asked for
    /// its steps, so the reference is the closed form of Lion written here).
    @Test func theNumpyExportRunsLion() throws {
        let program = temporaryFile("lion.txt")
        try """
            def train(w, g, m, v, lr):
                c = interp(g, m, 0.9)
                s = sign(c)
                wd = w * 0.01
                update = s + wd
                update = update * lr
                m = interp(g, m, 0.99)
                return update, m, v
            """.write(toFile: program, atomically: true, encoding: .utf8)
        let out = temporaryFile("lion.py")
        let result = try Apery.run("optimizers", "export", "--program", program, "--out", out)
        #expect(result.status == 0, "\(result.stderr)")
        let check = """
            import importlib.util, sys
            import numpy as np
            spec = importlib.util.spec_from_file_location("lion", sys.argv[1]); mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
            rng = np.random.default_rng(1)
            w = rng.normal(size=7); m = np.zeros(7); v = np.zeros(7)
            w2, m2 = w.copy(), np.zeros(7)
            for t in range(30):
                g = rng.normal(size=7); lr = 0.01 / (1 + t)
                update, m, v = mod.train(w, g, m, v, lr)
                w = w - update
                c = 0.1 * g + 0.9 * m2
                w2 = w2 - lr * (np.sign(c) + 0.01 * w2); m2 = 0.01 * g + 0.99 * m2
                assert update.shape == (7,) and v.shape == (7,)
            assert np.max(np.abs(w - w2)) < 1e-12, np.max(np.abs(w - w2))
            print("ok")
            """
        let python = ProcessInfo.processInfo.environment["APERY_TEST_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", check, out]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && String(decoding: data, as: UTF8.self).contains("ok"))
    }
}
