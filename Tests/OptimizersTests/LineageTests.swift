import Foundation
import Optimizers
import SearchEngine
import Testing

/// Lineage: each child records the ancestors that improved on theirs, so the best program shows how evolution
/// reached it.
@Suite struct LineageTests {
    @Test func lineageRecordsImprovingAncestorsInOrder() throws {
        let problem = OptimizerProblem(start: try OptimizerProgram(parsing: StandardOptimizers.adamw), functions: OptimizerFunction.allCases)
        var evolution = try RegularizedEvolution(problem: problem, population: 10, tournament: 3, random: SeededGenerator(seed: 4))
        var serial = 0
        var all: [Evaluated<OptimizerProgram>] = []
        for _ in 0..<30 {
            // A stand-in fitness that evolution can climb: the number of live statements.
            let batch = evolution.propose(8).map { program -> Evaluated<OptimizerProgram> in
                serial += 1
                return Evaluated(serial: serial, candidate: program, evaluation: Evaluation(fitness: Double(program.pruned.statements.count)))
            }
            all += batch
            _ = evolution.learn(batch)
        }
        let fitnessOf = Dictionary(uniqueKeysWithValues: all.map { ($0.serial, $0.evaluation.fitness!) })
        let withLineage = all.filter { !$0.candidate.lineage.isEmpty }
        #expect(withLineage.count > all.count / 2)
        for member in all {
            let lineage = member.candidate.lineage
            for (a, b) in zip(lineage, lineage.dropFirst()) { #expect(a.serial < b.serial && a.fitness < b.fitness) }
            for ancestor in lineage {
                #expect(ancestor.serial < member.serial)
                #expect(fitnessOf[ancestor.serial] == ancestor.fitness)
            }
        }
        // Lineage survives the saved state, and does not make equal programs differ.
        let best = try #require(withLineage.max { $0.candidate.lineage.count < $1.candidate.lineage.count })
        let decoded = try JSONDecoder().decode(OptimizerProgram.self, from: JSONEncoder().encode(best.candidate))
        #expect(decoded.lineage == best.candidate.lineage && decoded == OptimizerProgram(statements: best.candidate.statements))
    }
}
