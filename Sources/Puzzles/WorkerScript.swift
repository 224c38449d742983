/// The Python source of a puzzle worker, run as `python3 -I -S -c SOURCE memory-bytes workdir [z3-path ...]`.
/// It is passed on the command line, so nothing is read from the installation at run time.
enum WorkerScript {
    static let source = #"""
# Apery's puzzle worker: loads one sat at a time and checks JSON candidate values against it. It reads
# requests (one JSON object a line) from fd 0 and answers on fd 1; puzzle code sees neither.
import sys, os, json, ast, math, time, signal, resource, builtins, typing, itertools

requests = os.fdopen(os.dup(0), "rb")
replies = os.fdopen(os.dup(1), "wb")
null = os.open(os.devnull, os.O_RDWR)
for fd in (0, 1, 2):
    os.dup2(null, fd)
os.close(null)
sys.stdout = sys.stderr = open(os.devnull, "w")
sys.set_int_max_str_digits(0)
memory_bytes, workdir, z3_paths = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
keep = sorted({requests.fileno(), replies.fileno(), sys.stdout.fileno()})
low = 3
for fd in keep + [65536]:
    if fd > low:
        os.closerange(low, fd)
    low = max(low, fd + 1)
# Into the empty directory made for this process, which is then removed: the process keeps it as a deleted
# working directory, where nothing can be created, and a killed run leaves nothing behind.
os.chdir(workdir)
try:
    os.rmdir(workdir)
except OSError:
    pass
ALLOWED_MODULES = {"math", "cmath", "itertools", "functools", "collections", "heapq", "bisect", "string", "re", "random",
                   "fractions", "decimal", "statistics", "operator", "typing", "copy", "numbers", "hashlib", "datetime",
                   "collections.abc", "dataclasses", "enum", "array"}
# Everything puzzle code may import is loaded before privileges are dropped (the interpreter's own files
# may not be readable by the unprivileged user), and z3 when a solver path is given.
for module in sorted(ALLOWED_MODULES):
    __import__(module)
z3_module = None
if z3_paths:
    sys.path.extend(z3_paths)
    try:
        import z3 as z3_module
    except BaseException:
        z3_module = None
    del sys.path[-len(z3_paths):]
if z3_module is not None:
    def exact_real_value(read_decimal):
        """z3 4.8.12 reads a float's text "1e-06" as 1/0 and the process dies of SIGFPE: a finite float goes in as the
        fraction its shortest decimal names (1/1000000), which is what the puzzle's author wrote."""
        def real_value(value, ctx=None):
            if type(value) is float and math.isfinite(value):
                fraction = sys.modules["fractions"].Fraction(repr(value))
                value = "%d/%d" % (fraction.numerator, fraction.denominator)
            return read_decimal(value, ctx)
        return real_value
    z3_module.z3.RealVal = z3_module.RealVal = exact_real_value(z3_module.z3.RealVal)
os.setsid()
if os.getuid() == 0:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
for limit, value in ((resource.RLIMIT_AS, memory_bytes), (resource.RLIMIT_FSIZE, 0), (resource.RLIMIT_NPROC, 0), (resource.RLIMIT_CORE, 0)):
    try:
        resource.setrlimit(limit, (value, value))
    except (ValueError, OSError):
        pass
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
BLOCKED = ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "subprocess.", "socket.", "os.kill",
           "os.killpg", "signal.pthread_kill", "os.remove", "os.rmdir", "os.rename", "os.mkdir", "os.chmod", "os.chown",
           "os.link", "os.symlink", "os.truncate", "os.utime", "os.putenv", "os.unsetenv", "os.chdir", "os.chflags",
           "shutil.", "sys.addaudithook", "ctypes.dlopen", "os.startfile", "webbrowser.",
           "sqlite3.", "pty.", "mmap.", "fcntl.", "os.setuid", "os.setgid", "gc.", "sys._getframe", "sys._current_frames",
           "sys.settrace", "sys.setprofile", "code.__new__", "function.__new__", "marshal.", "pickle.", "builtins.input")
# Frames lead back to the worker's own globals (and its verdict): puzzle code may not reach them.
FRAME_ATTRIBUTES = {"tb_frame", "gi_frame", "cr_frame", "ag_frame", "f_back", "f_globals", "f_locals", "f_builtins"}

def audit(event, args):
    if event == "object.__getattr__":
        if len(args) > 1 and args[1] in FRAME_ATTRIBUTES:
            raise PermissionError("puzzle code may not inspect frames")
        return
    if event == "open":
        mode, flags = args[1], args[2]
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & WRITE_FLAGS):
            raise PermissionError("puzzle code may not write files")
        return
    for prefix in BLOCKED:
        if event.startswith(prefix):
            raise PermissionError("puzzle code may not use " + event)

real_import = builtins.__import__

def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level != 0 or name not in ALLOWED_MODULES:
        raise ImportError("puzzle code may not import " + name)
    return real_import(name, globals, locals, fromlist, level)

class Timeout(BaseException):
    pass

armed = [False]

def on_alarm(signum, frame):
    if armed[0]:
        armed[0] = False
        raise Timeout()

signal.signal(signal.SIGALRM, on_alarm)
exact_scalar = {"int": int, "float": float, "bool": bool, "str": str}

def parse_type(text):
    text = text.replace(" ", "")
    if text in exact_scalar:
        return text
    if text.startswith("List[") and text.endswith("]"):
        inner = parse_type(text[5:-1])
        return None if inner is None else ("list", inner)
    return None

def has_type(value, spec):
    if isinstance(spec, str):
        return type(value) is exact_scalar[spec]
    return type(value) is list and all(has_type(v, spec[1]) for v in value)

puzzle = {}

def literal(node):
    try:
        value = ast.literal_eval(node)
    except Exception:
        return None
    return value if plain(value) else None

def plain(value, depth=0):
    if type(value) in (int, float, bool, str):
        return not (type(value) is float and (math.isnan(value) or math.isinf(value)))
    if type(value) in (list, tuple, set) and depth < 4 and len(value) <= 10000:
        return all(plain(v, depth + 1) for v in value)
    return False

def jsonable(value):
    if type(value) in (tuple, set):
        return [jsonable(v) for v in (sorted(value, key=repr) if type(value) is set else value)]
    if type(value) is list:
        return [jsonable(v) for v in value]
    return value

def analyse(tree, fn):
    names, attrs, ops, constants = set(), set(), set(), []
    for node in ast.walk(fn):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                attrs.add(node.func.attr)
        elif isinstance(node, ast.BinOp):
            ops.add(type(node.op).__name__)
        elif isinstance(node, ast.UnaryOp):
            ops.add(type(node.op).__name__)
        elif isinstance(node, ast.Compare):
            for op in node.ops:
                ops.add(type(op).__name__)
        elif isinstance(node, ast.BoolOp):
            ops.add(type(node.op).__name__)
        elif isinstance(node, ast.Subscript):
            ops.add("Slice" if isinstance(node.slice, ast.Slice) else "Index")
        elif isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)):
            ops.add("Comprehension")
        elif isinstance(node, (ast.For, ast.While)):
            ops.add("Loop")
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float, str, bool):
            if plain(node.value):
                constants.append(node.value)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            value = literal(node)
            if value is not None:
                constants.append(jsonable(value))
    args = fn.args
    answer = args.args[0].arg if args.args else None
    # The tuples sat unpacks its answer into (`i, j, k = answer`): the answer's likely lengths.
    unpacks = [len(node.targets[0].elts) for node in ast.walk(fn)
               if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple)
               and isinstance(node.value, ast.Name) and node.value.id == answer]
    # The tuples sat unpacks each item of its answer into (`for i, j in answer`): a list of lists' likely row length.
    element_unpacks = [len(node.target.elts) for node in ast.walk(fn)
                       if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Tuple)
                       and isinstance(node.iter, ast.Name) and node.iter.id == answer]
    defaults = []
    positional = args.args
    for arg, default in zip(positional[len(positional) - len(args.defaults):], args.defaults):
        value = literal(default)
        if value is not None:
            defaults.append({"name": arg.arg, "value": jsonable(value)})
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if default is not None:
            value = literal(default)
            if value is not None:
                defaults.append({"name": arg.arg, "value": jsonable(value)})
    return {"defaults": defaults, "constants": constants, "names": sorted(names), "attrs": sorted(attrs), "ops": sorted(ops),
            "answer": answer, "unpacks": unpacks, "element_unpacks": element_unpacks}

def load(request):
    source, answer_type = request["sat"], request["type"]
    spec = parse_type(answer_type)
    if spec is None:
        return {"error": "unknown answer type " + answer_type}
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return {"error": "line %s, column %s: %s" % (error.lineno, error.offset, error.msg)}
    except (ValueError, RecursionError, MemoryError) as error:
        return {"error": type(error).__name__ + ": " + str(error)[:200]}
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    sat = [f for f in functions if f.name == "sat"] or functions
    if not sat:
        return {"error": "no function definition"}
    if not sat[0].args.args:
        return {"error": "sat takes no answer argument"}
    analysis = analyse(tree, sat[0])
    puzzle.clear()
    puzzle.update({"spec": spec, "source": source, "name": sat[0].name, "analysis": analysis, "function": sat[0]})
    failure = define()
    if failure:
        return {"error": failure}
    return {"ok": analysis}

def define():
    safe = dict(builtins.__dict__)
    safe["__import__"] = guarded_import
    for name in ("open", "exit", "quit", "input", "breakpoint", "help", "compile", "exec", "eval", "globals", "vars",
                 "memoryview", "__loader__", "__spec__"):
        safe.pop(name, None)
    namespace = {"__builtins__": safe, "__name__": "puzzle"}
    for name in ("List", "Dict", "Set", "Tuple", "Optional", "Callable", "Union", "Any"):
        namespace[name] = getattr(typing, name)
    try:
        code = compile(puzzle["source"], "<sat>", "exec")
        call_limited(lambda: exec(code, namespace), 2.0)
    except BaseException as error:
        return "defining sat failed: " + type(error).__name__
    function = namespace.get(puzzle["name"])
    if not callable(function):
        return "sat is not a function"
    puzzle["sat"] = function
    puzzle["builtins"] = safe
    puzzle["symbolic_sat"] = define_symbolic(namespace)
    return None

