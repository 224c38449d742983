"""The clustering peer: scikit-learn's HDBSCAN on the FR-delta-vs-d plane of a dynamics database.

Reads the convergent measurements (as `apery cluster` selects them), thins them to one sample per 0.001 grid
cell (the first in formula order, as Apery does), clusters the samples with min_cluster_size 5 and writes the samples,
the labels and the time as JSON, so that Apery's HDBSCAN can run on exactly the same points.

usage: cluster_peer.py DYNAMICS.sqlite SAMPLES_OUT.json
"""
import json
import math
import sqlite3
import sys
import time

from sklearn.cluster import HDBSCAN


def main():
    database, out = sys.argv[1], sys.argv[2]
    rows = sqlite3.connect(database).execute(
        "SELECT d, frDelta FROM dynamics WHERE NOT divergent AND convergenceClass != 'terminating' "
        "AND frDelta IS NOT NULL ORDER BY formula, depth, sample").fetchall()
    seen, samples = set(), []
    for d, delta in rows:
        if not (math.isfinite(d) and math.isfinite(delta)):
            continue
        cell = (math.floor(d / 0.001), math.floor(delta / 0.001))
        if cell not in seen:
            seen.add(cell)
            samples.append([d, delta])
    # The best of 5 runs, as Apery's side: one run let a burst of load on the machine decide a round.
    seconds = math.inf
    for _ in range(5):
        start = time.perf_counter()
        labels = HDBSCAN(min_cluster_size=5, copy=True).fit_predict(samples)
        seconds = min(seconds, time.perf_counter() - start)
    with open(out, "w") as f:
        json.dump({"points": samples, "sklearn_labels": [int(x) for x in labels]}, f)
    print(json.dumps({"cluster_points": len(rows), "cluster_samples": len(samples), "sklearn_hdbscan_seconds": seconds,
                      "sklearn_clusters": len(set(labels) - {-1})}))


if __name__ == "__main__":
    main()
