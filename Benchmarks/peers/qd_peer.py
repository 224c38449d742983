"""MAP-Elites in pyribs on the benchmarks `apery search qd` runs: the same archive, emitter (Gaussian
mutation of a uniformly drawn elite, clipped to the bounds), batch and budget; prints QD score, coverage and
evaluations per second per seed as JSON. Usage: qd_peer.py SPEC.json SEED..."""
import json
import sys
import time

import numpy as np
from ribs.archives import GridArchive
from ribs.emitters import GaussianEmitter
from ribs.schedulers import Scheduler


def evaluate(benchmark, x):
    if benchmark == "arm":
        angles = np.cumsum(x, axis=1)
        measures = np.stack([np.cos(angles).sum(axis=1), np.sin(angles).sum(axis=1)], axis=1)
        return -np.var(x, axis=1), measures
    shift, n = 5.12 * 0.4, x.shape[1]
    d = x - shift
    if benchmark == "sphere":
        raw = np.sum(d * d, axis=1)
        worst = (-5.12 - shift) ** 2 * n
    else:
        raw = 10 * n + np.sum(d * d - 10 * np.cos(2 * np.pi * d), axis=1)
        worst = ((-5.12 - shift) ** 2 - 10 * np.cos(2 * np.pi * (-5.12 - shift)) + 10) * n
    objectives = (raw - worst) / (0 - worst) * 100
    clipped = x.copy()
    outside = np.abs(clipped) > 5.12
    clipped[outside] = 5.12 / clipped[outside]
    half = n // 2
    return objectives, np.stack([clipped[:, :half].sum(axis=1), clipped[:, half:].sum(axis=1)], axis=1)


def run(spec, seed):
    n = spec["dimensions"]
    reach = float(n) if spec["benchmark"] == "arm" else n / 2 * 5.12
    offset = -np.pi ** 2 if spec["benchmark"] == "arm" else 0.0
    archive = GridArchive(solution_dim=n, dims=spec["cells"], ranges=[(-reach, reach)] * 2, qd_score_offset=offset, seed=seed)
    bounds = [(-np.pi, np.pi)] * n if spec["benchmark"] == "arm" else None
    emitter = GaussianEmitter(archive, sigma=spec["sigma"], x0=np.zeros(n), bounds=bounds, batch_size=spec["batch"], seed=seed)
    scheduler = Scheduler(archive, [emitter])
    evaluations = 0
    start = time.perf_counter()
    while evaluations < spec["evaluations"]:
        solutions = scheduler.ask()
        objectives, measures = evaluate(spec["benchmark"], solutions)
        scheduler.tell(objectives, measures)
        evaluations += len(solutions)
    seconds = time.perf_counter() - start
    return {"seed": seed, "evaluations": evaluations, "seconds": seconds, "rate": evaluations / seconds,
            "qdScore": float(archive.stats.qd_score), "coverage": float(archive.stats.coverage),
            "best": float(archive.stats.obj_max)}


if __name__ == "__main__":
    spec = json.load(open(sys.argv[1]))
    print(json.dumps([run(spec, int(seed)) for seed in sys.argv[2:]]))
