"""Update rules on training tasks the search never saw, in JAX and optax, as a user would run them.

Usage: heldout_tasks.py OUT.json NAME=optax_export.py ...

Each rule comes as the optax GradientTransformation `apery optimizers export --format optax` writes; optax's own
Adam (b1 0.9, b2 0.999, eps 1e-8), Lion (b1 0.9, b2 0.99) and SGD with momentum 0.9 are the baselines. The tasks
differ from the search's proxies in kind, size and length: float32, a warm-up then cosine schedule, minibatches.
For every rule and task the peak learning rate is tuned on a log grid by the mean final loss of the tuning seeds,
then the rule is run at that rate on fresh seeds. Prints progress on stderr and writes one JSON object: per task and
rule, the tuned rate and the final full-data losses of the fresh seeds. Prints on stdout a Markdown table: per task
and rule, the mean over the fresh seeds of log10(final loss / Adam's final loss on the same seed), with its standard
error (losses below 1e-9 taken as 1e-9)."""
import importlib.util
import json
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

RATES = [10.0 ** (k / 3) for k in range(-14, 4)]  # 2e-5 ... 10, three per decade
TUNING_SEEDS = [0, 1, 2]
EVALUATION_SEEDS = list(range(100, 110))
# Losses below this count as solved: in float32 Rosenbrock's minimum can be hit exactly, and log(0) compares nothing.
LOSS_FLOOR = 1e-9


