/// What a program computes, independently of how it is written: dead statements removed, validity, the state
/// tensors the update depends on, and a functional hash (its outputs on fixed random inputs).
extension OptimizerProgram {
    /// Whether every variable is defined before it is read and `update` is assigned (the abstract execution of
    /// the reference: all values are tensors the shape of w, so only definitions can go wrong).
    public var isValid: Bool {
        var defined = Set(OptimizerProgram.inputs)
        for s in statements {
            for case .variable(let name) in s.arguments where !defined.contains(name) { return false }
            defined.insert(s.target)
        }
        return outputs.count == 3 && outputs.allSatisfy(defined.contains) && statements.contains { $0.target == outputs[0] }
    }

    /// The program without the statements no output depends on.
    public var pruned: OptimizerProgram {
        var needed = Set(outputs)
        var kept: [Statement] = []
        for s in statements.reversed() where needed.contains(s.target) {
            needed.remove(s.target)
            for case .variable(let name) in s.arguments { needed.insert(name) }
            kept.append(s)
        }
        return OptimizerProgram(statements: kept.reversed(), outputs: outputs)
    }

    /// The inputs the update depends on (through any chain of statements, within one step).
    public func updateDependsOn() -> Set<String> {
        var needed: Set<String> = [outputs[0]]
        for s in statements.reversed() where needed.contains(s.target) {
            needed.remove(s.target)
            for case .variable(let name) in s.arguments { needed.insert(name) }
        }
        return needed.intersection(OptimizerProgram.inputs)
    }

    /// State tensors the rule carries: m and v when the update reads them (directly or later steps through them).
    public var stateTensors: Int {
        let reads = pruned.updateDependsOn()
        return ["m", "v"].filter(reads.contains).count
    }

    /// A hash of what the program does: three steps on fixed random inputs, outputs rounded to 9 digits, so
    /// that programs that differ only in names or dead code hash alike.
    public var functionalHash: UInt64 {
        let program = CompiledProgram(self)
        var random = TaskRandom(seed: 12345)
        let n = 6
        var w = (0..<n).map { _ in random.normal() }, m = [Double](repeating: 0, count: n), v = m
        var hash: UInt64 = 0xcbf29ce484222325
        func mix(_ x: Double) {
            let rounded = x.isFinite ? Double(String(format: "%.9g", x))! : (x.isNaN ? 0.123456789 : (x > 0 ? 1e308 : -1e308))
            hash = (hash ^ rounded.bitPattern) &* 0x100000001b3
        }
        for step in 0..<3 {
            let g = (0..<n).map { _ in random.normal() }
            let out = program.step(w: w, g: g, m: m, v: v, lr: 0.01 * Double(step + 1))
            out.update.forEach(mix)
            out.m.forEach(mix)
            out.v.forEach(mix)
            w = zip(w, out.update).map { $0 - $1 }
            m = out.m
            v = out.v
        }
        return hash
    }

    /// Whether lr is a step size, as it is for SGD, AdamW and Lion: the update is proportional to lr and the new
    /// state does not depend on it, so that a schedule or a tuned rate means what it means for those. Checked on
    /// the states of a few steps from random inputs (gradients over six decades), at two rates and three times each;
    /// a non-finite output fails.
    public var takesRateAsStepSize: Bool {
        let program = CompiledProgram(self)
        var random = TaskRandom(seed: 7)
        let n = 8
        var w = (0..<n).map { _ in random.normal() }, m = [Double](repeating: 0, count: n), v = m
        func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
            a.isFinite && b.isFinite && abs(a - b) <= tolerance * max(abs(a), abs(b))
        }
        for _ in 0..<4 {
            let g = (0..<n).map { _ in random.normal() * Foundation_pow10(3 * random.uniform() - 3) }
            var first: (update: [Double], m: [Double], v: [Double])?
            for lr in [1e-3, 0.1] {
                let once = program.step(w: w, g: g, m: m, v: v, lr: lr), thrice = program.step(w: w, g: g, m: m, v: v, lr: 3 * lr)
                for i in 0..<n {
                    guard close(3 * once.update[i], thrice.update[i], 1e-9), close(once.m[i], thrice.m[i], 1e-12) || once.m[i] == thrice.m[i],
                          close(once.v[i], thrice.v[i], 1e-12) || once.v[i] == thrice.v[i] else { return false }
                }
                if first == nil { first = once }
            }
            w = zip(w, first!.update).map { $0 - $1 }
            m = first!.m
            v = first!.v
        }
        return true
    }

    /// Whether the rule ignores the gradient's scale, as AdamW without epsilon and Lion do: trained from zero state
    /// on gradients k g_1, k g_2, ... it makes the same updates as on g_1, g_2, ... (its state may scale with k).
    /// Checked over five steps at k = 2^-10, 2^-5, 2^5 and 2^10 (powers of two, so that a homogeneous rule agrees to
    /// rounding) on 64 elements whose sizes cover 1e-4 to 1e4 evenly in log and move by up to half a decade each
    /// step, so that a threshold anywhere in that range falls between some element's sizes at two scales (a few
    /// random gradients left gaps that a search found and filled); a non-finite update fails.
    public var isFreeOfGradientScale: Bool {
        let program = CompiledProgram(self)
        let n = 64
        func updates(scale: Double) -> [[Double]] {
            var random = TaskRandom(seed: 11)
            var w = (0..<n).map { _ in random.normal() }, m = [Double](repeating: 0, count: n), v = m
            return (0..<5).map { _ in
                let g = (0..<n).map { i in
                    (random.next() & 1 == 0 ? scale : -scale) * Foundation_pow10(-4 + 8 * Double(i) / Double(n - 1) + random.uniform() - 0.5)
                }
                let step = program.step(w: w, g: g, m: m, v: v, lr: 0.01)
                w = zip(w, step.update).map { $0 - $1 }
                m = step.m
                v = step.v
                return step.update
            }
        }
        let reference = updates(scale: 1)
        return [0x1p-10, 0x1p-5, 0x1p5, 0x1p10].allSatisfy { scale in
            zip(reference, updates(scale: scale)).allSatisfy { zip($0, $1).allSatisfy { a, b in
                a.isFinite && b.isFinite && abs(a - b) <= 1e-9 * max(abs(a), abs(b))
            } }
        }
    }

    /// Whether the update's magnitude is the same on every element (relative to lr): a sign-like rule. Judged
    /// at the fifth step, since at the first many rules (Adam among them) are sign-like by accident.
    public var isSignLike: Bool {
        let program = CompiledProgram(self)
        var random = TaskRandom(seed: 99)
        let n = 16
        var w = (0..<n).map { _ in random.normal() * 1e-3 }, m = [Double](repeating: 0, count: n), v = m
        var magnitudes: [Double] = []
        for _ in 0..<5 {
            let g = (0..<n).map { _ in random.normal() * Foundation_pow10(random.normal()) }
            let out = program.step(w: w, g: g, m: m, v: v, lr: 1)
            magnitudes = out.update.map(abs)
            w = zip(w, out.update).map { $0 - 1e-3 * $1 }
            m = out.m
            v = out.v
        }
        guard let largest = magnitudes.max(), largest > 0, largest.isFinite else { return false }
        return magnitudes.allSatisfy { abs($0 - largest) <= 0.05 * largest }
    }
}

import Foundation
func Foundation_pow10(_ x: Double) -> Double { Foundation.pow(10, x) }
