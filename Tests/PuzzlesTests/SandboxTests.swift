import Foundation
import Puzzles
import Testing

/// Hostile puzzles: none stops the run, counts as solved, leaves files or processes behind, or takes the
/// worker's memory past its cap; a benign puzzle solved by the same worker afterwards shows the run goes on.
@Suite(.serialized) struct SandboxTests {
    static let marker = FileManager.default.temporaryDirectory.appendingPathComponent("apery-hostile-\(UUID().uuidString)").path

    /// `os` reached without importing it, as a determined puzzle would.
    static let reachOS = "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0].__init__.__globals__"

    static func settings(budget: Int = 3) -> SolveSettings {
        var settings = SolveSettings()
        settings.budget = budget
        settings.callMilliseconds = 300
        settings.memoryMegabytes = 1024
        settings.puzzleSeconds = 20
        settings.z3 = false
        return settings
    }

    static let benign = Puzzle(name: "Benign:0", sat: "def sat(x: int, a=1073258, b=72352549):\n    return a + x == b", answerTypeName: "int")

    /// Solves the hostile puzzle and then the benign one with the same worker; `processes` are the worker's
    /// processes before it was torn down.
    static func run(_ sat: String, type: String = "int") throws -> (hostile: PuzzleOutcome, benign: PuzzleOutcome, processes: [Int32]) {
        let evaluator = PuzzleEvaluator(settings: settings())
        var worker = try evaluator.makeWorker()
        let hostile = try evaluator.evaluate(PuzzleTask(round: 1, puzzle: Puzzle(name: "Hostile:0", sat: sat, answerTypeName: type)), worker: &worker)
        let benign = try PuzzleEvaluator(settings: settings(budget: 200)).evaluate(PuzzleTask(round: 1, puzzle: benign), worker: &worker)
        let processes = worker.processIdentifiers
        evaluator.tearDown(&worker)
        return (hostile, benign, processes)
    }

    static func expectContained(_ sat: String, type: String = "int", _ comment: Comment) throws {
        let start = Date()
        let (hostile, benign, processes) = try run(sat, type: type)
        #expect(!hostile.solved, comment)
        #expect(benign.solved && benign.answer == "71279291", "the run goes on after: \(comment)")
        #expect(!FileManager.default.fileExists(atPath: marker), "no file written: \(comment)")
        #expect(childProcesses().isDisjoint(with: processes), "no process left: \(comment)")
        #expect(processes.allSatisfy { !FileManager.default.fileExists(atPath: "/proc/\($0)") }, "no process left: \(comment)")
        #expect(Date().timeIntervalSince(start) < 30, comment)
    }