class SymbolicAccess(ast.NodeTransformer):
    """sat as the z3 strategy runs it: `a[k]`, `a[i:j:k]`, `sep.join(items)`, `x in c`, `c.count(x)`, `c.index(x)`,
    `c.find(x)`, `b is True` (or False), `not b` and `a if c else b` go through helpers, which accept a symbolic
    index, symbolic strings and symbolic items, and otherwise do what Python does; set displays and comprehensions
    call `set`, which is symbolic while the strategy runs."""
    @staticmethod
    def helper(name, arguments, node):
        return ast.copy_location(ast.Call(func=ast.Name(name, ast.Load()), args=arguments, keywords=[]), node)

    def visit_Subscript(self, node):
        self.generic_visit(node)
        if isinstance(node.ctx, ast.Load) and isinstance(node.slice, ast.Slice):
            bounds = [bound or ast.Constant(None) for bound in (node.slice.lower, node.slice.upper, node.slice.step)]
            return self.helper("_symbolic_slice", [node.value] + bounds, node)
        if isinstance(node.ctx, ast.Load):
            return self.helper("_symbolic_index", [node.value, node.slice], node)
        return node

    def visit_SetComp(self, node):
        self.generic_visit(node)
        return self.helper("set", [ast.GeneratorExp(elt=node.elt, generators=node.generators)], node)

    def visit_Set(self, node):
        self.generic_visit(node)
        return self.helper("set", [ast.List(elts=node.elts, ctx=ast.Load())], node)

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return self.helper("_symbolic_not", [node.operand], node)
        return node

    def visit_IfExp(self, node):
        self.generic_visit(node)
        no_arguments = ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[])
        thunk = lambda body: ast.Lambda(args=no_arguments, body=body)
        return self.helper("_symbolic_choice", [node.test, thunk(node.body), thunk(node.orelse)], node)

    def visit_Compare(self, node):
        self.generic_visit(node)
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            negated = ast.Constant(isinstance(node.ops[0], ast.NotIn))
            return self.helper("_symbolic_in", [node.left, node.comparators[0], negated], node)
        if (len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot)) and isinstance(node.comparators[0], ast.Constant)
                and type(node.comparators[0].value) is bool):
            negated = ast.Constant(isinstance(node.ops[0], ast.IsNot))
            return self.helper("_symbolic_is", [node.left, node.comparators[0], negated], node)
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "join" and len(node.args) == 1 and not node.keywords:
            return self.helper("_symbolic_join", [node.func.value, node.args[0]], node)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "count" and len(node.args) == 1 and not node.keywords:
            return self.helper("_symbolic_count", [node.func.value, node.args[0]], node)
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("index", "find") and len(node.args) == 1 and not node.keywords:
            return self.helper("_symbolic_position", [node.func.value, node.args[0], ast.Constant(node.func.attr)], node)
        return node

def define_symbolic(namespace):
    """sat rewritten by SymbolicAccess, in a namespace of its own whose helpers solve() replaces; None if it fails."""
    symbolic = dict(namespace)
    symbolic.update({"_symbolic_index": lambda seq, key: seq[key], "_symbolic_join": lambda sep, items: sep.join(items),
                     "_symbolic_in": lambda item, container, negated: (item not in container) if negated else (item in container),
                     "_symbolic_count": lambda seq, item: seq.count(item),
                     "_symbolic_is": lambda value, constant, negated: (value is not constant) if negated else (value is constant),
                     "_symbolic_position": lambda seq, item, method: getattr(seq, method)(item),
                     "_symbolic_choice": lambda condition, then, otherwise: then() if condition else otherwise(),
                     "_symbolic_slice": lambda seq, lower, upper, step: seq[lower:upper:step],
                     "_symbolic_not": lambda value: not value})
    try:
        tree = ast.fix_missing_locations(SymbolicAccess().visit(ast.parse(puzzle["source"])))
        call_limited(lambda: exec(compile(tree, "<sat>", "exec"), symbolic), 2.0)
    except BaseException:
        return None
    function = symbolic.get(puzzle["name"])
    return function if callable(function) else None

cpu_armed_at = [-10.0, 0]  # CPU time when the limit was last set, and that soft limit

def arm_cpu_limit(seconds, always=False):
    """SIGALRM cannot interrupt a loop in C (a huge itertools.product): the CPU-time limit ends the whole
    process instead, and the engine restarts it. Re-armed at most once a second of CPU time (unless `always`, or
    the limit leaves this call less): each call keeps at least `seconds` + 1 s before it."""
    used = time.process_time()
    if used - cpu_armed_at[0] < 1.0 and not always and used + seconds + 1 <= cpu_armed_at[1]:
        return
    soft = int(used + seconds + 2.5)
    cpu_armed_at[:] = [used, soft]
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))

def call_limited(thunk, seconds):
    arm_cpu_limit(seconds)
    armed[0] = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return thunk()
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)

def check(request):
    if "sat" not in puzzle:
        return {"error": "no puzzle loaded"}
    sat, spec, seconds = puzzle["sat"], puzzle["spec"], request["ms"] / 1000.0
    answers = request["answers"]
    timeouts = failures = 0
    for index, answer in enumerate(answers):
        if not has_type(answer, spec):
            continue
        try:
            result = call_limited(lambda: sat(answer), seconds)
            if result is True:
                return {"solved": index, "calls": index + 1, "timeouts": timeouts, "errors": failures}
        except Timeout:
            timeouts += 1
        except BaseException:
            failures += 1
    return {"solved": None, "calls": len(answers), "timeouts": timeouts, "errors": failures}

def item_tests(function, answer, defaults):
    """What sat asks of each item of a list answer, and how many distinct items: the tests of its `all(test for x in
    answer)` (as compiled functions of x, sat's defaults bound), the pairwise tests of its `all(test for x in answer
    for y in answer if x != y)` (functions of x and y, and whether x = y is tested too, without the `if`), the sizes n
    of its `len(set(answer)) == n` and `len(answer) == n`, or the least n its `>= n` and `> n - 1` allow (n a constant
    or a default's name), and whether sat is one return of those conditions only."""
    tests, pair_tests, sizes, read = [], [], [], set()
    def value(node):
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.Name) and type(defaults.get(node.id)) is int:
            return defaults[node.id]
        return None
    def length_of_answer(node):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1):
            return False
        inner = node.args[0]
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "set" and len(inner.args) == 1:
            inner = inner.args[0]
        return isinstance(inner, ast.Name) and inner.id == answer
    def function_of(names, body):
        arguments = ast.arguments(posonlyargs=[], args=[ast.arg(name) for name in names], kwonlyargs=[], kw_defaults=[], defaults=[])
        namespace = dict(defaults)
        namespace["__builtins__"] = puzzle["builtins"]
        return eval(compile(ast.fix_missing_locations(ast.Expression(ast.Lambda(arguments, body))), "<test>", "eval"), namespace)
    def over_answer(generator):
        return (isinstance(generator.iter, ast.Name) and generator.iter.id == answer and isinstance(generator.target, ast.Name)
                and not generator.is_async)
    # A lower bound on the count, the length on the left: n is the least length it allows.
    least = {ast.GtE: 0, ast.Gt: 1}
    flipped = {ast.LtE: ast.GtE, ast.Lt: ast.Gt}
    for node in ast.walk(function):
        if isinstance(node, ast.Compare) and all(isinstance(op, ast.Eq) for op in node.ops):
            operands = [node.left] + node.comparators
            if any(length_of_answer(operand) for operand in operands):
                sizes += [value(operand) for operand in operands if value(operand) is not None]
                read.add(id(node))
        elif isinstance(node, ast.Compare) and len(node.ops) == 1:
            left, right, op = node.left, node.comparators[0], type(node.ops[0])
            if op in flipped:
                left, right, op = right, left, flipped[op]
            if op in least and length_of_answer(left) and value(right) is not None:
                sizes.append(value(right) + least[op])
                read.add(id(node))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "all" and len(node.args) == 1
                and isinstance(node.args[0], (ast.GeneratorExp, ast.ListComp))):
            generators = node.args[0].generators
            if len(generators) == 1 and over_answer(generators[0]) and not generators[0].ifs:
                tests.append(function_of([generators[0].target.id], node.args[0].elt))
                read.add(id(node))
            elif len(generators) == 2 and all(over_answer(g) for g in generators) and not generators[0].ifs:
                x, y = generators[0].target.id, generators[1].target.id
                ifs = generators[1].ifs
                distinct = (len(ifs) == 1 and isinstance(ifs[0], ast.Compare) and len(ifs[0].ops) == 1
                            and isinstance(ifs[0].ops[0], ast.NotEq) and isinstance(ifs[0].left, ast.Name)
                            and isinstance(ifs[0].comparators[0], ast.Name) and {ifs[0].left.id, ifs[0].comparators[0].id} == {x, y})
                if x != y and (distinct or not ifs):
                    pair_tests.append((function_of([x, y], node.args[0].elt), not distinct))
                    read.add(id(node))
    body = [statement for statement in function.body if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))]
    conditions = [body[0].value] if len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None else []
    while any(isinstance(c, ast.BoolOp) and isinstance(c.op, ast.And) for c in conditions):
        conditions = [part for c in conditions for part in (c.values if isinstance(c, ast.BoolOp) and isinstance(c.op, ast.And) else [c])]
    only = bool(conditions) and all(id(c) in read for c in conditions)
    return tests, pair_tests, sorted(n for n in set(sizes) if 1 <= n <= 100_000), only

def candidate_items(element, analysis):
    """Items in order of size: integers 0, 1, -1, 2, -2, ...; strs by length over the characters of sat's strs, then
    over lower-case letters and digits. An alphabet ends at 16 characters, or after a length it could not list whole
    (400,000 words)."""
    if element == "int":
        yield 0
        n = 1
        while True:
            yield n
            yield -n
            n += 1
    values = [d["value"] for d in analysis["defaults"]] + analysis["constants"]
    own = "".join(dict.fromkeys(c for v in values if type(v) is str for c in v))
    for alphabet in [a for a in (own, "abcdefghijklmnopqrstuvwxyz0123456789") if a]:
        yield ""
        words = [""]
        for _ in range(16):
            words = list(itertools.islice((w + c for w in words for c in alphabet), 400_000))
            yield from words
            if len(words) == 400_000:
                break

