import Foundation
import SearchEngine

/// An optimizer-discovery search, as a spec file (JSON, see Conjectures/optimizer-*.json).
public struct OptimizerSpec: Codable, Hashable, Sendable, SearchSpecification {
    /// "evolution" (regularized evolution) or "map-elites" (descriptors: state tensors, sign-like, length).
    public var proposer: String = "evolution"
    public var population: Int = 100
    public var tournament: Int = 10
    /// Candidates per batch (proposed together, evaluated in parallel).
    public var batch: Int = 16
    /// Evaluations of the whole search (every island); cache hits count.
    public var evaluations: Int
    public var seed: UInt64 = 1
    /// The program evolution starts from: adamw, lion, momentum, or a program file (its path relative to the
    /// spec file's folder), such as a discovery in Conjectures/optimizers to search on from.
    public var start: String = "adamw"
    /// The text of `start`'s program file, read when the spec is loaded: it is part of the stored spec, so that a
    /// search is named by the program it starts from, and reading it back needs no file.
    public var startSource: String?
    /// The functions mutations may insert (names as programs write them: +, -, *, /, interp, sign, ...).
    public var functions: [String] = OptimizerFunction.allCases.map(\.rawValue)
    public var tasks: [ProxyTask] = ProxyTask.standard
    public var maxLength: Int = 24
    /// Funnel selection: programs that beat AdamW are checked on longer training with unseen data.
    public var funnel: Bool = true
    /// Progressive hurdle: a rule whose mean normalised loss on the tasks reached (log10 over tuned AdamW's) is
    /// worse than this after a task's coarse learning-rate grid stops there (none when absent).
    public var hurdle: Double?
    /// The loss scales each task is trained at (1 when absent), each with its own tuned rate: more than one
    /// penalises rules that carry an absolute gradient scale, which tasks of other sizes would not share.
    public var scales: [Double]?
    /// Regularized evolution restarts every this many programs generated (per island), alternately from the start
    /// program and from the best so far (none when absent).
    public var restartEvery: Int?
    /// The seeds each final loss is averaged over, in the proxies and the funnel (2 when absent). More seeds cost
    /// little (the rate is tuned on one seed in 12 trainings) and keep the search from selecting lucky constants.
    public var evaluationSeeds: Int?
    /// The seeds each learning rate of the grid is judged on, by their mean final loss (1 when absent): with one, a
    /// search can select rules whose margins hold only at the rate that seed picks.
    public var tuningSeeds: Int?
    /// Interpolation weights in (0, 1) may also mutate on their horizon's scale, 1 - (1 - a) 2^N(0,1) (off when
    /// absent, as in the reference).
    public var horizonMutation: Bool?
    /// A fourth kind of child copies a statement so that its two uses can diverge (off when absent, as in the
    /// reference).
    public var duplicateMutation: Bool?
    /// MAP-Elites only: a program as fit as its cell's elite replaces it (off when absent). A duplicate, or any
    /// change a cache hit scores as its parent, then stays in the archive as a stepping stone.
    public var neutralDrift: Bool?
    /// Only rules in which lr is a step size (the update proportional to it, the state free of it) are proposed
    /// (off when absent, as in the reference).
    public var rateAsStepSize: Bool?
    /// Only rules free of the gradient's scale (the same updates for k g as for g) are proposed (off when absent).
    public var scaleFree: Bool?
    /// "mean" (minus the mean normalised loss over the tasks, when absent), "worst-task" (minus the worst task's:
    /// a rule gains only by beating AdamW on every task) or "worst-task-bound" (the same, each task's loss raised by
    /// two standard errors of its seeds).
    public var objective: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case proposer, population, tournament, batch, evaluations, seed, start, startSource = "start_program", functions, tasks
        case maxLength = "max_length", funnel, hurdle, scales, restartEvery = "restart_every"
        case evaluationSeeds = "evaluation_seeds", tuningSeeds = "tuning_seeds", horizonMutation = "horizon_mutation"
        case duplicateMutation = "duplicate_mutation", neutralDrift = "neutral_drift", rateAsStepSize = "lr_step_size", objective
        case scaleFree = "scale_free"
    }

    /// The names of the standard starting programs.
    static let standardStarts = ["adamw", "lion", "momentum"]

    public init(evaluations: Int, proposer: String = "evolution", seed: UInt64 = 1) {
        self.evaluations = evaluations
        self.proposer = proposer
        self.seed = seed
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        evaluations = try c.decode(Int.self, forKey: .evaluations)
        proposer = try c.decodeIfPresent(String.self, forKey: .proposer) ?? "evolution"
        population = try c.decodeIfPresent(Int.self, forKey: .population) ?? 100
        tournament = try c.decodeIfPresent(Int.self, forKey: .tournament) ?? 10
        batch = try c.decodeIfPresent(Int.self, forKey: .batch) ?? 16
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
        start = try c.decodeIfPresent(String.self, forKey: .start) ?? "adamw"
        startSource = try c.decodeIfPresent(String.self, forKey: .startSource)
        functions = try c.decodeIfPresent([String].self, forKey: .functions) ?? OptimizerFunction.allCases.map(\.rawValue)
        tasks = try c.decodeIfPresent([ProxyTask].self, forKey: .tasks) ?? ProxyTask.standard
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength) ?? 24
        funnel = try c.decodeIfPresent(Bool.self, forKey: .funnel) ?? true
        hurdle = try c.decodeIfPresent(Double.self, forKey: .hurdle)
        scales = try c.decodeIfPresent([Double].self, forKey: .scales)
        restartEvery = try c.decodeIfPresent(Int.self, forKey: .restartEvery)
        evaluationSeeds = try c.decodeIfPresent(Int.self, forKey: .evaluationSeeds)
        tuningSeeds = try c.decodeIfPresent(Int.self, forKey: .tuningSeeds)
        horizonMutation = try c.decodeIfPresent(Bool.self, forKey: .horizonMutation)
        duplicateMutation = try c.decodeIfPresent(Bool.self, forKey: .duplicateMutation)
        neutralDrift = try c.decodeIfPresent(Bool.self, forKey: .neutralDrift)
        rateAsStepSize = try c.decodeIfPresent(Bool.self, forKey: .rateAsStepSize)
        scaleFree = try c.decodeIfPresent(Bool.self, forKey: .scaleFree)
        objective = try c.decodeIfPresent(String.self, forKey: .objective)
    }

    /// Reads a spec file; unknown fields are refused with the nearest known name, and impossible values said.
    public init(file path: String) throws {
        // start_program is written by apery, not by users: a spec names its start program's file.
        self = try OptimizerSpec.load(file: path, fields: CodingKeys.allCases.filter { $0 != .startSource }.map(\.rawValue))
        if !OptimizerSpec.standardStarts.contains(start) {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            let program = start.hasPrefix("/") ? URL(fileURLWithPath: start) : folder.appendingPathComponent(start)
            guard let text = try? String(contentsOf: program, encoding: .utf8) else {
                throw SearchError("\(path): start must be adamw, lion, momentum or a readable program file, not \(start) (looked for \(program.path))")
            }
            startSource = text
        }
        do { try validate() } catch let error as SearchError { throw SearchError("\(path): \(error.description)") }
    }

    public func validate() throws {
        guard ["evolution", "map-elites"].contains(proposer) else { throw SearchError("proposer must be evolution or map-elites, not \(proposer)") }
        guard evaluations > 0 else { throw SearchError("evaluations (the budget) must be positive, not \(evaluations)") }
        guard !functions.isEmpty else { throw SearchError("the function set is empty: name at least one function") }
        for name in functions where OptimizerFunction(rawValue: name) == nil {
            throw SearchError("unknown function \(name) (known: \(OptimizerFunction.allCases.map(\.rawValue).joined(separator: " ")))")
        }
        guard !tasks.isEmpty else { throw SearchError("the task list is empty") }
        guard population >= 1 else { throw SearchError("population must be at least 1, not \(population)") }
        guard (1...population).contains(tournament) else { throw SearchError("tournament must be between 1 and the population (\(population)), not \(tournament)") }
        guard (1...10_000).contains(batch) else { throw SearchError("batch must be between 1 and 10000, not \(batch)") }
        if let hurdle, !(hurdle > -ProxyScoring.worst && hurdle <= ProxyScoring.worst) {
            throw SearchError("hurdle must be above -2 and at most 2 (log10 of a loss over AdamW's), not \(hurdle)")
        }
        if let scales, scales.isEmpty || scales.count > 4 || !scales.allSatisfy({ $0 > 0 && $0.isFinite }) {
            throw SearchError("scales must list one to four positive loss scales, not \(scales)")
        }
        if let restartEvery {
            guard proposer == "evolution" else { throw SearchError("restart_every applies to evolution; map-elites keeps its archive") }
            guard restartEvery >= population else {
                throw SearchError("restart_every must be at least the population (\(population)), not \(restartEvery)")
            }
        }
        if neutralDrift != nil, proposer != "map-elites" {
            throw SearchError("neutral_drift applies to map-elites; evolution already keeps programs as fit as the best")
        }
        if let objective, OptimizerEvaluator.Objective(rawValue: objective) == nil {
            let names = OptimizerEvaluator.Objective.allCases.map(\.rawValue).joined(separator: " or ")
            throw SearchError("objective must be \(names), not \(objective)")
        }
        if let tuningSeeds, !(1...ProxyScoring.Setting.maximumTuningSeeds).contains(tuningSeeds) {
            throw SearchError("tuning_seeds must be between 1 and \(ProxyScoring.Setting.maximumTuningSeeds), not \(tuningSeeds)")
        }
        if let evaluationSeeds, !(1...ProxyScoring.Setting.maximumSeeds).contains(evaluationSeeds) {
            throw SearchError("evaluation_seeds must be between 1 and \(ProxyScoring.Setting.maximumSeeds), not \(evaluationSeeds)")
        }
        guard (1...200).contains(maxLength) else { throw SearchError("max_length must be between 1 and 200, not \(maxLength)") }
        _ = try startProgram()
    }

    public func startProgram() throws -> OptimizerProgram {
        switch start {
        case "adamw": return try OptimizerProgram(parsing: StandardOptimizers.adamw)
        case "lion": return try OptimizerProgram(parsing: StandardOptimizers.lion)
        case "momentum": return try OptimizerProgram(parsing: StandardOptimizers.momentum)
        default:
            guard let startSource else { throw SearchError("start must be adamw, lion, momentum or a program file, not \(start)") }
            do { return try OptimizerProgram(parsing: startSource) } catch { throw SearchError("start program \(start): \(error)") }
        }
    }

    public var identifier: String { "optimizer-" + canonicalHash }

    /// The objective `objective` names (the mean when absent).
    public var fitnessObjective: OptimizerEvaluator.Objective { objective.flatMap(OptimizerEvaluator.Objective.init) ?? .mean }

    /// The setting the search scores its programs in, and its funnel's check.
    public var proxySetting: ProxyScoring.Setting { ProxyScoring.Setting.proxy.averaging(over: evaluationSeeds ?? 2).tuning(on: tuningSeeds ?? 1) }
    public var funnelSetting: ProxyScoring.Setting { ProxyScoring.Setting.funnelCheck.averaging(over: evaluationSeeds ?? 2).tuning(on: tuningSeeds ?? 1) }

    public var problem: OptimizerProblem {
        OptimizerProblem(start: try! startProgram(), functions: functions.compactMap(OptimizerFunction.init(rawValue:)), maxLength: maxLength,
                         horizonMutation: horizonMutation ?? false, duplicateMutation: duplicateMutation ?? false,
                         rateAsStepSize: rateAsStepSize ?? false, scaleFree: scaleFree ?? false)
    }

    /// MAP-Elites' grid: state tensors (0-2), sign-like (0-1), length (0 to max_length).
    public var grid: Grid {
        try! Grid(cells: [3, 2, maxLength + 1], lower: [-0.5, -0.5, -0.5], upper: [2.5, 1.5, Double(maxLength) + 0.5])
    }
}