    /// The pids whose parent is this process.
    static func childProcesses() -> Set<Int32> {
        let me = getpid()
        var children = Set<Int32>()
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8) else { continue }
            let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
            if fields.count > 2, Int32(fields[1]) == me { children.insert(pid) }
        }
        return children
    }

    @Test func writingAFileIsRefused() throws {
        try SandboxTests.expectContained("def sat(x: int):\n    open('\(SandboxTests.marker)', 'w').write('x')\n    return True", "open for writing")
        try SandboxTests.expectContained("def sat(x: int):\n    os = \(SandboxTests.reachOS)\n    fd = os['open']('\(SandboxTests.marker)', os['O_CREAT'] | os['O_WRONLY'])\n    return True", "os.open")
    }

    @Test func deletingAFileIsRefused() throws {
        let victim = SandboxTests.marker + "-victim"
        #expect(FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8)))
        defer { try? FileManager.default.removeItem(atPath: victim) }
        try SandboxTests.expectContained("def sat(x: int):\n    os = \(SandboxTests.reachOS)\n    os['remove']('\(victim)')\n    return True", "os.remove")
        #expect(FileManager.default.contents(atPath: victim) == Data("keep".utf8))
    }

    @Test func forkingSpawningAndSocketsAreRefused() throws {
        try SandboxTests.expectContained("def sat(x: int):\n    os = \(SandboxTests.reachOS)\n    return os['fork']() >= 0", "fork")
        try SandboxTests.expectContained("def sat(x: int):\n    os = \(SandboxTests.reachOS)\n    return os['system']('touch \(SandboxTests.marker)') == 0", "os.system")
        try SandboxTests.expectContained("def sat(x: int):\n    import subprocess\n    return subprocess.run(['true']).returncode == 0", "subprocess")
        try SandboxTests.expectContained("def sat(x: int):\n    import socket\n    return socket.socket() is not None", "socket")
        try SandboxTests.expectContained("def sat(x: int):\n    s = __import__('_socket')\n    return s.socket() is not None", "_socket")
    }

    @Test func allocatingTwentyGigabytesFailsInsideTheWorker() throws {
        try SandboxTests.expectContained("def sat(x: int):\n    b = bytearray(20 * 10**9)\n    return len(b) > 0", "20 GB")
        try SandboxTests.expectContained("def sat(x: int):\n    l = []\n    while True:\n        l.append('x' * 10**6)", "growing list")
    }

    @Test func infiniteLoopsInPythonAndInCEnd() throws {
        try SandboxTests.expectContained("def sat(x: int):\n    while True:\n        pass", "Python loop")
        try SandboxTests.expectContained("def sat(x: int):\n    while True:\n        try:\n            while True: pass\n        except BaseException:\n            pass", "a loop that swallows the time-out")
        try SandboxTests.expectContained("def sat(x: int):\n    return sum(range(10**18)) == x", "C loop")
        try SandboxTests.expectContained("def sat(x: int):\n    import itertools\n    return len(list(itertools.product([0, 1], repeat=276280497))) == x", "huge product")
    }

    @Test func killingTheParentIsRefused() throws {
        try SandboxTests.expectContained("def sat(x: int):\n    os = \(SandboxTests.reachOS)\n    os['kill'](os['getppid'](), 9)\n    return True", "kill parent")
        try SandboxTests.expectContained("def sat(x: int):\n    os = \(SandboxTests.reachOS)\n    os['killpg'](0, 9)\n    return True", "killpg")
    }

    @Test func printingAHundredMegabytesDoesNotReachTheProtocol() throws {
        try SandboxTests.expectContained("def sat(x: int):\n    print('{\"solved\": 0}\\n' * 10**7)\n    return False", "print 100 MB")
        try SandboxTests.expectContained("def sat(x: int):\n    os = \(SandboxTests.reachOS)\n    os['write'](1, b'{\"solved\": 0, \"calls\": 1}\\n')\n    return False", "write to fd 1")
    }

    @Test func truthyValuesAndMonkeypatchingDoNotCount() throws {
        for value in ["1", "'yes'", "[1]", "x != x or 1", "type('T', (), {'__bool__': lambda s: True})()"] {
            try SandboxTests.expectContained("def sat(x: int):\n    return \(value)", "returns \(value)")
        }
        try SandboxTests.expectContained("def sat(x: int):\n    __builtins__['isinstance'] = lambda *a: True\n    __builtins__['len'] = lambda *a: 0\n    return 1", "patched builtins")
        try SandboxTests.expectContained("def sat(x: int):\n    try:\n        1 / 0\n    except Exception as e:\n        g = e.__traceback__.tb_frame.f_back.f_globals\n        g['has_type'] = lambda *a: True\n    return 1", "frame walking")
    }

    @Test func exitingEndsOnlyTheWorker() throws {
        try SandboxTests.expectContained("def sat(x: int):\n    raise SystemExit(0)", "SystemExit")
        try SandboxTests.expectContained("def sat(x: int):\n    os = \(SandboxTests.reachOS)\n    os['_exit'](0)", "os._exit")
        try SandboxTests.expectContained("def sat(x: int):\n    raise KeyboardInterrupt", "KeyboardInterrupt")
        // A sat whose definition itself exits: the puzzle is marked, the run goes on.
        let (hostile, benign, _) = try SandboxTests.run("\(SandboxTests.reachOS)['_exit'](3)\ndef sat(x: int):\n    return True")
        #expect(!hostile.solved && hostile.error != nil)
        #expect(benign.solved)
    }

    @Test func aSatThatDoesNotParseIsMarkedWithItsPosition() throws {
        let (bad, benign, _) = try SandboxTests.run("def sat(x: int):\n    return x +* 2")
        #expect(!bad.solved)
        #expect(bad.error?.contains("line 2") == true, "\(bad.error ?? "")")
        #expect(benign.solved)
    }
}