def items(request):
    """For a sat that asks for n distinct items each passing a test, or each pair of them: the first n items
    (candidate_items' order) that pass every test, each with every item taken before it (greedily), as one answer per
    size sat names, and whether sat asks nothing else. Nothing for other sats."""
    if "sat" not in puzzle:
        return {"error": "no puzzle loaded"}
    spec, analysis = puzzle["spec"], puzzle["analysis"]
    if spec not in (("list", "int"), ("list", "str")):
        return {"answers": []}
    defaults = {d["name"]: d["value"] for d in analysis["defaults"]}
    try:
        tests, pair_tests, sizes, only = item_tests(puzzle["function"], analysis["answer"], defaults)
    except BaseException:
        return {"answers": []}
    if not (tests or pair_tests) or not sizes:
        return {"answers": []}
    found, seen = [], set()
    def collect():
        for item in candidate_items(spec[1], analysis):
            if item in seen:
                continue
            seen.add(item)
            try:
                # Truth as `all` takes it: a test may give a number (`x % 2`).
                passes = (all(test(item) for test in tests)
                          and all((not itself or test(item, item)) and all(test(item, other) and test(other, item) for other in found)
                                  for test, itself in pair_tests))
            except Timeout:
                raise
            except BaseException:
                passes = False
            if passes:
                found.append(item)
                if len(found) >= sizes[-1]:
                    return
    try:
        call_limited(collect, request["ms"] / 1000.0)
    except Timeout:
        pass
    return {"answers": [found[:n] for n in sizes if len(found) >= n], "only": only}

# Python's character classes as far as printable ASCII goes, which is what the symbolic strs hold: ranges of characters.
DIGITS, UPPER, LOWER = [("0", "9")], [("A", "Z")], [("a", "z")]
CHARACTER_CLASSES = {"isdigit": DIGITS, "isalpha": UPPER + LOWER, "isalnum": DIGITS + UPPER + LOWER, "isspace": [(" ", " ")]}

class SymbolicStr:
    """A z3 string with the str operations z3 can model: + (either side), ==, !=, in, startswith, endswith, an
    index or a slice with constant bounds, the character tests (`isdigit` ... `islower`, as regular expressions), and
    len (through sat's `len` while the z3 strategy runs). Anything else (count, other methods) raises, ending that
    path."""
    def __init__(self, z3, term):
        self.z3, self.term = z3, term

    def _wrap(self, other):
        if isinstance(other, SymbolicStr):
            return other.term
        if type(other) is str:
            return self.z3.StringVal(other)
        raise TypeError("not a str")

    def __add__(self, other):
        return SymbolicStr(self.z3, self.z3.Concat(self.term, self._wrap(other)))

    def __radd__(self, other):
        return SymbolicStr(self.z3, self.z3.Concat(self._wrap(other), self.term))

    def __eq__(self, other):
        return self.term == self._wrap(other)

    def __ne__(self, other):
        return self.term != self._wrap(other)

    def __contains__(self, other):
        return self.z3.Contains(self.term, self._wrap(other))

    def startswith(self, prefix):
        return self.z3.PrefixOf(self._wrap(prefix), self.term)

    def endswith(self, suffix):
        return self.z3.SuffixOf(self._wrap(suffix), self.term)

    def __getitem__(self, key):
        z3 = self.z3
        if type(key) is int:
            index = key if key >= 0 else z3.Length(self.term) + key
            return SymbolicStr(z3, z3.SubString(self.term, index, 1))
        if type(key) is slice and key.step is None and all(b is None or type(b) is int for b in (key.start, key.stop)):
            length = z3.Length(self.term)
            start = 0 if key.start is None else (key.start if key.start >= 0 else length + key.start)
            stop = length if key.stop is None else (key.stop if key.stop >= 0 else length + key.stop)
            return SymbolicStr(z3, z3.SubString(self.term, start, stop - start))
        raise TypeError("unsupported index")

    def __iter__(self):
        # Without it, Python would iterate through __getitem__, which never runs out on a symbolic str.
        raise TypeError("a symbolic str cannot be iterated")

    def _ranges(self, ranges):
        z3 = self.z3
        return z3.Union([z3.Range(low, high) for low, high in ranges]) if len(ranges) > 1 else z3.Range(*ranges[0])

    def _all(self, name):
        """A character class on a non-empty str, as Python's tests are."""
        return self.z3.InRe(self.term, self.z3.Plus(self._ranges(CHARACTER_CLASSES[name])))

    def isdigit(self):
        return self._all("isdigit")

    def isalpha(self):
        return self._all("isalpha")

    def isalnum(self):
        return self._all("isalnum")

    def isspace(self):
        return self._all("isspace")

    def _cased(self, some, none):
        """Some character of one case and none of the other: printable characters outside the other case's range
        around one of this case."""
        z3, (low, high) = self.z3, none[0]
        others = z3.Star(self._ranges([(" ", chr(ord(low) - 1)), (chr(ord(high) + 1), "~")]))
        return z3.InRe(self.term, z3.Concat(others, self._ranges(some), others))

    def isupper(self):
        return self._cased(UPPER, LOWER)

    def islower(self):
        return self._cased(LOWER, UPPER)

    __hash__ = None

