/// A program as standalone Python with the same NaN-safe semantics as Apery's executor: `numpy` defines
/// `train(w, g, m, v, lr)` returning `(update, m, v)`; `optax` wraps the same `train` (in jax.numpy) as an
/// optax `GradientTransformation`.
public enum OptimizerExport {
    static let semantics = """
        # Division by 0 gives 0, sqrt and log take |x| (log 0 = 0), exp saturates at e^80.
        """

    public static func numpy(_ program: OptimizerProgram, provenance: String) -> String {
        """
        # An update rule found by Apery (\(provenance)).
        # train(w, g, m, v, lr) -> (update, m, v): numpy arrays of w's shape (the whole model may be one flat
        # vector); m and v start at zeros; the caller does w = w - update each step and passes lr, which may
        # follow a schedule.
        \(semantics)
        import numpy as np


        def _div(x, y):
            x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
            return np.divide(x, y, out=np.zeros_like(x), where=y != 0)


        def _log(x):
            a = np.abs(np.asarray(x, dtype=float))
            return np.log(a, out=np.zeros_like(a), where=a != 0)


        def train(w, g, m, v, lr):
        \(body(program, np: "np"))
            return \(program.outputs.map { "np.broadcast_to(\($0), np.shape(w)).astype(float)" }.joined(separator: ", "))

        """
    }

    public static func optax(_ program: OptimizerProgram, provenance: String) -> String {
        """
        # An update rule found by Apery (\(provenance)), as an optax GradientTransformation:
        #
        #     optimizer = apery_optimizer(learning_rate=1e-3)   # a float or an optax schedule
        #     state = optimizer.init(params)
        #     updates, state = optimizer.update(grads, state, params)
        #     params = optax.apply_updates(params, updates)
        #
        # Per parameter leaf, train(w, g, m, v, lr) gives the rule's update, which is applied as w - update
        # (the transformation emits -update, as optax expects); m and v start at zeros. Arithmetic is in the
        # parameters' dtype: enable jax_enable_x64 for float64.
        \(semantics)
        from typing import Any, NamedTuple

        import jax
        import jax.numpy as jnp
        import optax


        def _div(x, y):
            safe = jnp.where(y != 0, y, 1)
            return jnp.where(y != 0, x / safe, jnp.zeros_like(x / safe))


        def _log(x):
            a = jnp.abs(x)
            return jnp.where(a != 0, jnp.log(jnp.where(a != 0, a, 1)), 0)


        def train(w, g, m, v, lr):
        \(body(program, np: "jnp"))
            return \(program.outputs.map { "jnp.broadcast_to(\($0), jnp.shape(w)).astype(jnp.result_type(w))" }.joined(separator: ", "))


        class AperyState(NamedTuple):
            count: Any
            m: Any
            v: Any


        def apery_optimizer(learning_rate=1e-3):
            def init(params):
                zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
                return AperyState(count=jnp.zeros([], jnp.int32), m=zeros, v=jax.tree_util.tree_map(jnp.zeros_like, params))

            def update(grads, state, params=None):
                if params is None:
                    raise ValueError("this rule reads the parameters: pass params to update")
                lr = learning_rate(state.count) if callable(learning_rate) else learning_rate
                leaves = jax.tree_util.tree_map(lambda w, g, m, v: train(w, g, m, v, lr), params, grads, state.m, state.v)
                is_triple = lambda x: isinstance(x, tuple) and len(x) == 3
                pick = lambda k: jax.tree_util.tree_map(lambda t: t[k], leaves, is_leaf=is_triple)
                updates = jax.tree_util.tree_map(lambda u: -u, pick(0))
                return updates, AperyState(count=state.count + 1, m=pick(1), v=pick(2))

            return optax.GradientTransformation(init, update)

        """
    }

    /// The statements as Python lines (indented for a function body), `np` naming numpy or jax.numpy.
    static func body(_ program: OptimizerProgram, np: String) -> String {
        program.statements.map { s in
            let a = s.arguments.map(argument)
            let expression: String
            switch s.function {
            case .add: expression = "\(a[0]) + \(a[1])"
            case .subtract: expression = "\(a[0]) - \(a[1])"
            case .multiply: expression = "\(a[0]) * \(a[1])"
            case .divide: expression = "_div(\(a[0]), \(a[1]))"
            case .interp: expression = "(1 - \(a[2])) * \(a[0]) + \(a[2]) * \(a[1])"
            case .sign: expression = "\(np).sign(\(a[0]))"
            case .abs: expression = "\(np).abs(\(a[0]))"
            case .sqrt: expression = "\(np).sqrt(\(np).abs(\(a[0])))"
            case .square: expression = "\(np).square(\(a[0]))"
            case .exp: expression = "\(np).exp(\(np).minimum(\(a[0]), 80.0))"
            case .log: expression = "_log(\(a[0]))"
            case .clip: expression = "\(np).clip(\(a[0]), -\(np).abs(\(a[1])), \(np).abs(\(a[1])))"
            case .max: expression = "\(np).maximum(\(a[0]), \(a[1]))"
            case .min: expression = "\(np).minimum(\(a[0]), \(a[1]))"
            case .negate: expression = "-\(a[0])"
            }
            return "    \(s.target) = \(expression)"
        }.joined(separator: "\n")
    }

    static func argument(_ a: OptimizerProgram.Argument) -> String {
        switch a {
        case .variable(let name): return name
        case .constant(let c): return "\(c)"
        }
    }
}