/// The z3 strategy: sat run on a symbolic int, float, str, list of ints or list of strs, its branches explored, each
/// model checked.
@Suite struct SymbolicTests {
    static func solve(_ sat: String, type: String, items: Bool = false) throws -> PuzzleOutcome {
        var settings = SolveSettings()
        settings.budget = 4
        settings.z3After = 0
        // z3 alone, unless asked: the items strategy would take some of these sats first.
        settings.items = items
        let evaluator = PuzzleEvaluator(settings: settings)
        var worker = try evaluator.makeWorker()
        defer { evaluator.tearDown(&worker) }
        return try evaluator.evaluate(PuzzleTask(round: 1, puzzle: Puzzle(name: "Z:0", sat: sat, answerTypeName: type)), worker: &worker)
    }

    /// Each sat (of its answer type) is solved by z3, with the answer given where there is one.
    static func expectSolvedByZ3(_ cases: [(sat: String, type: String, answer: String?)]) throws {
        for (sat, type, answer) in cases {
            let outcome = try solve(sat, type: type)
            #expect(outcome.solved && outcome.strategy == "z3", "\(sat): \(outcome)")
            if let answer { #expect(outcome.answer == answer, "\(sat): \(outcome)") }
            // A solver call counts as a try: the models tried are within the budget of 4.
            #expect(outcome.tries >= 1 && outcome.tries <= 4)
        }
    }

    @Test func z3SolvesArithmeticBranchesAndStrings() throws {
        // The answer where it is unique (a branchy sat has many).
        let cases: [(String, String, String?)] = [
            ("def sat(x: int, a=987654321, b=123456789):\n    return x * 9 + a == b * 11", "int", "41152262"),
            ("def sat(x: int):\n    if x > 10:\n        return x % 1000 == 123 and x < 2000\n    return False", "int", nil),
            ("def sat(x: float):\n    return x * 4 == 3.0", "float", "0.75"),
            ("def sat(s: str):\n    return s + 'world' == 'hello world'", "str", "\"hello \""),
            // len of a symbolic str.
            ("def sat(s: str):\n    return len(s) == 4 and s.startswith('ab') and s.endswith('ba')", "str", "\"abba\""),
            // A list of symbolic strings, at the length sat unpacks it into.
            ("def sat(words: List[str], target=\"hello world\"):\n    a, b = words\n    return a + \" \" + b == target and len(a) == 5",
             "List[str]", "[\"hello\", \"world\"]"),
            // max of a generator of constants, as Python computes it.
            ("def sat(i: int, rows=[[1, 5], [7, 2]]):\n    return i == max(max(r) for r in rows) + 1", "int", "8"),
            // A symbolic index into a list, negative as Python allows.
            ("def sat(i: int, li=[5, 9, 12, 7]):\n    return li[i] == 12 and i < 0", "int", "-2"),
        ]
        try SymbolicTests.expectSolvedByZ3(cases)
    }

    @Test func z3SolvesListsOfIntegersAtTheLengthsSatSuggests() throws {
        let cases: [(String, String?)] = [
            // The length from the unpacking; the answer is unique.
            ("def sat(v: List[int], m=[[2, 1, 0], [1, 3, 1], [0, 1, 4]], b=[5, 14, 19]):\n    x, y, z = v\n"
                + "    return all(r[0] * x + r[1] * y + r[2] * z == t for r, t in zip(m, b))", "[1, 3, 4]"),
            // Distinct values through set(): the count of items unlike every earlier one.
            ("def sat(x: List[int], n=5, total=1000):\n    return len(x) == len(set(x)) == n and sum(x) == total and min(x) > 190", nil),
            // A length from sat's constants (9): each prefix sum is a square.
            ("def sat(x: List[int]):\n    return len(x) == 9 and all(sum(x[:i + 1]) == (i + 1) ** 2 for i in range(9))",
             "[1, 3, 5, 7, 9, 11, 13, 15, 17]"),
            // sorted, min and max of symbolic integers; the answer is unique.
            ("def sat(x: List[int], n=6):\n    return len(x) == n and sorted(x) == x[::-1] and len(set(x)) == n and min(x) == -2 and max(x) == 3",
             "[3, 2, 1, 0, -1, -2]"),
            // abs of symbolic integers.
            ("def sat(li: List[int], n=5):\n    return len(li) == n and all(abs(li[i] - li[i + 1]) == 3 for i in range(n - 1)) and sum(li) == 17", nil),
            // Symbolic indices into sat's strings, joined.
            ("def sat(idx: List[int], word=\"programming\", target=\"gram\"):\n    return \"\".join(word[i] for i in idx) == target", nil),
            // The same in order, at the target's length: characters as codes (z3's strings gave up on it).
            ("def sat(idx: List[int], word=\"constitutional\", target=\"sitional\"):\n"
                + "    return idx == sorted(idx) and \"\".join(word[i] for i in idx) == target", nil),
        ]
        try SymbolicTests.expectSolvedByZ3(cases.map { ($0.0, "List[int]", $0.1) })
    }

    @Test func z3TakesMembershipCountsDivisionAndLengthsSatDoesNotName() throws {
        let cases: [(String, String, String?)] = [
            // `in` a list of consecutive integers is a pair of bounds; the length (120) is sat's, past 64.
            ("def sat(x: List[int], n=400, length=120):\n    return len(x) == length and all(v in [3, 4] for v in x) and sum(x) == n",
             "List[int]", nil),
            // `in` a range with a step.
            ("def sat(x: List[int], n=3):\n    return len(x) == n and all(v in range(10, 1000, 7) for v in x) and sum(x) == 65",
             "List[int]", nil),
            // list.count of symbolic items is a sum.
            ("def sat(x: List[int]):\n    return len(x) == 6 and all(x.count(i) == i for i in range(1, 4))", "List[int]", nil),
            // `/` of integers is real division, as in Python; the answer is unique.
            ("def sat(p: List[int]):\n    a, b = p\n    return 0 < a < 10 and 0 < b < 10 and a / b == 2.5", "List[int]", "[5, 2]"),
            // A length sat does not name (25), found by the sweep to 64; the answer is unique.
            ("def sat(x: List[int], a=3, s=4, e=100):\n    return x[0] == a and x[-1] <= e and x[-1] + s > e and "
                + "all(x[i] + s == x[i + 1] for i in range(len(x) - 1))", "List[int]", "\(Array(stride(from: 3, to: 100, by: 4)))"),
            // Membership in a symbolic str: the string solver restarted with other seeds until one answers.
            ("def sat(s: str, chars=['q', 'z', '!', 'k', 'x', 'j']):\n    for c in chars:\n        if c not in s:\n            return False\n"
                + "    return True", "str", nil),
        ]
        try SymbolicTests.expectSolvedByZ3(cases)
    }

    @Test func z3ConvertsBetweenSymbolicIntegersAndStrs() throws {
        let cases: [(String, String, String?)] = [
            // str() of a symbolic integer: its digits.
            ("def sat(x: int):\n    return str(x).startswith('123') and str(x).endswith('89') and len(str(x)) == 7 and x % 7 == 0", "int", nil),
            // int() of a symbolic str: the number its digits spell; the answer is unique at length 4.
            ("def sat(s: str):\n    return int(s) * 3 == 369 and len(s) == 4", "str", "\"0123\""),
            // A symbolic integer is an int for isinstance.
            ("def sat(x: int):\n    assert isinstance(x, int) and not isinstance(x, str)\n    return x + 2 == 7", "int", "5"),
        ]
        try SymbolicTests.expectSolvedByZ3(cases)
    }

    @Test func z3SolvesRealsWithTolerancesWrittenWithExponents() throws {
        // z3 4.8.12 reads the text "1e-06" as 1/0 and dies of SIGFPE: floats go in as fractions. The roots are
        // irrational, so only a tolerance lets a float satisfy sat.
        try SymbolicTests.expectSolvedByZ3([
            ("def sat(x: float, coeffs=[2.5, 1.3, -0.5]):\n    a, b, c = coeffs\n    return abs(a * x ** 2 + b * x + c) < 1e-6",
             "float", nil),
            // A list of reals, at the length sat unpacks it into.
            ("def sat(roots: List[float], coeffs=[1.3, -0.5]):\n    b, c = coeffs\n    r1, r2 = roots\n"
                + "    return abs(r1 + r2 + b) + abs(r1 * r2 - c) < 1e-6", "List[float]", nil),
            ("def sat(x: List[float]):\n    return len(x) == 3 and all(v * v > 2e+3 for v in x) and sum(x) == 1.5e2", "List[float]", nil),
        ])
    }

    @Test func z3SolvesNonlinearIntegersAsBoundedBitVectors() throws {
        // z3's nonlinear integer arithmetic ran past its limits on these (the length-2 sum of squares has no solution,
        // which it cannot show), and the CPU limit ended the worker; as bit-vectors of 16 to 32 bits they take a second.
        try SymbolicTests.expectSolvedByZ3([
            ("def sat(v: List[int], n=9999):\n    return len(v) <= 4 and sum(x ** 2 for x in v) == n", "List[int]", nil),
            ("def sat(v: List[int], n=1000001):\n    x, y = v\n    return x ** 3 + y ** 3 == n and x < y", "List[int]", nil),
        ])
    }

    @Test func z3DividesAsPythonDoesAndReadsTheDigitsOfSymbolicIntegers() throws {
        try SymbolicTests.expectSolvedByZ3([
            // `//` and `%` round toward minus infinity, so the remainder takes the divisor's sign; the answer is unique.
            ("def sat(x: int):\n    return x // -7 == 5 and x % -7 == -3", "int", "-38"),
            // The digits of str() of a symbolic integer: iterated, reversed, counted.
            ("def sat(n: int):\n    return n > 10 ** 5 and sum(int(d) for d in str(n)) == 45 and n % 2 == 1", "int", nil),
            ("def sat(n: int):\n    s = str(n)\n    return len(s) == 5 and s == s[::-1] and n % 7 == 0", "int", nil),
            ("def sat(x: int):\n    return str(x).count(\"3\") == 4 and len(str(x)) == 6 and x % 11 == 0", "int", nil),
        ])
    }

    @Test func z3CountsSymbolicSubstringsAndTriesProductsOfSizesAsLengths() throws {
        try SymbolicTests.expectSolvedByZ3([
            // A constant str's count of a symbolic one, without overlaps as Python counts: "aa" occurs twice in
            // "aaaaa" (four times with overlaps), so the answer is unique.
            ("def sat(s: str, text=\"aaaaabab\"):\n    return len(s) == 2 and s[0] == s[1] and text.count(s) == 2", "str", "\"aa\""),
            // Three interleaved parts of four characters: only a str of 3 * 4 characters holds them, and it is unique.
            ("def sat(s: str, parts=[\"abcd\", \"efgh\", \"ijkl\"]):\n    return all(p in s[i::3] for i, p in enumerate(parts))",
             "str", "\"aeibfjcgkdhl\""),
        ])
    }

    @Test func z3TestsTheCharacterClassesOfSymbolicStrs() throws {
        try SymbolicTests.expectSolvedByZ3([
            // Distinct lower-case words: z3's strings with each test as a regular expression.
            ("def sat(words: List[str], n=3):\n    return len(set(words)) == n and all(len(w) == 3 and w.isalpha() and w.islower() for w in words)",
             "List[str]", nil),
            // Each class, and one negated: upper case but not all letters.
            ("def sat(s: List[str]):\n    a, b, c = s\n    return a.isdigit() and b.isupper() and not b.isalpha() and c.isspace() "
                + "and len(a + b + c) == 7 and int(a) > 5", "List[str]", nil),
        ])
    }

    @Test func z3IteratesWordsOfCharactersAndTakesAnyAllAndNotAsConditions() throws {
        try SymbolicTests.expectSolvedByZ3([
            // Words iterated character by character: a list of strs of symbolic characters, at sat's sizes.
            ("def sat(words: List[str], n=3):\n    return len(set(words)) == n and all(len(w) == 4 and not any(c in 'aeiou' for c in w) "
                + "and w.islower() for w in words)", "List[str]", nil),
            // An item past the list's end raises: Python gets there only if no earlier item held.
            ("def sat(li: List[int]):\n    return len(li) == 3 and any(li[i] == 7 for i in range(5)) and li[0] != 7 and li[1] != 7 "
                + "and min(li) >= 0 and sum(li) == 7", "List[int]", "[0, 0, 7]"),
            ("def sat(li: List[int]):\n    return len(li) == 3 and not all(li[i] > 0 for i in range(5)) and min(li) >= 0 and sum(li) == 2 "
                + "and li[0] == 1 and li[2] == 1", "List[int]", "[1, 0, 1]"),
        ])
    }

    @Test func z3IndexesListsOfListsAndDictsAtSymbolicPositions() throws {
        try SymbolicTests.expectSolvedByZ3([
            // A path through adjacency lists: `b in edges[a]` asks each list under its position; the answer is unique.
            ("def sat(p: List[int], edges=[[1, 2], [3], [4], [5], [2], []]):\n"
                + "    return len(p) == 4 and p[0] == 0 and p[-1] == 5 and all(b in edges[a] for a, b in zip(p, p[1:]))",
             "List[int]", "[0, 1, 3, 5]"),
            // Weights in dicts, one of them empty, indexed by symbolic nodes; the answer is unique at the shortest length.
            ("def sat(path: List[int], w=[{1: 7, 2: 2}, {3: 1}, {1: 3, 3: 9}, {}]):\n"
                + "    return path[0] == 0 and path[-1] == 3 and sum(w[a][b] for a, b in zip(path, path[1:])) <= 6",
             "List[int]", "[0, 2, 1, 3]"),
        ])
    }

    @Test func z3ComparesSetsAndTakesListsOfBools() throws {
        try SymbolicTests.expectSolvedByZ3([
            // A set of symbolic pairs equal to a set of constants; the answer is unique.
            ("def sat(p: List[int], edges=[[0, 1], [1, 2], [2, 3]], image=[[2, 0], [0, 3], [3, 1]]):\n"
                + "    return len(p) == len(set(p)) and {(a, b) for a, b in image} == {(p[a], p[b]) for a, b in edges}",
             "List[int]", "[2, 0, 3, 1]"),
            // `is True` and `is not False` of symbolic bools, at the length of sat's list; the answer is unique.
            ("def sat(flags: List[bool], nums=[3, 8, 5, 12, 7, 10]):\n    return len(flags) == len(nums) and all("
                + "(f is not False) if n % 2 == 0 else (f is True) == False for f, n in zip(flags, nums))",
             "List[bool]", "[false, true, false, true, false, true]"),
            // A sum of symbolic bools counts them.
            ("def sat(b: List[bool], n=8, k=3):\n    return len(b) == n and sum(b) == k and b[0] and not b[-1] "
                + "and all(not (x and y) for x, y in zip(b, b[1:]))", "List[bool]", nil),
        ])
    }

    @Test func z3FindsPositionsSlicesAndMergesConditionalExpressions() throws {
        try SymbolicTests.expectSolvedByZ3([
            // Slices whose bounds and step are the answer's items.
            ("def sat(b: List[int], s=\"programming puzzles\", target=\"mgu\"):\n    i, j, k = b\n    return s[i:j:k] == target", "List[int]", nil),
            ("def sat(b: List[int], li=[5, 1, 8, 2, 9, 4, 7], target=[7, 9, 8]):\n    i, j, k = b\n    return target == li[i:j:k]",
             "List[int]", nil),
            // list.index of symbolic items; the answer is unique.
            ("def sat(x: List[int], li=[7, 3, 9, 3, 5]):\n    return len(x) == 3 and [li.index(v) for v in x] == [2, 1, 4] and sum(x) == 17",
             "List[int]", "[9, 3, 5]"),
            // str.find of symbolic characters; the answer is unique.
            ("def sat(s: str, alphabet=\"zyxwvutsrqponmlkjihgfedcba\", target=[7, 4, 0, 25]):\n"
                + "    return len(s) == 4 and [alphabet.find(c) for c in s] == target", "str", "\"svza\""),
            // A conditional expression per character: one path with both sides merged, instead of 2^20 paths.
            ("def sat(s: str, key=\"mnbvcxzlkjhgfdsapoiuytrewq\", target=\"a secret, kept well!\"):\n"
                + "    return \"\".join(key[(key.index(c) + 3) % 26] if c in key else c for c in s) == target", "str", nil),
        ])
    }

    @Test func z3SolvesStrsAsCharactersAtTheLengthsSatSuggests() throws {
        try SymbolicTests.expectSolvedByZ3([
            // Reversal, a count and sorting, which z3's strings do not have.
            ("def sat(s: str, n=9):\n    return len(s) == n and s == s[::-1] and s.count('x') == 3 and s[0] == 'a' and sorted(s)[-1] == 'x'",
             "str", nil),
            // Iteration, membership in a constant str, case and a join of the characters reversed.
            ("def sat(s: str, length=12):\n    return len(s) == length and all(c in 'abcXYZ' for c in s) and s.upper().count('Z') == 4 "
                + "and ''.join(reversed(s)).startswith('ab')", "str", nil),
            // No length given: two counts add up to one (40).
            ("def sat(s: str, x=23, y=17):\n    return s.count('x') == x and s.count('y') == y and s.startswith('yx') and s[5] == 'y'",
             "str", nil),
            // Character classes, and int() of a slice of digits.
            ("def sat(s: str, n=8):\n    return len(s) == n and s[:3].isdigit() and s[3:].isupper() and s[3:].isalpha() and int(s[:3]) * 7 == 861",
             "str", nil),
            // ord and chr between characters and codes.
            ("def sat(s: str, shift=3, target=\"khoor\"):\n    return len(s) == len(target) and "
                + "\"\".join(chr((ord(c) - 97 + shift) % 26 + 97) for c in s) == target", "str", nil),
            ("def sat(s: str, n=6):\n    return len(s) == n and s.islower() and not s.isalpha() and sum(ord(c) for c in s) == 600", "str", nil),
        ])
    }

    @Test func z3SolvesListsOfListsAtShapesFromSat() throws {
        let cases: [String] = [
            // Rows from sat's constants, row length from `for i, j in squares`; a set comprehension of tuples counts the
            // distinct tuples (n queens).
            "def sat(squares: List[List[int]], n=6):\n    assert len(squares) == n and all(i in range(n) and j in range(n) for i, j in squares)\n"
                + "    return len({t for i, j in squares for t in [('row', i), ('col', j), ('up', i + j), ('down', i - j)]}) == 4 * n",
            // Rows unpacked, the row length from a constant; a set display of symbolic items.
            "def sat(rows: List[List[int]], width=3):\n    a, b = rows\n    return len(a) == len(b) == width and len({a[0], a[1], a[2]}) == 3 "
                + "and sum(a) == sum(b) == 12 and b[0] == b[1] == b[2]",
        ]
        try SymbolicTests.expectSolvedByZ3(cases.map { ($0, "List[List[int]]", nil) })
    }
}

/// The items strategy: a sat that asks for n distinct items each passing a test gets the first n that pass.
@Suite struct ItemsTests {
    @Test func distinctItemsThatPassSatsTestOfEachItemSolveAtTheFirstTry() throws {
        let cases: [(sat: String, type: String, answer: String?)] = [
            // Primes in order; the count through a chained comparison.
            ("def sat(li: List[int], n=12):\n    return len(li) == len(set(li)) == n and all(x > 1 and all(x % d for d in range(2, x)) for x in li)",
             "List[int]", "[2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]"),
            // Negative integers come in the order 0, 1, -1, 2, -2, ...; a test's number counts by its truth, as in `all`.
            ("def sat(li: List[int]):\n    return len(set(li)) == 3 and all(x < 0 and x % 2 == 0 for x in li)", "List[int]", "[-2, -4, -6]"),
            ("def sat(li: List[int]):\n    return len(set(li)) == 4 and all(x % 3 for x in li)", "List[int]", "[1, -1, 2, -2]"),
            // 1,000 strs over sat's own characters, shortest first.
            ("def sat(s: List[str]):\n    return len(set(s)) == 1000 and all(x.count(\"a\") > x.count(\"b\") and 'b' in x for x in s)", "List[str]", nil),
            // sat's own characters cannot pass: after them, lower-case letters and digits.
            ("def sat(li: List[str]):\n    return len(set(li)) == 5 and all(x.isdigit() and x != \"ab\" for x in li)", "List[str]",
             "[\"0\", \"1\", \"2\", \"3\", \"4\"]"),
            // No characters in sat: lower-case letters and digits; the test reads a default.
            ("def sat(words: List[str], k=3):\n    return len(words) == 40 and len(set(words)) == 40 and all(w == w[::-1] and len(w) == k for w in words)",
             "List[str]", nil),
            // A least count (>= n, > n - 1, either side) rather than an exact one.
            ("def sat(li: List[int], n=6):\n    return len(set(li)) >= n and all(x % 7 != 0 and 10 <= x <= 99 for x in li)", "List[int]",
             "[10, 11, 12, 13, 15, 16]"),
            ("def sat(li: List[int]):\n    return 9 < len(set(li)) and all(x * x < 200 for x in li)", "List[int]", "[0, 1, -1, 2, -2, 3, -3, 4, -4, 5]"),
            // A test of each pair of distinct items: taken greedily, each item against those before it.
            ("def sat(l: List[int]):\n    return all(i in range(100) and abs(i * i - j * j) >= 10 for i in l for j in l if i != j) and len(set(l)) > 95",
             "List[int]", "[" + ([0, 4] + Array(6..<100)).map(String.init).joined(separator: ", ") + "]"),
            // Without `if x != y`, each item is tested with itself too.
            ("def sat(li: List[int]):\n    return len(set(li)) == 5 and all(abs(x - y) != 1 for x in li for y in li)", "List[int]", "[0, 2, -2, 4, -4]"),
        ]
        for (sat, type, answer) in cases {
            let outcome = try SymbolicTests.solve(sat, type: type, items: true)
            #expect(outcome.solved && outcome.strategy == "items" && outcome.tries == 1, "\(sat): \(outcome)")
            if let answer { #expect(outcome.answer == answer, "\(sat): \(outcome)") }
        }
        // A test no item passes, and a sat that wants more than its tests: the other strategies go on.
        let none = try SymbolicTests.solve("def sat(li: List[int]):\n    return len(li) == 5 and all(x != x for x in li)", type: "List[int]", items: true)
        #expect(!none.solved)
        let more = try SymbolicTests.solve("def sat(li: List[int]):\n    return len(set(li)) == 3 and all(x > 0 for x in li) and sum(li) == 10",
                                           type: "List[int]", items: true)
        #expect(more.solved && more.strategy == "z3", "\(more)")
        // The setting is stored only when off: searches stored before it keep their identifiers.
        let stored = try JSONEncoder().encode(SolveSettings())
        #expect(!String(decoding: stored, as: UTF8.self).contains("items"))
        #expect(try JSONDecoder().decode(SolveSettings.self, from: stored) == SolveSettings())
        var off = SolveSettings()
        off.items = false
        #expect(try JSONDecoder().decode(SolveSettings.self, from: JSONEncoder().encode(off)) == off)
    }
}