class SymbolicDecimal(SymbolicStr):
    """str() of a symbolic integer: z3's string of it, its length as arithmetic, and its characters for what z3's
    strings cannot do (iterate, count, step slices, character tests). The characters branch on the sign and the count
    of digits (not negative and shortest first) and make each digit's code by arithmetic, which z3's integer solver
    takes better than its strings."""
    MAX_DIGITS = 18

    def __init__(self, z3, number):
        self.magnitude = z3.If(number >= 0, number, -number)
        digits = z3.IntToStr(self.magnitude)
        super().__init__(z3, z3.If(number >= 0, digits, z3.Concat(z3.StringVal("-"), digits)))
        self.number = number

    def length(self):
        z3 = self.z3
        count = z3.Length(z3.IntToStr(self.magnitude))
        for digits in range(SymbolicDecimal.MAX_DIGITS, 0, -1):
            count = z3.If(self.magnitude < 10 ** digits, digits, count)
        return count + z3.If(self.number < 0, 1, 0)

    def characters(self):
        z3, number = self.z3, self.number
        sign, magnitude = ([], number) if number >= 0 else ([45], -number)
        for count in range(1, SymbolicDecimal.MAX_DIGITS + 1):
            if magnitude < 10 ** count:
                return CharSeq(z3, sign + [48 + magnitude // 10 ** (count - 1 - k) % 10 for k in range(count)])
        raise TypeError("too many digits to read one by one")

    def __getitem__(self, key):
        try:
            return super().__getitem__(key)
        except TypeError:
            return self.characters()[key]

    # With characters on the other side, the comparison and the joins are the characters'.
    def __eq__(self, other):
        return self.characters() == other if isinstance(other, CharSeq) else super().__eq__(other)

    def __ne__(self, other):
        return self.characters() != other if isinstance(other, CharSeq) else super().__ne__(other)

    def __add__(self, other):
        return self.characters() + other if isinstance(other, CharSeq) else super().__add__(other)

    def __radd__(self, other):
        return other + self.characters() if isinstance(other, CharSeq) else super().__radd__(other)

    __hash__ = None

    def __iter__(self):
        return iter(self.characters())

    def __getattr__(self, name):
        if name.startswith("_") or name in ("number", "magnitude", "z3", "term"):
            raise AttributeError(name)
        return getattr(self.characters(), name)

# A decimal's character tests read its digits, which z3's integer solver takes better than regular expressions.
for _test in ("isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower"):
    setattr(SymbolicDecimal, _test, lambda self, test=_test: getattr(self.characters(), test)())

class CharSeq:
    """A str of known length whose characters are z3 integers (code points, printable ASCII), for what z3's strings
    cannot do: count a character, iterate, reverse or slice with a step, sort. Indices and slices are concrete;
    `==`, `in`, `startswith` and `endswith` are conditions on the codes."""
    def __init__(self, z3, codes):
        self.z3, self.codes = z3, list(codes)

    @staticmethod
    def of(z3, value):
        """A str, CharSeq or the str of a symbolic integer as a CharSeq; None for anything else."""
        if isinstance(value, CharSeq):
            return value
        if isinstance(value, SymbolicDecimal):
            return value.characters()
        return CharSeq(z3, [ord(c) for c in value]) if type(value) is str else None

    def __len__(self):
        return len(self.codes)

    def __iter__(self):
        return iter([CharSeq(self.z3, [code]) for code in self.codes])

    def __getitem__(self, key):
        if type(key) is int:
            return CharSeq(self.z3, [self.codes[key]])
        if type(key) is slice and all(b is None or type(b) is int for b in (key.start, key.stop, key.step)):
            return CharSeq(self.z3, self.codes[key])
        raise TypeError("unsupported index")

    def _matches(self, other, at):
        return symbolic_condition(self.z3, [symbolic_equal(self.z3, self.codes[at + k], code) for k, code in enumerate(other.codes)], self.z3.And)

    def __eq__(self, other):
        other = CharSeq.of(self.z3, other)
        if other is None or len(other) != len(self):
            return False
        return self._matches(other, 0)

    def __ne__(self, other):
        return symbolic_not(self.z3, self.__eq__(other))

    def __add__(self, other):
        other = CharSeq.of(self.z3, other)
        if other is None:
            raise TypeError("not a str")
        return CharSeq(self.z3, self.codes + other.codes)

    def __radd__(self, other):
        other = CharSeq.of(self.z3, other)
        if other is None:
            raise TypeError("not a str")
        return CharSeq(self.z3, other.codes + self.codes)

    def __contains__(self, other):
        other = CharSeq.of(self.z3, other)
        if other is None:
            raise TypeError("not a str")
        return symbolic_condition(self.z3, [self._matches(other, at) for at in range(len(self) - len(other) + 1)], self.z3.Or)

    def startswith(self, prefix):
        prefix = CharSeq.of(self.z3, prefix)
        return len(prefix) <= len(self) and self._matches(prefix, 0)

    def endswith(self, suffix):
        suffix = CharSeq.of(self.z3, suffix)
        return len(suffix) <= len(self) and self._matches(suffix, len(self) - len(suffix))

    def count(self, sub):
        """Occurrences of a substring as Python counts them, without overlaps: a match counts unless one counted
        fewer than len(sub) characters before it."""
        z3, sub = self.z3, CharSeq.of(self.z3, sub)
        if sub is None:
            raise TypeError("not a str")
        if len(sub) == 0:
            return len(self) + 1
        counted = []
        for at in range(len(self) - len(sub) + 1):
            earlier = counted[max(0, at - len(sub) + 1):]
            counted.append(symbolic_condition(z3, [self._matches(sub, at)] + [symbolic_not(z3, c) for c in earlier], z3.And))
        return z3.Sum([z3.If(c, 1, 0) if isinstance(c, z3.BoolRef) else z3.IntVal(int(c)) for c in counted]) if counted else 0

    def _mapped(self, low, high, shift):
        return CharSeq(self.z3, [self.z3.If(self.z3.And(code >= low, code <= high), code + shift, code) for code in self.codes])

    def lower(self):
        return self._mapped(65, 90, 32)

    def upper(self):
        return self._mapped(97, 122, -32)

    def _all(self, test):
        """Python's character classes on a non-empty str: every character passes."""
        return bool(self.codes) and symbolic_condition(self.z3, [test(code) for code in self.codes], self.z3.And)

    def _any(self, test):
        return symbolic_condition(self.z3, [test(code) for code in self.codes], self.z3.Or)

    def _in(self, ranges):
        return lambda c: self.z3.Or([self.z3.And(c >= ord(low), c <= ord(high)) for low, high in ranges])

    def isdigit(self):
        return self._all(self._in(CHARACTER_CLASSES["isdigit"]))

    def isalpha(self):
        return self._all(self._in(CHARACTER_CLASSES["isalpha"]))

    def isalnum(self):
        return self._all(self._in(CHARACTER_CLASSES["isalnum"]))

    def isspace(self):
        return self._all(self._in(CHARACTER_CLASSES["isspace"]))

    def _cased(self, some, none):
        """Some character of one case, and none of the other."""
        return symbolic_condition(self.z3, [self._any(self._in(some)), symbolic_not(self.z3, self._any(self._in(none)))], self.z3.And)

    def isupper(self):
        return self._cased(UPPER, LOWER)

    def islower(self):
        return self._cased(LOWER, UPPER)

    __hash__ = None

def holds_symbolic(z3, value):
    """Whether a value is or holds (in a tuple or list) a z3 term or a symbolic str of either kind."""
    if isinstance(value, (z3.ExprRef, SymbolicStr, CharSeq)):
        return True
    return type(value) in (tuple, list) and any(holds_symbolic(z3, v) for v in value)

def symbolic_equal(z3, a, b):
    """a == b as Python means it, as a z3 condition where it depends on symbolic values (True or False where it does
    not): numbers with numbers, strs with strs, tuples and lists item by item; False across kinds."""
    numbers = (int, float, bool, z3.ArithRef)
    if isinstance(a, numbers) and isinstance(b, numbers):
        return a == b
    if isinstance(a, (str, SymbolicStr, CharSeq)) and isinstance(b, (str, SymbolicStr, CharSeq)):
        # A symbolic side compares: a Python str on the left would not know it.
        return b == a if isinstance(b, (SymbolicStr, CharSeq)) and type(a) is str else a == b
    if type(a) in (tuple, list) and type(a) is type(b):
        if len(a) != len(b):
            return False
        terms = []
        for x, y in zip(a, b):
            term = symbolic_equal(z3, x, y)
            if term is False:
                return False
            if term is not True:
                terms.append(term)
        return z3.And(terms) if terms else True
    return False if holds_symbolic(z3, a) or holds_symbolic(z3, b) else a == b

def symbolic_condition(z3, terms, combine):
    """z3.And or z3.Or of conditions some of which are Python bools, simplified where a bool decides it."""
    decisive = combine is z3.Or   # True decides a disjunction, False a conjunction
    kept = []
    for term in terms:
        if term is decisive:
            return decisive
        if isinstance(term, z3.BoolRef):
            kept.append(term)
    return combine(kept) if kept else not decisive

class SymbolicSet:
    """set() of values some of which are symbolic (also inside tuples): its size counts the items unlike every
    earlier one, so that distinctness (`len(set(x)) == len(x)`) becomes a constraint; `in` and `<=` are
    disjunctions. Only while the z3 strategy runs, through sat's own `set` and `len` (set displays and
    comprehensions are rewritten to call it)."""
    def __init__(self, z3, items):
        self.z3, self.items = z3, items

    def size(self):
        z3 = self.z3
        counted = []
        for i, item in enumerate(self.items):
            fresh = symbolic_condition(z3, [symbolic_not(z3, symbolic_equal(z3, item, earlier)) for earlier in self.items[:i]], z3.And)
            counted.append(z3.If(fresh, 1, 0) if isinstance(fresh, z3.BoolRef) else z3.IntVal(1 if fresh else 0))
        return z3.Sum(counted) if counted else z3.IntVal(0)

    def __contains__(self, value):
        return symbolic_condition(self.z3, [symbolic_equal(self.z3, value, item) for item in self.items], self.z3.Or)

    def __le__(self, other):
        return symbolic_condition(self.z3, [item in other for item in self.items], self.z3.And)

    def __eq__(self, other):
        """Equal sets: each side's items are among the other's (a Python set compared with this one comes here too)."""
        z3 = self.z3
        if isinstance(other, SymbolicSet):
            others = other.items
        elif type(other) in (set, frozenset):
            others = list(other)
        else:
            return False
        def among(item, items):
            return symbolic_condition(z3, [symbolic_equal(z3, item, x) for x in items], z3.Or)
        return symbolic_condition(z3, [among(x, others) for x in self.items] + [among(x, self.items) for x in others], z3.And)

    def __ne__(self, other):
        return symbolic_not(self.z3, self.__eq__(other))

    def __iter__(self):
        return iter(self.items)

    __hash__ = None

class SlicedChoice:
    """A slice with symbolic bounds: one of several values, each picked by some values of the bounds. It compares:
    equal where some value is equal and the bounds pick it. The conditions on the bounds are built only for the values
    that can be equal (thousands of combinations would take z3 seconds to build)."""
    def __init__(self, z3, bounds, options):
        self.z3, self.bounds, self.options = z3, bounds, options

    def __eq__(self, other):
        z3 = self.z3
        terms = []
        for picking, value in self.options:
            equal = symbolic_equal(z3, value, other)
            if equal is not False:
                held = z3.Or([z3.And([bound == v for bound, v in zip(self.bounds, values)]) for values in picking])
                terms.append(held if equal is True else z3.And(held, equal))
        return z3.Or(terms) if terms else False

    def __ne__(self, other):
        return symbolic_not(self.z3, self.__eq__(other))

    __hash__ = None

def symbolic_not(z3, condition):
    return z3.Not(condition) if isinstance(condition, z3.BoolRef) else not condition

def integer_terms(z3, items):
    """Whether every item is a Python int or an integer z3 term."""
    return all(type(v) is int or (isinstance(v, z3.ArithRef) and v.is_int()) for v in items)

class ContainerChoice:
    """The item at a symbolic position of a list of lists or dicts (`graph[a]`): indexing it (`graph[a][b]`) indexes
    each item, each under its position, and `in` asks each."""
    def __init__(self, position, items):
        self.position, self.items = position, items

    __hash__ = None

def symbolic_access(z3, assume):
    """The helpers of SymbolicAccess for one path: an index that is symbolic picks from a list or str of constants
    by a chain of Ifs, assuming it in range (Python would raise); a join of symbolic strings concatenates."""
    def select(term, cases):
        """The value of the (match, value) case whose match the term equals, as a chain of Ifs (the last case where no
        other matches)."""
        chosen = cases[-1][1]
        for match, value in reversed(cases[:-1]):
            chosen = z3.If(term == match, value, chosen)
        return chosen
    def pick(position, values):
        return select(position, list(enumerate(values)))
    def index(seq, key, when=None):
        """seq[key] where seq or key is symbolic; `when` is the condition under which this access happens (an item of
        a ContainerChoice), which the assumptions that the key is there hold under."""
        def require(condition):
            assume(condition if when is None else z3.Implies(when, condition))
        if isinstance(seq, ContainerChoice):
            values, kept = [], []
            for i, item in enumerate(seq.items):
                here = seq.position == i if when is None else z3.And(when, seq.position == i)
                try:
                    values.append(index(item, key, here))
                    kept.append(i)
                except (IndexError, KeyError):
                    assume(z3.Not(here))
            if not kept or not integer_terms(z3, values):
                raise TypeError("unsupported symbolic index")
            return select(seq.position, list(zip(kept, values)))
        if not isinstance(key, z3.ExprRef):
            return seq[key]
        if type(seq) is dict:
            keys = list(seq)
            if not keys:
                raise KeyError("empty")
            if not all(type(k) is int for k in keys) or not integer_terms(z3, list(seq.values())):
                raise TypeError("unsupported symbolic key")
            require(z3.Or([key == k for k in keys]))
            return select(key, list(seq.items()))
        if type(seq) not in (list, tuple, str):
            return seq[key]
        items, n = list(seq), builtins.len(seq)
        if n == 0:
            raise IndexError("empty")
        require(z3.And(key >= -n, key < n))
        position = z3.If(key < 0, key + n, key)
        if integer_terms(z3, items):
            return pick(position, items)
        if type(seq) is str:
            # A character of a str is its code, so that joins and comparisons stay integer arithmetic, which z3 solves
            # where its strings give up ("".join(word[i] for i in idx) == target).
            return CharSeq(z3, [pick(position, [ord(c) for c in seq])])
        if all(type(v) is str for v in items):
            return SymbolicStr(z3, pick(position, [z3.StringVal(v) for v in items]))
        if all(type(v) in (list, tuple, dict) for v in items):
            return ContainerChoice(position, items)
        raise TypeError("unsupported symbolic index")
    def join(sep, items):
        items = list(items)
        if type(sep) is not str or all(type(item) is str for item in items):
            return sep.join(items)
        if any(isinstance(item, CharSeq) for item in items):
            joined = CharSeq(z3, [])
            for k, item in enumerate(items):
                joined = joined + sep + item if k else joined + item
            return joined
        joined = SymbolicStr(z3, z3.StringVal(""))
        for k, item in enumerate(items):
            joined = joined + sep + item if k else joined + item
        return joined
    def contains(item, container):
        if isinstance(container, (SymbolicStr, SymbolicSet, CharSeq)):
            return container.__contains__(item)
        if isinstance(container, ContainerChoice):
            held = [contains(item, c) for c in container.items]
            return z3.Or([z3.And(container.position == i, h) for i, h in enumerate(held)])
        if isinstance(item, CharSeq) and type(container) is str:
            return CharSeq.of(z3, container).__contains__(item)
        if isinstance(item, SymbolicStr) and type(container) is str:
            return z3.Contains(z3.StringVal(container), item.term)
        if type(container) is range and isinstance(item, z3.ArithRef) and item.is_int():
            start, stop, step = container.start, container.stop, container.step
            held = z3.And(item >= start, item < stop) if step > 0 else z3.And(item <= start, item > stop)
            return held if abs(step) == 1 else z3.And(held, (item - start) % abs(step) == 0)
        if type(container) in (list, tuple, set, frozenset, dict) and builtins.len(container) <= 10_000:
            items = list(container)
            # Whole numbers without gaps are bounds, which z3's arithmetic takes far better than a disjunction.
            if isinstance(item, z3.ArithRef) and item.is_int() and items and all(type(v) is int for v in items):
                low, high = builtins.min(items), builtins.max(items)
                if high - low + 1 == builtins.len(builtins.set(items)):
                    return z3.And(item >= low, item <= high)
            if holds_symbolic(z3, item) or any(holds_symbolic(z3, v) for v in items):
                return symbolic_condition(z3, [symbolic_equal(z3, item, v) for v in items], z3.Or)
        return item in container
    def member(item, container, negated):
        """`item in container` as one disjunction (or a range's bounds) when symbolic, rather than a branch per item."""
        held = contains(item, container)
        # `not in` branches on the membership itself, so that the first path takes it as held, as before the rewrite.
        return (not held) if negated else held
    def count(seq, item):
        """A list's or tuple's count of an item, when either is symbolic: a sum of Ifs, rather than a branch per item;
        a str's count of a symbolic str of known length: the count of each of its distinct substrings of that length."""
        if type(seq) is str and isinstance(item, CharSeq) and builtins.len(item) > 0:
            windows = {seq[at:at + builtins.len(item)] for at in range(builtins.len(seq) - builtins.len(item) + 1)}
            counted = z3.IntVal(0)
            for window in sorted(windows):
                counted = z3.If(item == window, seq.count(window), counted)
            return counted
        if type(seq) in (list, tuple) and (holds_symbolic(z3, item) or any(holds_symbolic(z3, v) for v in seq)):
            terms = [symbolic_equal(z3, v, item) for v in seq]
            return z3.Sum([z3.If(t, 1, 0) if isinstance(t, z3.BoolRef) else z3.IntVal(1 if t else 0) for t in terms]) if terms else 0
        return seq.count(item)
    def position(seq, item, method):
        """`c.index(x)` and `c.find(x)` where the item or the container's items are symbolic (one character of a str, or
        an integer): the first position that matches, as a chain of Ifs; -1 for find where none does, and for index the
        assumption that one does (Python would raise)."""
        characters = (str, CharSeq)
        if isinstance(seq, characters) and isinstance(item, characters) and CharSeq in (type(seq), type(item)):
            seq, item = CharSeq.of(z3, seq), CharSeq.of(z3, item)
            if builtins.len(item) != 1:
                raise TypeError("only one character is found")
            candidates, target = seq.codes, item.codes[0]
        elif type(seq) in (list, tuple) and holds_symbolic(z3, list(seq) + [item]) and integer_terms(z3, list(seq) + [item]):
            candidates, target = list(seq), item
        else:
            return getattr(seq, method)(item)
        matches = [symbolic_equal(z3, value, target) for value in candidates]
        if method == "index":
            assume(z3.Or([m if isinstance(m, z3.BoolRef) else z3.BoolVal(m) for m in matches] or [z3.BoolVal(False)]))
        chosen = z3.IntVal(-1)
        for k in range(builtins.len(matches) - 1, -1, -1):
            m = matches[k]
            chosen = z3.IntVal(k) if m is True else chosen if m is False else z3.If(m, k, chosen)
        return chosen
    def slice_of(seq, lower, upper, step):
        """A slice whose bounds or step are symbolic, of a sequence of known length: every bound from -n - 1 to n + 1
        (beyond, a bound acts as the nearest of these), grouped by the items each picks, as a SlicedChoice. At most
        200,000 combinations."""
        bounds = (lower, upper, step)
        symbolic = [isinstance(b, z3.ArithRef) and b.is_int() for b in bounds]
        if not any(symbolic) or not isinstance(seq, (str, list, tuple, CharSeq)):
            return seq[lower:upper:step]
        n = builtins.len(seq)
        domains = [[v for v in range(-n - 1, n + 2) if k < 2 or v != 0] if s else [b]
                   for k, (b, s) in enumerate(zip(bounds, symbolic))]
        if builtins.len(domains[0]) * builtins.len(domains[1]) * builtins.len(domains[2]) > 200_000:
            raise TypeError("too many slices")
        for k, (b, s) in enumerate(zip(bounds, symbolic)):
            if s:
                assume(z3.And(b >= -n - 1, b <= n + 1, b != 0) if k == 2 else z3.And(b >= -n - 1, b <= n + 1))
        picks, positions = {}, range(n)
        for a in domains[0]:
            for b in domains[1]:
                for c in domains[2]:
                    picks.setdefault(tuple(positions[a:b:c]), []).append(tuple(v for v, s in zip((a, b, c), symbolic) if s))
        def items(picked):
            if isinstance(seq, CharSeq):
                return CharSeq(z3, [seq.codes[i] for i in picked])
            if type(seq) is str:
                return "".join(seq[i] for i in picked)
            return type(seq)(seq[i] for i in picked)
        options = [(values, items(picked)) for picked, values in picks.items()]
        return SlicedChoice(z3, [b for b, s in zip(bounds, symbolic) if s], options)
    def identical(value, constant, negated):
        """`b is True` of a symbolic bool: b is a bool, so it is True exactly when it holds."""
        if isinstance(value, z3.BoolRef):
            return value != constant if negated else value == constant
        return (value is not constant) if negated else (value is constant)
    def negation(value):
        """`not` of a symbolic condition is its negation, rather than a branch."""
        return z3.Not(value) if isinstance(value, z3.BoolRef) else not value
    return {"_symbolic_index": index, "_symbolic_join": join, "_symbolic_in": member, "_symbolic_count": count,
            "_symbolic_is": identical, "_symbolic_position": position, "_symbolic_slice": slice_of, "_symbolic_not": negation}

def symbolic_builtins(z3, assume):
    """sat's builtins as the z3 strategy runs them: a set of symbolic values is a SymbolicSet, `len` of a symbolic
    str its z3 length, `int` and `str` convert between symbolic strs and integers, `ord` and `chr` between characters
    and their codes; `abs` of a symbolic number, and
    `min` and `max` of integers some of which are symbolic, are Ifs, and `sorted` of them is a list of new symbols
    assumed in order and a permutation of the items (each item placed at a distinct position that holds it)."""
    plain = {name: getattr(builtins, name) for name in ("set", "len", "min", "max", "sorted", "abs")}
    def symbolic_integers(items):
        return integer_terms(z3, items) and any(isinstance(v, z3.ArithRef) for v in items)
    def symbolic_set(iterable=()):
        items = list(iterable)
        if any(holds_symbolic(z3, item) for item in items):
            return SymbolicSet(z3, items)
        return plain["set"](items)
    def symbolic_len(value):
        if isinstance(value, SymbolicSet):
            return value.size()
        if isinstance(value, SymbolicDecimal):
            return value.length()
        if isinstance(value, SymbolicStr):
            return z3.Length(value.term)
        return plain["len"](value)
    def extremum(name, smaller):
        def pick(*args, **options):
            single = plain["len"](args) == 1
            items = list(args[0]) if single else list(args)
            if options or not items or not symbolic_integers(items):
                # The items read, not the iterable, which may have been a generator.
                return plain[name](items, **options) if single else plain[name](*args, **options)
            chosen = items[0]
            for item in items[1:]:
                chosen = z3.If(item < chosen if smaller else item > chosen, item, chosen)
            return chosen
        return pick
    def symbolic_sorted(iterable, key=None, reverse=False):
        items = list(iterable)
        # The characters of a CharSeq sort by their codes.
        if key is None and items and any(isinstance(v, CharSeq) for v in items) and all(
                isinstance(v, (CharSeq, str)) and plain["len"](v) == 1 for v in items):
            codes = symbolic_sorted([CharSeq.of(z3, v).codes[0] for v in items], reverse=reverse)
            return [CharSeq(z3, [code]) for code in codes]
        if key is not None or not symbolic_integers(items):
            return plain["sorted"](items, key=key, reverse=reverse)
        n = plain["len"](items)
        ordered = [z3.FreshInt("sorted") for _ in items]
        places = [z3.FreshInt("place") for _ in items]
        for a, b in zip(ordered, ordered[1:]):
            assume(a >= b if reverse else a <= b)
        if n > 1:
            assume(z3.Distinct(places))
        for place, item in zip(places, items):
            assume(z3.And(place >= 0, place < n))
            assume(z3.And([z3.Implies(place == k, ordered[k] == item) for k in range(n)]))
        return ordered
    def symbolic_abs(value):
        # On nonlinear real inequalities z3 4.8's solver can die of SIGFPE; the engine then restarts the worker.
        return z3.If(value < 0, -value, value) if isinstance(value, z3.ArithRef) else plain["abs"](value)
    def symbolic_ord(value):
        if isinstance(value, CharSeq) and plain["len"](value) == 1:
            return value.codes[0]
        return builtins.ord(value)
    def symbolic_chr(value):
        if isinstance(value, z3.ArithRef) and value.is_int():
            # A character of printable ASCII, as CharSeq's characters are.
            assume(z3.And(value >= 32, value <= 126))
            return CharSeq(z3, [value])
        return builtins.chr(value)
    class SymbolicInt(int, metaclass=Conversion):
        """int() of a symbolic str is z3's reading of its digits (assumed to be digits: Python would raise), of a
        symbolic real its truncation."""
        def __new__(cls, value=0, *args, **options):
            if isinstance(value, CharSeq) and value.codes and not args and not options:
                for code in value.codes:
                    assume(z3.And(code >= 48, code <= 57))
                return z3.Sum([(code - 48) * 10 ** k for k, code in enumerate(reversed(value.codes))])
            if isinstance(value, SymbolicStr) and not args and not options:
                number = z3.StrToInt(value.term)
                assume(number >= 0)
                return number
            if isinstance(value, z3.ArithRef) and not args and not options:
                return value if value.is_int() else z3.If(value >= 0, z3.ToInt(value), -z3.ToInt(-value))
            return int(value, *args, **options)
        @staticmethod
        def holds(value):
            return isinstance(value, z3.ArithRef) and value.is_int()
    class SymbolicStrType(str, metaclass=Conversion):
        """str() of a symbolic integer is its decimal digits, with a minus sign when negative."""
        def __new__(cls, value="", *args, **options):
            if isinstance(value, z3.ArithRef) and value.is_int() and not args and not options:
                return SymbolicDecimal(z3, value)
            if isinstance(value, SymbolicStr) and not args and not options:
                return value
            return str(value, *args, **options)
        @staticmethod
        def holds(value):
            return isinstance(value, SymbolicStr)
    def truth(item):
        """An item's truth as a z3 condition where it is symbolic, else as Python's bool."""
        if isinstance(item, z3.BoolRef):
            return item
        return item != 0 if isinstance(item, z3.ArithRef) else builtins.bool(item)
    # What an item of sat's own may raise at run time (not what the symbolic values cannot do, which ends the path).
    raised = (ArithmeticError, LookupError, ValueError, AssertionError)
    def folded(iterable, decisive):
        """`any` (decisive True) or `all` (decisive False) as one disjunction or conjunction of the symbolic items,
        rather than a branch per item. Python would not reach an item that raises if an earlier item decided: so one
        of those is assumed to decide."""
        combine, held = (z3.Or if decisive else z3.And), []
        try:
            for item in iterable:
                condition = truth(item)
                if condition is decisive:
                    return decisive
                if isinstance(condition, z3.BoolRef):
                    held.append(condition)
        except raised:
            if not held:
                raise
            assume(combine(held) if decisive else z3.Not(combine(held)))
            return decisive
        return combine(held) if held else not decisive
    return {"set": symbolic_set, "len": symbolic_len, "min": extremum("min", True), "max": extremum("max", False),
            "sorted": symbolic_sorted, "abs": symbolic_abs, "int": SymbolicInt, "str": SymbolicStrType, "ord": symbolic_ord,
            "chr": symbolic_chr, "any": lambda iterable: folded(iterable, True),
            "all": lambda iterable: folded(iterable, False)}

class Conversion(type):
    """The type of sat's int and str while the z3 strategy runs: isinstance and issubclass answer for the real int
    and str, and a symbolic integer or str is an instance too."""
    def __instancecheck__(cls, value):
        return isinstance(value, cls.__bases__[0]) or cls.holds(value)

    def __subclasscheck__(cls, subclass):
        return issubclass(subclass, cls.__bases__[0])

class BitVectorEncoding:
    """Constraints over integers as signed bit-vectors of one width, each operation guarded against overflow, so that a
    model of the encoding is a model of the integers. z3's nonlinear integer arithmetic can run for minutes without an
    answer (and past its resource limit); over bounded bit-vectors the same problem is finite, and its SAT core finds
    small solutions at once."""

    class Unsupported(Exception):
        """Something the encoding cannot express: at any width (`wider` False), or at this one (a numeral too large)."""
        def __init__(self, wider=False):
            super().__init__()
            self.wider = wider

    WIDTHS = (8, 12, 16, 24, 32, 48, 64)

    def __init__(self, z3, width):
        self.z3, self.width = z3, width
        self.low, self.high = -(1 << (width - 1)), (1 << (width - 1)) - 1
        self.variables, self.guards = {}, []

    @staticmethod
    def nonlinear(z3, root):
        """Whether the integer constraint multiplies, divides or raises one unknown by another."""
        numeral = lambda a: z3.is_int_value(a) or z3.is_rational_value(a)
        seen, stack = set(), [root]
        while stack:
            e = stack.pop()
            if e.get_id() in seen:
                continue
            seen.add(e.get_id())
            if z3.is_app(e):
                kind = e.decl().kind()
                args = [e.arg(i) for i in range(e.num_args())]
                if kind == z3.Z3_OP_MUL and sum(not numeral(a) for a in args) > 1:
                    return True
                if kind in (z3.Z3_OP_IDIV, z3.Z3_OP_MOD, z3.Z3_OP_REM, z3.Z3_OP_POWER) and not all(map(numeral, args[1:])):
                    return True
                if kind == z3.Z3_OP_POWER and not numeral(args[0]):
                    return True
                stack.extend(args)
        return False

    def encode(self, root):
        """The constraint over bit-vectors with its overflow guards; Unsupported for anything but integers and bools."""
        z3, done, stack = self.z3, {}, [(root, False)]
        while stack:
            e, ready = stack.pop()
            if e.get_id() in done:
                continue
            if not z3.is_app(e):
                raise BitVectorEncoding.Unsupported()
            args = [e.arg(i) for i in range(e.num_args())]
            if not ready:
                stack.append((e, True))
                stack.extend((a, False) for a in args if a.get_id() not in done)
                continue
            done[e.get_id()] = self.operation(e, [done[a.get_id()] for a in args])
        return z3.And([done[root.get_id()]] + self.guards)

    def whole(self, e):
        """The value of an integer numeral, or of a real one that is whole; else None."""
        if self.z3.is_int_value(e):
            return e.as_long()
        if self.z3.is_rational_value(e) and e.denominator_as_long() == 1:
            return e.numerator_as_long()
        return None

    def operation(self, e, args):
        z3, kind = self.z3, e.decl().kind()
        if z3.is_int_value(e) or z3.is_rational_value(e):
            value = self.whole(e)
            if value is None:
                raise BitVectorEncoding.Unsupported()
            if not self.low <= value <= self.high:
                raise BitVectorEncoding.Unsupported(wider=True)
            return z3.BitVecVal(value, self.width)
        if z3.is_true(e) or z3.is_false(e):
            return e
        if kind == z3.Z3_OP_UNINTERPRETED and not args:
            if z3.is_bool(e):
                return e
            if not z3.is_int(e):
                raise BitVectorEncoding.Unsupported()
            variable = z3.BitVec(e.decl().name(), self.width)
            self.variables[e.get_id()] = variable
            return variable
        guard = self.guards.append
        if kind == z3.Z3_OP_ADD:
            total = args[0]
            for a in args[1:]:
                guard(z3.BVAddNoOverflow(total, a, True)); guard(z3.BVAddNoUnderflow(total, a))
                total = total + a
            return total
        if kind == z3.Z3_OP_SUB:
            total = args[0]
            for a in args[1:]:
                guard(z3.BVSubNoOverflow(total, a)); guard(z3.BVSubNoUnderflow(total, a, True))
                total = total - a
            return total
        if kind == z3.Z3_OP_MUL:
            product = args[0]
            for a in args[1:]:
                guard(z3.BVMulNoOverflow(product, a, True)); guard(z3.BVMulNoUnderflow(product, a))
                product = product * a
            return product
        if kind == z3.Z3_OP_TO_REAL:
            # An integer a real operation reads (z3's power, and sums or comparisons with it, are real).
            return args[0]
        if kind == z3.Z3_OP_UMINUS:
            guard(z3.BVSNegNoOverflow(args[0]))
            return -args[0]
        if kind == z3.Z3_OP_POWER:
            exponent = self.whole(e.arg(1))
            if exponent is None or not 0 <= exponent <= 64:
                raise BitVectorEncoding.Unsupported()
            product = z3.BitVecVal(1, self.width)
            for _ in range(exponent):
                guard(z3.BVMulNoOverflow(product, args[0], True)); guard(z3.BVMulNoUnderflow(product, args[0]))
                product = product * args[0]
            return product
        if kind in (z3.Z3_OP_IDIV, z3.Z3_OP_MOD):
            # z3's integer division is Euclidean: the remainder is never negative.
            a, b = args
            guard(b != 0)
            truncated = z3.SRem(a, b)
            remainder = z3.If(truncated < 0, z3.If(b > 0, truncated + b, truncated - b), truncated)
            if kind == z3.Z3_OP_MOD:
                return remainder
            guard(z3.BVSubNoUnderflow(a, remainder, True)); guard(z3.BVSDivNoOverflow(a - remainder, b))
            return (a - remainder) / b
        comparisons = {z3.Z3_OP_LE: lambda a, b: a <= b, z3.Z3_OP_LT: lambda a, b: a < b,
                       z3.Z3_OP_GE: lambda a, b: a >= b, z3.Z3_OP_GT: lambda a, b: a > b}
        if kind in comparisons:
            return comparisons[kind](*args)
        if kind == z3.Z3_OP_EQ:
            return args[0] == args[1]
        if kind == z3.Z3_OP_DISTINCT:
            return z3.Distinct(*args)
        if kind == z3.Z3_OP_ITE:
            return z3.If(*args)
        logic = {z3.Z3_OP_AND: z3.And, z3.Z3_OP_OR: z3.Or, z3.Z3_OP_NOT: z3.Not, z3.Z3_OP_IMPLIES: z3.Implies,
                 z3.Z3_OP_XOR: z3.Xor}
        if kind in logic:
            return logic[kind](*args)
        raise BitVectorEncoding.Unsupported()

    def model(self, bits):
        """A model of the integers read from a model of the encoding: what `model.eval` of each unknown gives."""
        z3, variables = self.z3, self.variables

        class IntegerModel:
            def eval(self, x, model_completion=True):
                if x.get_id() in variables:
                    return z3.IntVal(bits.eval(variables[x.get_id()], model_completion=True).as_signed_long())
                return bits.eval(x, model_completion=True) if z3.is_bool(x) else z3.IntVal(0)
        return IntegerModel()

    @staticmethod
    def solve(z3, problem, rlimit, deadline):
        """A model of the integers at the narrowest width where the solver finds one, widening while it proves there
        is none, and whether any width was tried. Each width has half the resource limit."""
        tried = False
        for width in BitVectorEncoding.WIDTHS:
            if time.monotonic() >= deadline:
                break
            encoding = BitVectorEncoding(z3, width)
            try:
                bits = encoding.encode(problem)
            except BitVectorEncoding.Unsupported as unsupported:
                if unsupported.wider:
                    continue
                break
            arm_cpu_limit(4.0, always=True)
            solver = z3.Solver()
            solver.set("rlimit", rlimit // 2)
            solver.add(bits)
            tried = True
            verdict = solver.check()
            if verdict == z3.sat:
                return encoding.model(solver.model()), tried
            if verdict == z3.unknown:
                break
        return None, tried

# z3's own time-out starts a timer thread, which the process limit forbids: a resource limit bounds each
# solver call instead (deterministic, roughly a second of solving).
RLIMIT_PER_SOLVE = 5_000_000
RLIMIT_PER_BRANCH = 200_000

def sat_sizes(analysis):
    """sat's integers and the lengths of its strings and lists: the sizes it is likely to ask of an answer."""
    values = [d["value"] for d in analysis["defaults"]] + analysis["constants"]
    return [value for value in values if type(value) is int] + [len(value) for value in values if type(value) in (str, list)]

def likely_lengths(analysis):
    """The likeliest lengths of a list answer: the tuples sat unpacks it into, 1 to 6, and sat's sizes up to 64."""
    sizes = [size for size in sat_sizes(analysis) if 7 <= size <= 64]
    return list(dict.fromkeys(list(analysis.get("unpacks", [])) + [1, 2, 3, 4, 5, 6] + sizes))

def answer_lengths(analysis, max_paths, sweep=True):
    """The lengths a list answer is tried at, each with the paths explored there and the final solve's resource limit:
    the likeliest lengths with all the paths; then, shortest first, sat's integers and lengths up to 10,000, and the
    sums and products of two of its positive integers up to 1,000 (counts of two kinds of item add up to a length; k
    interleaved parts of length m make k m), with a quarter of the paths (long lists make long paths); then (with
    `sweep`) every other length to 64, guesses, with an eighth of the paths and a fifth of the limit (proving a length
    wrong can cost z3 seconds)."""
    long = sorted(size for size in sat_sizes(analysis) if 64 < size <= 10_000)
    positive = sorted({v for v in sat_sizes(analysis) if v >= 1})
    sums = sorted({a + b for k, a in enumerate(positive) for b in positive[k + 1:] if 7 <= a + b <= 1_000})[:8]
    products = sorted({a * b for k, a in enumerate(positive) for b in positive[k + 1:] if a > 1 and 7 <= a * b <= 1_000})[:8]
    tried = [(n, max_paths, RLIMIT_PER_SOLVE) for n in likely_lengths(analysis)]
    tried += [(n, max(1, max_paths // 4), RLIMIT_PER_SOLVE) for n in long + sums + products]
    if sweep:
        tried += [(n, max(1, max_paths // 8), RLIMIT_PER_SOLVE // 5) for n in range(7, 65)]
    first = {}
    for effort in tried:
        first.setdefault(effort[0], effort)
    return list(first.values())

def answer_shapes(analysis, max_paths):
    """The shapes (rows, row length) a list of lists of integers is tried at, with a quarter of the paths each: row
    lengths from the tuples sat unpacks the items into, sat's integers up to 8, then 2, 3, 1 and 4; for each, the rows
    at the likeliest lengths of a list. At most 32 shapes of at most 1,024 integers."""
    values = [d["value"] for d in analysis["defaults"]] + analysis["constants"]
    rows = likely_lengths(analysis)
    columns = list(dict.fromkeys(analysis.get("element_unpacks", []) + [v for v in values if type(v) is int and 1 <= v <= 8] + [2, 3, 1, 4]))
    shapes = [(r, c) for c in columns for r in rows if r * c <= 1024][:32]
    return [(shape, max(1, max_paths // 4), RLIMIT_PER_SOLVE) for shape in shapes]

def word_shapes(analysis, max_paths):
    """The shapes (items, characters each) a list of strs of symbolic characters is tried at, with a quarter of the
    paths each: characters from sat's integers and the lengths of its strs up to 16; for each, the items at the
    likeliest lengths of a list. At most 24 shapes of at most 2,048 characters."""
    values = [d["value"] for d in analysis["defaults"]] + analysis["constants"]
    widths = list(dict.fromkeys([v for v in values if type(v) is int and 1 <= v <= 16] + [len(v) for v in values if type(v) is str and 1 <= len(v) <= 16]))
    shapes = [(r, c) for c in widths for r in likely_lengths(analysis) if r * c <= 2048][:24]
    return [(shape, max(1, max_paths // 4), RLIMIT_PER_SOLVE) for shape in shapes]

def efforts(spec, analysis, max_paths):
    """What the z3 strategy tries, in order, for an answer type: (the symbolic answer's length or shape, or None for
    a scalar; the paths explored; the final solve's resource limit)."""
    if spec == ("list", ("list", "int")):
        return answer_shapes(analysis, max_paths)
    if spec == ("list", "str"):
        # z3's strings at the lengths sat suggests; then strs of symbolic characters (which can be iterated and
        # counted) at the shapes it suggests; then z3's strings at the other lengths.
        suggested = answer_lengths(analysis, max_paths, sweep=False)
        return suggested + word_shapes(analysis, max_paths) + answer_lengths(analysis, max_paths)[len(suggested):]
    if type(spec) is tuple:
        return answer_lengths(analysis, max_paths)
    if spec == "str":
        # z3's strings first; then strs of characters at the lengths sat suggests (not the sweep's guesses).
        return [(None, max_paths, RLIMIT_PER_SOLVE)] + answer_lengths(analysis, max_paths, sweep=False)
    return [(None, max_paths, RLIMIT_PER_SOLVE)]

def solve(request):
    """Runs sat on a symbolic answer, exploring its branches, and returns the answers z3 finds. A List[int],
    List[float], List[bool] or List[str] answer is a list of symbolic integers, reals, bools or strings, at each length
    of answer_lengths; a List[List[int]] answer a grid of symbolic integers, at each shape of answer_shapes."""
    if "sat" not in puzzle:
        return {"error": "no puzzle loaded"}
    spec = puzzle["spec"]
    z3 = z3_module
    if z3 is None or spec not in ("int", "float", "str", ("list", "int"), ("list", "float"), ("list", "bool"), ("list", "str"),
                                  ("list", ("list", "int"))):
        return {"answers": [], "available": z3 is not None}
    seconds, max_paths = request["ms"] / 1000.0, request.get("paths", 16)
    deadline = time.monotonic() + request.get("total_ms", 20_000) / 1000.0
    answers, path, constraints, current = [], [], [], {}
    # The conditions under which the expression being evaluated counts: a conditional expression on a symbolic
    # condition evaluates both sides, each under its condition (see choose).
    guards = []
    original_bool = z3.BoolRef.__bool__
    original_division = (z3.ArithRef.__truediv__, z3.ArithRef.__rtruediv__)
    original_arithmetic = (z3.ArithRef.__mod__, z3.ArithRef.__rmod__, z3.ArithRef.__pow__, z3.ArithRef.__rpow__)

    def real(value):
        return z3.ToReal(value) if isinstance(value, z3.ArithRef) and value.is_int() else (z3.RealVal(value) if type(value) is int else value)

    def true_division(a, b):
        """Python's `/` on integers is real division; z3's is integer division unless a side is real."""
        return original_division[0](real(a), real(b))

    def integral(value):
        return type(value) in (int, bool) or (isinstance(value, z3.ArithRef) and value.is_int())

    def term(value):
        return z3.IntVal(int(value)) if type(value) in (int, bool) else value

    def floor_division(a, b):
        """Python's `//`: the floor of the quotient (z3 has no `//`; its integer division floors for a positive divisor)."""
        if not (integral(a) and integral(b)):
            return z3.ToReal(z3.ToInt(true_division(a, b)))
        quotient = lambda x, y: original_division[0](term(x), term(y))
        if type(b) in (int, bool):
            if b == 0:
                raise ZeroDivisionError("integer division by zero")
            return quotient(a, b) if b > 0 else quotient(-term(a), -b)
        assume(b != 0)
        return z3.If(b > 0, quotient(a, b), quotient(-term(a), -b))

    def python_mod(a, b):
        """Python's `%`, whose result takes the divisor's sign (z3's is never negative)."""
        if not (integral(a) and integral(b)):
            return original_arithmetic[0](term(a), term(b)) if isinstance(a, z3.ArithRef) else original_arithmetic[1](b, a)
        remainder = lambda x, y: original_arithmetic[0](term(x), term(y))
        if type(b) in (int, bool):
            if b == 0:
                raise ZeroDivisionError("integer modulo by zero")
            return remainder(a, b) if b > 0 else -remainder(-term(a), -b)
        return z3.If(b > 0, remainder(a, b), -remainder(-term(a), -b))

    def python_power(a, b, modulo=None):
        """An integer to a small whole power as a product, so that it stays an integer (z3's power is real)."""
        if integral(a) and type(b) is int and 0 <= b <= 16:
            power = term(a) if b else term(1)
            for _ in range(b - 1):
                power = power * a
        elif modulo is None:
            return original_arithmetic[2](term(a), b) if isinstance(a, z3.ArithRef) else original_arithmetic[3](b, a)
        else:
            raise TypeError("pow() with a modulus of a symbolic power")
        return power if modulo is None else python_mod(power, modulo)

    def bool_sum(a, b):
        """A bool adds as 0 or 1, as in Python (`sum(flags)`); z3's bools do not add."""
        number = lambda v: z3.If(v, 1, 0) if isinstance(v, z3.BoolRef) else int(v) if type(v) is bool else v
        return number(a) + number(b)

    def guarded(expr):
        return z3.Implies(z3.And(guards), expr) if guards else expr

    def assume(expr):
        constraints.append(guarded(expr))
        current["solver"].add(constraints[-1])

    def decide(expr):
        """A branch on a symbolic condition: the prefix's choice when replaying, else True. After a length's first
        path, True only if the path so far allows it, and a branch whose other side the path rules out is forced:
        its alternative is not queued. (The checks cost time: a first path that needs none takes no longer.)"""
        if z3.is_true(expr):
            return True
        if z3.is_false(expr):
            return False
        solver, depth = current["solver"], len(path)
        if depth < len(prefix):
            choice, forced = prefix[depth], True
        elif not current["checking"]:
            choice, forced = True, False
        else:
            solver.push()
            solver.add(z3.And(guards + [expr]))
            verdict = solver.check()
            solver.pop()
            choice, forced = (False, True) if verdict == z3.unsat else (True, False)
            if choice:
                solver.push()
                solver.add(z3.And(guards + [z3.Not(expr)]))
                forced = solver.check() == z3.unsat
                solver.pop()
        constraints.append(guarded(expr if choice else z3.Not(expr)))
        solver.add(constraints[-1])
        path.append((choice, forced))
        return choice

    def choose(condition, then, otherwise):
        """`a if c else b` where c is symbolic: both sides, each assuming its condition, merged into one value by z3.If
        where they have the same kind (numbers, bools, strs of one length); else a branch on c. A side that raises
        cannot be taken."""
        if not isinstance(condition, z3.BoolRef) or z3.is_true(condition) or z3.is_false(condition):
            return then() if condition else otherwise()
        sides = []
        for side, holds in ((then, condition), (otherwise, z3.Not(condition))):
            guards.append(holds)
            try:
                sides.append((True, side()))
            except BaseException as error:
                if isinstance(error, (Timeout, KeyboardInterrupt, SystemExit, MemoryError)):
                    raise
                sides.append((False, error))
            finally:
                guards.pop()
        (then_ok, a), (otherwise_ok, b) = sides
        if not then_ok and not otherwise_ok:
            raise a
        if not then_ok or not otherwise_ok:
            assume(condition if then_ok else z3.Not(condition))
            return a if then_ok else b
        merged = merge(condition, a, b)
        if merged is not None:
            return merged
        return a if decide(condition) else b

    def merge(condition, a, b):
        """a where the condition holds and b elsewhere, as one value; None where their kinds differ."""
        booleans, numbers = (bool, z3.BoolRef), (int, float, z3.ArithRef)
        if isinstance(a, booleans) and isinstance(b, booleans):
            return z3.If(condition, a, b)
        if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
            return z3.If(condition, a, b)
        if isinstance(a, (str, CharSeq)) and isinstance(b, (str, CharSeq)):
            a, b = CharSeq.of(z3, a), CharSeq.of(z3, b)
            if len(a) == len(b):
                return CharSeq(z3, [z3.If(condition, x, y) for x, y in zip(a.codes, b.codes)])
            return None
        if isinstance(a, (str, SymbolicStr)) and isinstance(b, (str, SymbolicStr)):
            term = lambda v: v.term if isinstance(v, SymbolicStr) else z3.StringVal(v)
            return SymbolicStr(z3, z3.If(condition, term(a), term(b)))
        return None

    def float_value(model, x):
        value = model.eval(x, model_completion=True)
        # A root of a polynomial is an algebraic number: its rational approximation to 10^-30.
        fraction = (value.approx(30) if z3.is_algebraic_value(value) else value).as_fraction()
        return float(fraction.numerator) / float(fraction.denominator)

    def characters(prefix, count):
        """A str of `count` symbolic printable characters."""
        codes = [z3.Int("%s%d" % (prefix, i)) for i in range(count)]
        for code in codes:
            assume(z3.And(code >= 32, code <= 126))
        return CharSeq(z3, codes)

    def read_characters(model, word):
        return "".join(chr(model.eval(c, model_completion=True).as_long()) for c in word.codes)

    def symbolic(length):
        """A fresh symbolic answer and how to read a model's value of it."""
        if spec == "int":
            x = z3.Int("x")
            return x, lambda model: model.eval(x, model_completion=True).as_long()
        if spec == "str" and length is None:
            x = z3.String("x")
            return SymbolicStr(z3, x), lambda model: model.eval(x, model_completion=True).as_string()
        if spec == "str":
            word = characters("c", length)
            return word, lambda model: read_characters(model, word)
        if spec == "float":
            x = z3.Real("x")
            return x, lambda model: float_value(model, x)
        if spec == ("list", "float"):
            xs = [z3.Real("x%d" % i) for i in range(length)]
            return list(xs), lambda model: [float_value(model, x) for x in xs]
        if spec == ("list", "bool"):
            xs = [z3.Bool("x%d" % i) for i in range(length)]
            return list(xs), lambda model: [z3.is_true(model.eval(x, model_completion=True)) for x in xs]
        if spec == ("list", "str") and type(length) is tuple:
            items, width = length
            words = [characters("c%d_" % i, width) for i in range(items)]
            return words, lambda model: [read_characters(model, word) for word in words]
        if spec == ("list", "str"):
            xs = [z3.String("x%d" % i) for i in range(length)]
            strings = [SymbolicStr(z3, x) for x in xs]
            return strings, lambda model: [model.eval(x, model_completion=True).as_string() for x in xs]
        if spec == ("list", ("list", "int")):
            rows, columns = length
            grid = [[z3.Int("x%d_%d" % (i, j)) for j in range(columns)] for i in range(rows)]
            return [list(row) for row in grid], lambda model: [[model.eval(x, model_completion=True).as_long() for x in row] for row in grid]
        xs = [z3.Int("x%d" % i) for i in range(length)]
        return list(xs), lambda model: [model.eval(x, model_completion=True).as_long() for x in xs]

    def satisfies(value):
        """Whether sat itself, run as usual, accepts an answer z3 found: then no other length is tried."""
        z3.BoolRef.__bool__ = original_bool
        sat_builtins.update(saved)
        try:
            return call_limited(lambda: puzzle["sat"](value), seconds) is True
        except BaseException:
            return False
        finally:
            z3.BoolRef.__bool__ = decide
            sat_builtins.update(replaced)

    def attempt(problem, read, attempts):
        """Solves the path's problem with each solver in turn until one answers; whether sat accepts its model."""
        for make, seed, limit in attempts:
            if time.monotonic() >= deadline:
                break
            arm_cpu_limit(4.0, always=True)
            solver = make()
            solver.set("rlimit", limit)
            solver.set("random_seed", seed)
            solver.add(problem)
            try:
                verdict = solver.check()
                if verdict == z3.sat:
                    answers.append(read(solver.model()))
                    return satisfies(answers[-1])
            except BaseException:
                break
            if verdict != z3.unknown:
                break
        return False

    explored, solved, deferred = 0, False, []
    # A fresh context for each puzzle: in one that earlier puzzles used, z3 can take seconds over what it solves at
    # once in a new one (a string problem after one over integers). z3 keeps its default context in this global.
    core = sys.modules.get("z3.z3")
    if core is not None and hasattr(core, "_main_ctx"):
        core._main_ctx = None
    z3.BoolRef.__bool__ = decide
    z3.ArithRef.__truediv__, z3.ArithRef.__rtruediv__ = true_division, lambda a, b: true_division(b, a)
    z3.ArithRef.__floordiv__, z3.ArithRef.__rfloordiv__ = floor_division, lambda a, b: floor_division(b, a)
    z3.ArithRef.__mod__, z3.ArithRef.__rmod__ = python_mod, lambda a, b: python_mod(b, a)
    z3.ArithRef.__pow__, z3.ArithRef.__rpow__ = python_power, lambda a, b: python_power(b, a)
    z3.BoolRef.__add__, z3.BoolRef.__radd__ = bool_sum, lambda a, b: bool_sum(b, a)
    sat_builtins = puzzle["builtins"]
    replaced = symbolic_builtins(z3, assume)
    saved = {name: sat_builtins[name] for name in replaced}
    sat_builtins.update(replaced)
    sat = puzzle["symbolic_sat"] or puzzle["sat"]
    sat.__globals__.update(symbolic_access(z3, assume))
    sat.__globals__["_symbolic_choice"] = choose
    try:
        for length, paths_here, rlimit in efforts(spec, puzzle["analysis"], max_paths):
            if solved:
                break
            pending, explored_here = [[]], 0
            strings = (spec == ("list", "str") and type(length) is not tuple) or (spec == "str" and length is None)
            # A long list makes a long path: its time limit grows with the length, within what the deadline leaves.
            items = length[0] * length[1] if type(length) is tuple else (length or 0)
            path_seconds = seconds if items <= 1000 else min(seconds * items / 1000, max(seconds, deadline - time.monotonic()))
            while pending and not solved and explored_here < paths_here and len(answers) < 4 and time.monotonic() < deadline:
                prefix = pending.pop()
                explored += 1
                explored_here += 1
                path.clear()
                constraints.clear()
                # The branches' checks: the plain SMT core, incremental, with a small budget each ("unknown" keeps
                # both sides).
                current["solver"] = z3.SimpleSolver()
                current["solver"].set("rlimit", RLIMIT_PER_BRANCH)
                current["checking"] = explored_here > 1
                argument, read = symbolic(length)
                try:
                    result = call_limited(lambda: sat(argument), path_seconds)
                except BaseException:
                    result = None
                for depth in range(len(prefix), len(path)):
                    if not path[depth][1]:
                        pending.append([choice for choice, _ in path[:depth]] + [not path[depth][0]])
                if result is None or result is False:
                    continue
                if result is not True:
                    if not isinstance(result, z3.BoolRef):
                        continue
                    constraints.append(result)
                # z3.Solver() picks a tactic for the problem's logic (nonlinear integers need it), but for some it would
                # start a thread, which the process may not, and answers "unknown": then the plain SMT core. On strings
                # the plain core comes first, restarted with other random seeds and growing limits: its time to an
                # answer there is heavy-tailed (on one problem, half the seeds answer within 0.03 s and the others
                # not within a second). Each attempt is bounded by its resource limit, which the CPU-time limit must
                # leave room for.
                if strings:
                    attempts = [(z3.SimpleSolver, seed, (rlimit // 32) << (seed // 4)) for seed in range(12)] + [(z3.Solver, 0, rlimit)]
                else:
                    attempts = [(z3.Solver, 0, rlimit), (z3.SimpleSolver, 0, rlimit)]
                problem = z3.And(constraints)
                if BitVectorEncoding.nonlinear(z3, problem):
                    # Nonlinear integers: bounded bit-vectors first. z3's own arithmetic can run past its limits there,
                    # and the CPU limit then ends the process, so it waits until every length's bit-vectors are tried.
                    try:
                        bounded, tried = BitVectorEncoding.solve(z3, problem, rlimit, deadline)
                    except BaseException:
                        bounded, tried = None, True
                    if bounded is not None:
                        answers.append(read(bounded))
                        solved = solved or satisfies(answers[-1])
                    if tried:
                        if not solved:
                            deferred.append((problem, read, attempts))
                        continue
                solved = attempt(problem, read, attempts) or solved
        for problem, read, attempts in deferred:
            if solved or len(answers) >= 4 or time.monotonic() >= deadline:
                break
            solved = attempt(problem, read, attempts)
    finally:
        z3.BoolRef.__bool__ = original_bool
        z3.ArithRef.__truediv__, z3.ArithRef.__rtruediv__ = original_division
        z3.ArithRef.__mod__, z3.ArithRef.__rmod__, z3.ArithRef.__pow__, z3.ArithRef.__rpow__ = original_arithmetic
        del z3.ArithRef.__floordiv__, z3.ArithRef.__rfloordiv__
        del z3.BoolRef.__add__, z3.BoolRef.__radd__
        sat_builtins.update(saved)
    return {"answers": answers, "paths": explored, "available": True}

sys.addaudithook(audit)
handlers = {"load": load, "check": check, "solve": solve, "items": items}
for line in requests:
    try:
        request = json.loads(line)
        reply = handlers[request["op"]](request)
    except BaseException as error:
        reply = {"error": type(error).__name__}
    try:
        data = json.dumps(reply, allow_nan=True).encode()
    except BaseException:
        data = b'{"error": "unencodable reply"}'
    replies.write(data + b"\n")
    replies.flush()
"""#
}