def schedule(peak, steps):
    # A linear warm-up over the first 5% of the steps, then a cosine decay to 1% of the peak.
    unit = optax.warmup_cosine_decay_schedule(0.0, 1.0, max(steps // 20, 1), steps, 0.01)
    return lambda count: peak * unit(count)


def mlp_init(key, sizes):
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        key, sub = jax.random.split(key)
        params.append((jax.random.normal(sub, (fan_in, fan_out)) * jnp.sqrt(2.0 / fan_in), jnp.zeros(fan_out)))
    return params


def mlp_apply(params, x, activation=jax.nn.relu):
    for weight, bias in params[:-1]:
        x = activation(x @ weight + bias)
    weight, bias = params[-1]
    return x @ weight + bias


class Task:
    """Data drawn from the seed; `loss(params, batch)`; minibatches of `batch` rows drawn with replacement."""

    def __init__(self, name, steps, batch, make):
        self.name, self.steps, self.batch, self.make = name, steps, batch, make


def classification(seed):
    # Ten classes, each a mixture of three Gaussian clusters in 20 dimensions that overlap; an MLP 20-64-64-10,
    # cross-entropy.
    key = jax.random.PRNGKey(seed)
    k1, k2, k3, k4 = jax.random.split(key, 4)
    centres = jax.random.normal(k1, (10, 3, 20)) * 1.5
    labels = jax.random.randint(k2, (2048,), 0, 10)
    cluster = jax.random.randint(k3, (2048,), 0, 3)
    x = centres[labels, cluster] + 2.5 * jax.random.normal(k4, (2048, 20))
    params = mlp_init(jax.random.fold_in(key, 7), [20, 64, 64, 10])

    def loss(params, rows):
        logits = mlp_apply(params, x[rows])
        return jnp.mean(optax.softmax_cross_entropy_with_integer_labels(logits, labels[rows]))

    return params, loss, 2048


def autoencoder(seed):
    # Points near a 4-dimensional subspace of R^32 through a tanh autoencoder 32-16-4-16-32, squared error.
    key = jax.random.PRNGKey(seed)
    k1, k2, k3 = jax.random.split(key, 3)
    basis = jax.random.normal(k1, (4, 32))
    x = jnp.tanh(jax.random.normal(k2, (1024, 4)) @ basis) + 0.05 * jax.random.normal(k3, (1024, 32))
    params = mlp_init(jax.random.fold_in(key, 7), [32, 16, 4, 16, 32])

    def loss(params, rows):
        return jnp.mean(jnp.sum((mlp_apply(params, x[rows], jnp.tanh) - x[rows]) ** 2, axis=1))

    return params, loss, 1024


def ill_conditioned_regression(seed):
    # Linear regression, 50 features whose scales span two decades, heavy-tailed (Student t, 3 degrees) noise.
    key = jax.random.PRNGKey(seed)
    k1, k2, k3, k4 = jax.random.split(key, 4)
    scales = jnp.logspace(-1, 1, 50)
    x = jax.random.normal(k1, (1024, 50)) * scales
    truth = jax.random.normal(k2, (50,)) / scales
    y = x @ truth + 0.5 * jax.random.t(k3, 3.0, (1024,))
    params = {"w": 0.1 * jax.random.normal(k4, (50,)), "b": jnp.zeros(())}

    def loss(params, rows):
        return 0.5 * jnp.mean((x[rows] @ params["w"] + params["b"] - y[rows]) ** 2)

    return params, loss, 1024


def deep_linear(seed):
    # A product of four 16 x 16 matrices fitted to a random linear map from noisy samples (non-convex, with
    # plateaus): the depth's saddle at small weights is what makes it hard.
    key = jax.random.PRNGKey(seed)
    k1, k2, k3 = jax.random.split(key, 3)
    target = jax.random.normal(k1, (16, 16)) / 4
    x = jax.random.normal(k2, (1024, 16))
    y = x @ target + 0.1 * jax.random.normal(k3, (1024, 16))
    params = [jax.random.normal(jax.random.fold_in(key, i), (16, 16)) * 0.15 for i in range(4)]

    def loss(params, rows):
        out = x[rows]
        for weight in params:
            out = out @ weight
        return 0.5 * jnp.mean(jnp.sum((out - y[rows]) ** 2, axis=1))

    return params, loss, 1024


def rosenbrock(seed):
    # The chained Rosenbrock function in 10 dimensions from a random start near -1, the gradient exact.
    start = -1.0 + 0.2 * jax.random.normal(jax.random.PRNGKey(seed), (10,))

    def loss(params, rows):
        w = params
        return jnp.sum(100.0 * (w[1:] - w[:-1] ** 2) ** 2 + (1 - w[:-1]) ** 2) / 100.0

    return start, loss, 1


TASKS = [
    Task("classification", 1500, 32, classification),
    Task("autoencoder", 2000, 64, autoencoder),
    Task("ill-conditioned regression", 1000, 16, ill_conditioned_regression),
    Task("deep linear", 1500, 32, deep_linear),
    Task("rosenbrock", 3000, 1, rosenbrock),
]


def final_losses(task, make_optimizer, rates, seeds):
    """The full-data loss after training, for every (rate, seed): one compiled, vectorised run."""

    def run(peak, seed):
        params, loss, rows = task.make(seed)
        optimizer = make_optimizer(schedule(peak, task.steps))
        state = optimizer.init(params)
        key = jax.random.PRNGKey(seed + 10_000)

        def step(carry, index):
            params, state = carry
            batch = jax.random.randint(jax.random.fold_in(key, index), (task.batch,), 0, rows)
            grads = jax.grad(loss)(params, batch)
            updates, state = optimizer.update(grads, state, params)
            return (optax.apply_updates(params, updates), state), None

        (params, _), _ = jax.lax.scan(step, (params, state), jnp.arange(task.steps))
        final = loss(params, jnp.arange(rows))
        return jnp.where(jnp.isfinite(final), final, jnp.inf)

    grid_rates = jnp.array([r for r in rates for _ in seeds], dtype=jnp.float32)
    grid_seeds = jnp.array([s for _ in rates for s in seeds])
    losses = jax.jit(jax.vmap(run))(grid_rates, grid_seeds)
    return np.asarray(losses, dtype=np.float64).reshape(len(rates), len(seeds))


def load_export(path):
    spec = importlib.util.spec_from_file_location("export", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.apery_optimizer


def main():
    out = sys.argv[1]
    optimizers = {
        "adam": lambda lr: optax.adam(lr, b1=0.9, b2=0.999, eps=1e-8),
        "lion": lambda lr: optax.lion(lr, b1=0.9, b2=0.99),
        "sgd-momentum": lambda lr: optax.sgd(lr, momentum=0.9),
    }
    for argument in sys.argv[2:]:
        name, path = argument.split("=", 1)
        optimizers[name] = load_export(path)
    results = {"rates": RATES, "tuning_seeds": TUNING_SEEDS, "evaluation_seeds": EVALUATION_SEEDS, "tasks": {}}
    total = len(TASKS) * len(optimizers)
    done, start = 0, time.time()
    for task in TASKS:
        table = results["tasks"].setdefault(task.name, {"steps": task.steps, "batch": task.batch, "rules": {}})
        for name, make in optimizers.items():
            tuning = final_losses(task, make, RATES, TUNING_SEEDS).mean(axis=1)
            best = int(np.argmin(np.where(np.isfinite(tuning), tuning, np.inf)))
            losses = final_losses(task, make, [RATES[best]], EVALUATION_SEEDS)[0]
            table["rules"][name] = {"lr": RATES[best], "tuning": [float(t) for t in tuning],
                                    "losses": [float(x) if np.isfinite(x) else None for x in losses]}
            done += 1
            elapsed = time.time() - start
            print(f"{task.name} / {name}: lr {RATES[best]:.3g}, mean loss {np.mean(losses):.4g} "
                  f"[{done}/{total}, {elapsed:.0f} s, ETA {elapsed / done * (total - done):.0f} s]", file=sys.stderr)
    with open(out, "w") as file:
        json.dump(results, file, indent=1)
    print(markdown_table(results))


def markdown_table(results):
    tasks = list(results["tasks"])
    rules = list(results["tasks"][tasks[0]]["rules"])
    lines = ["| rule | " + " | ".join(tasks) + " | better than Adam |", "|---|" + "---|" * (len(tasks) + 1)]
    for rule in rules:
        cells, wins = [], 0
        for task in tasks:
            entries = results["tasks"][task]["rules"]
            ours = np.array([np.inf if x is None else x for x in entries[rule]["losses"]])
            adam = np.array([np.inf if x is None else x for x in entries["adam"]["losses"]])
            ratios = np.log10(np.maximum(ours, LOSS_FLOOR) / np.maximum(adam, LOSS_FLOOR))
            if not np.all(np.isfinite(ratios)):
                cells.append("diverged")
                continue
            mean, error = ratios.mean(), ratios.std(ddof=1) / np.sqrt(len(ratios))
            wins += mean + 2 * error < 0
            cells.append(f"{mean:+.3f} ± {error:.3f} (lr {entries[rule]['lr']:.2g})")
        lines.append(f"| {rule} | " + " | ".join(cells) + f" | {wins} of {len(tasks)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
