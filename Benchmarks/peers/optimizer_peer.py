"""numpy peer of Apery's optimizer proxies: the same four tasks (the same data, made by the same xorshift
generator), the same training loop (cosine schedule, w <- w - update), and the update rules as Apery exports them
(`apery optimizers export --format numpy`). Times training runs (one program, one task, one learning rate) and
prints JSON: evaluations per second and the final loss per rule and task. Minibatches and noise come from numpy's
generator here, so final losses agree with Apery's in size, not digit for digit."""
import importlib.util
import json
import math
import sys

import numpy as np

from timing import best

MASK = (1 << 64) - 1
TASKS = ["quadratic", "logistic", "mlp", "regression"]
STEPS = {"quadratic": 200, "logistic": 200, "mlp": 300, "regression": 300}


class TaskRandom:
    """Apery's TaskRandom: xorshift64 seeded as seed * 0x9E3779B97F4A7C15 | 1."""

    def __init__(self, seed):
        self.state = ((seed * 0x9E3779B97F4A7C15) & MASK) | 1

    def next(self):
        s = self.state
        s ^= (s << 13) & MASK
        s ^= s >> 7
        s ^= (s << 17) & MASK
        self.state = s
        return s

    def uniform(self):
        return (self.next() >> 11) / float(1 << 53)

    def normal(self):
        u = max(self.uniform(), 1e-300)
        v = self.uniform()
        return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * v)


def instance(task, seed):
    r = TaskRandom((seed + TASKS.index(task) * 7919) & MASK)
    if task == "quadratic":
        lam = np.array([10 ** (3 * i / 19) for i in range(20)])
        start = np.array([r.normal() for _ in range(20)])
        optimum = np.array([r.normal() for _ in range(20)])
        return dict(lam=lam, start=start, optimum=optimum)
    if task == "logistic":
        truth = [r.normal() for _ in range(10)]
        xs, ys = [], []
        for _ in range(256):
            x = [r.normal() for _ in range(10)]
            xs.append(x)
        for x in xs:
            z = sum(a * b for a, b in zip(x, truth)) + 0.5 * r.normal()
            ys.append(1.0 if z > 0 else 0.0)
        return dict(X=np.array(xs), y=np.array(ys), start=np.zeros(11))
    if task == "mlp":
        xs, ys = [], []
        for i in range(64):
            t, radius = 3 * math.pi * i / 64, 0.2 + 0.8 * i / 64
            for label, phase in ((1.0, 0.0), (-1.0, math.pi)):
                xs.append([radius * math.cos(t + phase) + 0.02 * r.normal(), radius * math.sin(t + phase) + 0.02 * r.normal()])
                ys.append(label)
        start = [r.normal() * 0.7 for _ in range(16)] + [0.0] * 8 + [r.normal() * 0.35 for _ in range(8)] + [0.0]
        return dict(X=np.array(xs), y=np.array(ys), start=np.array(start))
    xs = [[2 * r.uniform() - 1] for _ in range(128)]
    ys = [math.sin(3 * x[0]) + 0.05 * r.normal() for x in xs]
    w1 = [r.normal() for _ in range(16)]
    b1 = [0.5 * r.normal() for _ in range(16)]
    w2 = [0.25 * r.normal() for _ in range(16)]
    return dict(X=np.array(xs)[:, 0], y=np.array(ys), start=np.array(w1 + b1 + w2 + [0.0]))


def loss_and_gradient(task, data):
    """(loss(w), gradient(w, rng)) for a task: minibatch gradients as Apery draws them."""
    if task == "quadratic":
        lam, opt = data["lam"], data["optimum"]
        noise = 0.3 * np.sqrt(lam)
        return (lambda w: 0.5 * np.sum(lam * (w - opt) ** 2),
                lambda w, rng: lam * (w - opt) + noise * rng.standard_normal(20))
    X, y = data["X"], data["y"]
    if task == "logistic":
        def loss(w):
            z = X @ w[:10] + w[10]
            return np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))

        def gradient(w, rng):
            i = rng.integers(0, len(y), 32)
            xb = X[i]
            p = 1 / (1 + np.exp(-(xb @ w[:10] + w[10])))
            d = (p - y[i]) / 32
            return np.concatenate([xb.T @ d, [d.sum()]])
        return loss, gradient
    if task == "mlp":
        def forward(w, xb):
            W1, b1, W2, b2 = w[:16].reshape(8, 2), w[16:24], w[24:32], w[32]
            h = np.tanh(xb @ W1.T + b1)
            return h @ W2 + b2, h

        def gradient(w, rng):
            i = rng.integers(0, len(y), 16)
            xb = X[i]
            out, h = forward(w, xb)
            d = (out - y[i]) / 16
            dh = np.outer(d, w[24:32]) * (1 - h * h)
            return np.concatenate([(dh.T @ xb).ravel(), dh.sum(0), h.T @ d, [d.sum()]])
        return (lambda w: np.mean(0.5 * (forward(w, X)[0] - y) ** 2)), gradient

    def forward(w, xb):
        h = np.tanh(np.outer(xb, w[:16]) + w[16:32])
        return h @ w[32:48] + w[48], h

    def gradient(w, rng):
        i = rng.integers(0, len(y), 8)
        xb = X[i]
        out, h = forward(w, xb)
        d = (out - y[i]) / 8
        dh = np.outer(d, w[32:48]) * (1 - h * h)
        return np.concatenate([dh.T @ xb, dh.sum(0), h.T @ d, [d.sum()]])
    return (lambda w: np.mean(0.5 * (forward(w, X)[0] - y) ** 2)), gradient


def train(rule, task, data, lr, seed):
    loss, gradient = loss_and_gradient(task, data)
    rng = np.random.default_rng(seed)
    w = data["start"].copy()
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    steps = STEPS[task]
    for t in range(steps):
        g = gradient(w, rng)
        update, m, v = rule(w, g, m, v, lr * 0.5 * (1 + math.cos(math.pi * t / steps)))
        w = w - update
    return float(loss(w))


def main():
    rules = {}
    for path in sys.argv[1:]:
        spec = importlib.util.spec_from_file_location("rule", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        rules[path.rsplit("/", 1)[-1].removesuffix(".py")] = module.train
    lrs = json.loads(sys.stdin.read())  # {rule: {task: lr}}: Apery's tuned rates
    out = {}
    for name, rule in rules.items():
        for task in TASKS:
            data = instance(task, 1)
            lr = lrs[name][task]
            final = train(rule, task, data, lr, 1)
            runs = 5
            seconds = best(3, lambda: [train(rule, task, data, lr, 1) for _ in range(runs)]) / runs
            out[f"{name}/{task}"] = {"evaluations_per_second": 1 / seconds, "final_loss": final, "lr": lr}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
