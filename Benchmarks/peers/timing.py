"""The timing rule every peer script uses: the best of several runs, in seconds."""
import time


def best(runs, body):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return min(times)
