extension OptimizerEvaluator {
    /// What a fully scored rule's fitness is. The funnel's gate asks the same of its check: a rule that passes the
    /// proxies but not the check takes the check's fitness.
    public enum Objective: String, Sendable, CaseIterable {
        /// Minus the mean normalised loss over the tasks.
        case mean
        /// Minus the worst task's normalised loss: positive only for a rule that beats AdamW on every task, so that
        /// a large gain on one task cannot hide a loss on another (rules that traded regression for 0.005 on
        /// logistic regression passed a gate on the mean).
        case worstTask = "worst-task"
        /// The same, each task's normalised loss raised by two standard errors of its seeds' paired log ratios to
        /// AdamW: positive only where every task's gain stands clear of the seeds' noise. The worst task alone, over
        /// 32 seeds, selected rules whose one narrow margin (mlp's, 0.01 against an error of 0.013) was the
        /// seeds' luck and gone on unseen seeds.
        case worstTaskBound = "worst-task-bound"

        /// How many standard errors `worstTaskBound` adds.
        public static let boundErrors = 2.0

        public func fitness(_ score: ProxyScoring.Score) -> Double {
            switch self {
            case .mean:
                return score.fitness
            case .worstTask:
                return score.normalized.values.max().map { -$0 } ?? score.fitness
            case .worstTaskBound:
                let bounds = score.normalized.map { task, loss in loss + Objective.boundErrors * (score.standardErrors[task] ?? 0) }
                return bounds.max().map { -$0 } ?? score.fitness
            }
        }
    }
}
