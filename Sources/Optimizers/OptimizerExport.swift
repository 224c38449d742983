/// A program as standalone Python: `train(w, g, m, v, lr)` returning `(update, m, v)` on numpy arrays, with the
/// same NaN-safe semantics as Apery's executor.
public enum OptimizerExport {
    public static func numpy(_ program: OptimizerProgram, provenance: String) -> String {
        var out = """
            # An update rule found by Apery (\(provenance)).
            # train(w, g, m, v, lr) -> (update, m, v): numpy arrays of w's shape (the whole model may be one flat
            # vector); m and v start at zeros; the caller does w = w - update each step and passes lr, which may
            # follow a schedule. Division by 0 gives 0, sqrt and log take |x| (log 0 = 0), exp saturates at e^80.
            import numpy as np


            def _div(x, y):
                x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
                return np.divide(x, y, out=np.zeros_like(x), where=y != 0)


            def _log(x):
                a = np.abs(np.asarray(x, dtype=float))
                return np.log(a, out=np.zeros_like(a), where=a != 0)


            def train(w, g, m, v, lr):

            """
        for s in program.statements {
            let a = s.arguments.map(argument)
            let expression: String
            switch s.function {
            case .add: expression = "\(a[0]) + \(a[1])"
            case .subtract: expression = "\(a[0]) - \(a[1])"
            case .multiply: expression = "\(a[0]) * \(a[1])"
            case .divide: expression = "_div(\(a[0]), \(a[1]))"
            case .interp: expression = "(1 - \(a[2])) * \(a[0]) + \(a[2]) * \(a[1])"
            case .sign: expression = "np.sign(\(a[0]))"
            case .abs: expression = "np.abs(\(a[0]))"
            case .sqrt: expression = "np.sqrt(np.abs(\(a[0])))"
            case .square: expression = "np.square(\(a[0]))"
            case .exp: expression = "np.exp(np.minimum(\(a[0]), 80.0))"
            case .log: expression = "_log(\(a[0]))"
            case .clip: expression = "np.clip(\(a[0]), -np.abs(\(a[1])), np.abs(\(a[1])))"
            case .max: expression = "np.maximum(\(a[0]), \(a[1]))"
            case .min: expression = "np.minimum(\(a[0]), \(a[1]))"
            case .negate: expression = "-\(a[0])"
            }
            out += "    \(s.target) = \(expression)\n"
        }
        out += "    return " + program.outputs.map { "np.broadcast_to(\($0), np.shape(w)).astype(float)" }.joined(separator: ", ") + "\n"
        return out
    }

    static func argument(_ a: OptimizerProgram.Argument) -> String {
        switch a {
        case .variable(let name): return name
        case .constant(let c): return "\(c)"
        }
    }
}
