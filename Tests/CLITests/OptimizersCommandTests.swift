import Foundation
import Optimizers
import Store
import Testing

/// `apery search optimizer` and `apery optimizers` as a user runs them: a short search that resumes after
/// kill -9 with the same result, bad specs and programs, the numpy export against Apery's own executor.
@Suite struct OptimizersCommandTests {
    static func spec(_ fields: [String: Any] = [:]) -> String {
        let path = temporaryFile("optimizer.json")
        var spec: [String: Any] = ["evaluations": 96, "population": 16, "tournament": 4, "batch": 8, "seed": 5, "tasks": ["logistic", "regression"]]
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
        // The finds (the bests so far and each cell's fittest) stay listed and exportable after the population (16 of
        // 96 programs) has moved on: every one of them exports by its serial.
        let store = try AperyStore(path: whole)
        let finds = try store.searchFinds(search: store.searchStates(kind: "optimizer")[0].state.searchId, kind: "find")
        #expect(finds.count >= 2)
        for find in finds {
            let export = try Apery.run("optimizers", "export", "--db", whole, "--id", "\(find.serial)", "--out", temporaryFile("find.py"))
            #expect(export.status == 0, "\(find.serial): \(export.stderr)")
        }

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

    /// A spec may start from a program file (next to it, as Conjectures/optimizer-refine.json starts from a
    /// discovery): the search is the one that starts from the same program named, and it is stored with the
    /// program's text, so listing it needs no file. A start file that does not parse is a one-line error.
    @Test func aSearchStartsFromAProgramFile() throws {
        let named = temporaryFile("named.sqlite")
        let fromName = try Apery.run("search", "optimizer", "--spec", OptimizersCommandTests.spec(["start": "lion"]), "--db", named)
        #expect(fromName.status == 0, "\(fromName.stderr)")
        let spec = OptimizersCommandTests.spec(["start": "lion-start.txt"])
        let program = URL(fileURLWithPath: spec).deletingLastPathComponent().appendingPathComponent("lion-start.txt").path
        try ("# Lion, as a file\n" + StandardOptimizers.lion).write(toFile: program, atomically: true, encoding: .utf8)
        let file = temporaryFile("file.sqlite")
        let fromFile = try Apery.run("search", "optimizer", "--spec", spec, "--db", file)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        try FileManager.default.removeItem(atPath: program)
        let expected = try OptimizersCommandTests.best(named)
        #expect(!expected.isEmpty)
        #expect(try OptimizersCommandTests.best(file).map { "\($0["program"]!) \($0["fitness"]!)" } == expected.map { "\($0["program"]!) \($0["fitness"]!)" })

        try "def train(w, g, m, v, lr):\n    update = sign(g\n    return update, m, v\n".write(toFile: program, atomically: true, encoding: .utf8)
        let broken = try Apery.run("search", "optimizer", "--spec", spec, "--db", temporaryFile("broken.sqlite"))
        #expect(broken.status == 2 && broken.stderr.contains("start program lion-start.txt: line 2"), "\(broken.stderr)")
        #expect(broken.stderr.split(separator: "\n").count == 1, "\(broken.stderr)")
        // The shipped specs load, the refining one with its discovery as the start.
        let conjectures = PuzzlesCommandTests.root.appendingPathComponent("Conjectures")
        for name in try FileManager.default.contentsOfDirectory(atPath: conjectures.path) where name.hasPrefix("optimizer-") {
            let shipped = try OptimizerSpec(file: conjectures.appendingPathComponent(name).path)
            if name == "optimizer-refine.json" {
                let discovery = try String(contentsOf: conjectures.appendingPathComponent("optimizers/adam-short-averages.txt"), encoding: .utf8)
                #expect(try shipped.startProgram() == OptimizerProgram(parsing: discovery))
            }
        }
    }

    /// `apery optimizers compare`: the reference rules and the user's program, AdamW at 0 on every task; the rate tuned
    /// on another seed gives other figures, and seed 0, the proxies' own, the default's; `--task` picks the tasks.
    @Test func aComparisonTunesOnTheSeedAsked() throws {
        let program = temporaryFile("lion.txt")
        try StandardOptimizers.lion.write(toFile: program, atomically: true, encoding: .utf8)
        func compare(_ extra: String...) throws -> [[String: Any]] {
            let result = try Apery.run(["optimizers", "compare", "--program", program, "--json"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return result.json["rows"] as? [[String: Any]] ?? []
        }
        func scores(_ rows: [[String: Any]]) -> [[Double]] {
            rows.map { ($0["tasks"] as? [[String: Any]] ?? []).map { $0["normalized"] as? Double ?? .nan } }
        }
        let standard = try compare()
        #expect(standard.map { $0["name"] as? String } == ["AdamW", "Lion", "SGD with momentum", program])
        #expect(scores(standard).first == [0, 0, 0, 0])
        #expect(scores(try compare("--tuning-seed", "0")) == scores(standard))
        let other = scores(try compare("--tuning-seed", "200"))
        #expect(other.first == [0, 0, 0, 0] && other != scores(standard))
        // --task picks the tasks, the opt-in classifier among them.
        let picked = try compare("--task", "classification", "--task", "logistic")
        #expect(picked.first.map { ($0["tasks"] as? [[String: Any]] ?? []).map { $0["task"] as? String } } == ["classification", "logistic"])
        #expect(scores(picked).first == [0, 0])
        for (option, value) in [("--tuning-seed", "-3"), ("--seeds", "0"), ("--tuning-seeds", "0"), ("--task", "cifar10")] {
            let bad = try Apery.run("optimizers", "compare", "--program", program, option, value)
            #expect(bad.status == 2 && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        }
    }

    /// The discovery kept for the quality criterion beats tuned AdamW on every proxy task and matches or beats Lion on
    /// at least half, here on seeds 1-8 (Benchmarks/RESULTS.md gives seeds 1-64, with their standard errors).
    @Test func theKeptDiscoveryBeatsTunedAdamWOnEveryProxy() throws {
        let file = PuzzlesCommandTests.root.appendingPathComponent("Conjectures/optimizers/adam-two-averages-accumulated-v.txt")
        let rule = try OptimizerProgram(parsing: String(contentsOf: file, encoding: .utf8))
        let comparison = OptimizerComparison(programs: [("discovery", rule)], setting: ProxyScoring.Setting.proxy.averaging(over: 8))
        let found = try #require(comparison.rows.last), lion = try #require(comparison.rows.first { $0.name == "Lion" })
        for task in found.tasks { #expect(task.normalized < 0, "\(task.task): \(task.normalized)") }
        #expect(comparison.tasksMatchedOrBeaten(found, by: lion) >= 2)
    }

    /// A MAP-Elites search and its report: fitness over time, the archive as a heatmap (three descriptors,
    /// folded), the best rules typeset, and the comparison with AdamW, Lion and SGD with momentum.
    @Test func theReportShowsTheSearchAndTheComparison() throws {
        let db = temporaryFile("map-elites.sqlite")
        let search = try Apery.run("search", "optimizer", "--spec", OptimizersCommandTests.spec(["proposer": "map-elites", "evaluations": 64]), "--db", db)
        #expect(search.status == 0, "\(search.stderr)")
        let out = temporaryFile("optimizer-report")
        let report = try Apery.run("report", "--db", db, "--out", out, "--format", "md,html,latex,csv")
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("<section id=\"optimizers\">") && html.contains("href=\"#optimizers\""))
        #expect(html.contains("<math") && html.contains("<mi>update</mi>"))
        #expect(html.contains("program length (statements)"), "the folded archive's axes are named")
        for rule in ["AdamW", "Lion", "SGD with momentum"] { #expect(html.contains("<td>\(rule)</td>")) }
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(markdown.contains("## Optimizer update rules") && markdown.contains("figures/optimizer-history-1.svg") && markdown.contains("figures/archive-1.svg"))
        let latex = try String(contentsOfFile: out + "/report.tex", encoding: .utf8)
        #expect(latex.contains("\\section{Optimizer update rules}") && latex.contains("\\begin{align*}") && latex.contains("\\mathrm{update}"))
        // AdamW is the normaliser: 0 on every task, in the CSV as in the tables. The search's two tasks come first, then
        // the three proxies it never trained on, marked.
        let csv = try String(contentsOfFile: out + "/optimizers.csv", encoding: .utf8).split(separator: "\n")
        let adamw = csv.filter { $0.contains(",AdamW,") }.map { $0.split(separator: ",") }
        #expect(adamw.count == 5 && adamw.allSatisfy { $0[4] == "0.0" }, "\(adamw)")
        #expect(adamw.map { "\($0[3]) \($0[7])" } == ["logistic true", "regression true", "quadratic false", "mlp false", "classification false"])
        #expect(markdown.contains("| rule | fitness | logistic | regression | quadratic † | mlp † | classification † |"))
    }

    @Test func badSpecsAndProgramsAreOneLineErrors() throws {
        for (fields, message) in [(["functions": [String]()], "function set is empty"), (["evaluations": 0], "must be positive"),
                                  (["functions": ["sign", "tanh"]], "unknown function tanh"), (["start": "rmsprop"], "start must be"), (["hurdle": 3], "hurdle must be"), (["scales": [Double]()], "scales must"),
                                  (["restart_every": 10], "restart_every must be at least the population (16)"),
                                  (["restart_every": 100, "proposer": "map-elites"], "restart_every applies to evolution"),
                                  (["neutral_drift": true], "neutral_drift applies to map-elites"),
                                  (["tasks": ["logistic", "cifar10"]], "the field \"tasks[1]\" is \"cifar10\", not one of the names"),
                                  (["scale_free": "yes"], "the field \"scale_free\" should be true or false"),
                                  (["evaluation_seeds": 0], "evaluation_seeds must be between 1 and 64"),
                                  (["objective": "median"], "objective must be mean or worst-task"), (["tuning_seeds": 9], "tuning_seeds must be between 1 and 8"),
                                  (["start": "no-such-program.txt"], "start must be adamw, lion, momentum or a readable program file"),
                                  (["start_program": "def train(w, g, m, v, lr):\n    return g, m, v"], "unknown field \"start_program\"")] as [([String: Any], String)] {
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
        try StandardOptimizers.lion.write(toFile: program, atomically: true, encoding: .utf8)
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

/// The optax export against the numpy export, step by step in float64, on a model of two parameter arrays
/// under an optax schedule: AdamW, Lion, and a rule that divides by zero and takes log 0.
@Suite struct OptaxExportTests {
    @Test func optaxTransformationMatchesTheNumpyExport() throws {
        let odd = "a = log(v)\nb = g / a\nv = interp(g, v, 0.5)\nc = clip(b, 0.3)\nupdate = c * lr\nreturn update, m, v"
        let (adamw, lion) = (StandardOptimizers.adamw, StandardOptimizers.lion)
        for (name, text) in [("adamw", adamw), ("lion", lion), ("odd", odd)] {
            let program = temporaryFile("\(name).txt")
            try text.write(toFile: program, atomically: true, encoding: .utf8)
            let numpy = temporaryFile("\(name)_np.py"), optax = temporaryFile("\(name)_optax.py")
            for (format, out) in [("numpy", numpy), ("optax", optax)] {
                let result = try Apery.run("optimizers", "export", "--program", program, "--format", format, "--out", out)
                #expect(result.status == 0, "\(result.stderr)")
            }
            let check = """
                import importlib.util, sys
                import jax
                jax.config.update("jax_enable_x64", True)
                import jax.numpy as jnp, numpy as np, optax
                def load(path):
                    spec = importlib.util.spec_from_file_location("m" + str(abs(hash(path))), path); mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod); return mod
                ref, tx = load(sys.argv[1]), load(sys.argv[2]).apery_optimizer(optax.cosine_decay_schedule(0.05, 40))
                rng = np.random.default_rng(3)
                A = {"a": rng.normal(size=(3, 4)), "b": rng.normal(size=5)}
                params = {k: jnp.asarray(rng.normal(size=x.shape)) for k, x in A.items()}
                state = tx.init(params)
                w = {k: np.asarray(x) for k, x in params.items()}
                m = {k: np.zeros_like(x) for k, x in w.items()}; v = {k: np.zeros_like(x) for k, x in w.items()}
                worst = 0.0
                for t in range(40):
                    grads = {k: A[k] * params[k] + 0.1 for k in A}
                    updates, state = tx.update(grads, state, params)
                    params = optax.apply_updates(params, updates)
                    lr = 0.05 * 0.5 * (1 + np.cos(np.pi * t / 40))
                    for k in w:
                        g = A[k] * w[k] + 0.1
                        u, m[k], v[k] = ref.train(w[k], g, m[k], v[k], lr)
                        w[k] = w[k] - u
                        worst = max(worst, float(np.max(np.abs(np.asarray(params[k]) - w[k]))))
                assert all(np.asarray(params[k]).dtype == np.float64 for k in params)
                print("worst", worst)
                assert worst < 1e-12, worst
                """
            let run = try TestPython.run(check, [numpy, optax])
            #expect(run.status == 0, "\(name): jax and optax are needed (`make test` installs them in its venv): \(run.stderr)")
            #expect(run.stdout.contains("worst"))
        }
    }
}
