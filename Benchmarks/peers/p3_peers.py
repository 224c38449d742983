"""P3 verification peers, side by side with Apery on the same candidates (`apery puzzles candidates`).

spawn:  the reference judge's design, a fresh `python3 -I -S` per candidate that defines sat and checks it.
plain:  a plain Python enumerator of the same expressions: each expression evaluated in-process with sat's
        default arguments bound by name, then `sat(value) is True`; no sandbox, one core.
Given Apery's --json output, each puzzle's candidates are cut to the tries Apery spent on it, so both do the
same work. Prints one JSON object with candidates per second for each.
"""
import ast, json, subprocess, sys, time
from typing import List

sys.set_int_max_str_digits(0)


def load(path):
    return {p["name"]: p for p in json.load(open(path))}


def defaults(sat_source):
    """sat's default arguments, by name (the leaves Apery's expressions use)."""
    tree = ast.parse(sat_source)
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
    args = fn.args.args
    values = {}
    for arg, default in zip(args[len(args) - len(fn.args.defaults):], fn.args.defaults):
        try:
            values[arg.arg] = ast.literal_eval(default)
        except Exception:
            pass
    return values


def plain(puzzles, candidates):
    namespaces = {}
    for name in {c["name"] for c in candidates}:
        ns = {"List": List}
        exec(puzzles[name]["sat"], ns)
        namespaces[name] = (ns["sat"], defaults(puzzles[name]["sat"]))
    start = time.perf_counter()
    solved = 0
    per_puzzle = {}
    for c in candidates:
        sat, env = namespaces[c["name"]]
        t = time.perf_counter()
        try:
            value = eval(c["expression"], {"__builtins__": __builtins__}, dict(env))
            if sat(value) is True:
                solved += 1
        except Exception:
            pass
        count, seconds = per_puzzle.get(c["name"], (0, 0.0))
        per_puzzle[c["name"]] = (count + 1, seconds + time.perf_counter() - t)
    seconds = time.perf_counter() - start
    return len(candidates) / seconds, solved, per_puzzle


def spawn(puzzles, candidates, sample):
    chosen = candidates[:: max(1, len(candidates) // sample)][:sample]
    start = time.perf_counter()
    for c in chosen:
        program = "import json, sys\nfrom typing import List\n" + puzzles[c["name"]]["sat"] + "\nprint(sat(json.loads(sys.argv[1])) is True)"
        subprocess.run([sys.executable, "-I", "-S", "-c", program, json.dumps(c["answer"])], capture_output=True, timeout=60)
    seconds = time.perf_counter() - start
    return len(chosen) / seconds


def main():
    puzzles = load(sys.argv[1])
    # The same work as Apery's run: per puzzle, the candidates it tried (up to its first success or its caps).
    tries = {p["name"]: p["tries"] for p in json.load(open(sys.argv[4]))["puzzles"]} if len(sys.argv) > 4 else None
    candidates, seen = [], {}
    for line in open(sys.argv[2]):
        c = json.loads(line)
        seen[c["name"]] = seen.get(c["name"], 0) + 1
        if tries is None or seen[c["name"]] <= tries.get(c["name"], 0):
            candidates.append(c)
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else None
    if limit:
        # Only the first `limit` puzzles (a quicker run); per-puzzle times make the comparison.
        names = list(dict.fromkeys(c["name"] for c in candidates))[:limit]
        candidates = [c for c in candidates if c["name"] in set(names)]
    rate, solved, per_puzzle = plain(puzzles, candidates)
    print(json.dumps({"candidates": len(candidates), "plain_rate": rate, "plain_solved": solved,
                      "plain_per_puzzle": per_puzzle,
                      "spawn_rate": spawn(puzzles, candidates, int(sys.argv[3]) if len(sys.argv) > 3 else 200)}))


if __name__ == "__main__":
    main()
