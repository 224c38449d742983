/// A program compiled for repeated execution: variables become slots, so a step is a loop over statements
/// and elements with no look-ups.
public struct CompiledProgram: Sendable {
    enum Operand: Sendable {
        case slot(Int)
        case constant(Double)
    }

    struct Instruction: Sendable {
        let function: OptimizerFunction
        let operands: [Operand]
        let target: Int
    }

    let instructions: [Instruction]
    let slots: Int
    let outputs: [Int]

    /// Slots 0-4 hold w, g, m, v, lr.
    public init(_ program: OptimizerProgram) {
        var slotOf: [String: Int] = [:]
        for (i, name) in OptimizerProgram.inputs.enumerated() { slotOf[name] = i }
        var count = OptimizerProgram.inputs.count
        var instructions: [Instruction] = []
        for s in program.statements {
            let operands = s.arguments.map { argument -> Operand in
                switch argument {
                case .variable(let name): return .slot(slotOf[name]!)
                case .constant(let c): return .constant(c)
                }
            }
            // Each assignment gets a fresh slot, so a statement may read the old value of its own target.
            slotOf[s.target] = count
            instructions.append(Instruction(function: s.function, operands: operands, target: count))
            count += 1
        }
        self.instructions = instructions
        slots = count
        outputs = program.outputs.map { slotOf[$0]! }
    }

    /// One step: the update and the new m and v, for parameters w, gradient g, state m, v and learning rate lr.
    public func step(w: [Double], g: [Double], m: [Double], v: [Double], lr: Double) -> (update: [Double], m: [Double], v: [Double]) {
        var scratch = Scratch(program: self, size: w.count)
        return scratch.step(w: w, g: g, m: m, v: v, lr: lr)
    }

    /// Buffers reused across steps (the hot loop of proxy training).
    public struct Scratch {
        let program: CompiledProgram
        var values: [[Double]]

        public init(program: CompiledProgram, size: Int) {
            self.program = program
            values = Array(repeating: Array(repeating: 0, count: size), count: program.slots)
        }

        public mutating func step(w: [Double], g: [Double], m: [Double], v: [Double], lr: Double) -> (update: [Double], m: [Double], v: [Double]) {
            let n = w.count
            values[0] = w
            values[1] = g
            values[2] = m
            values[3] = v
            for i in 0..<n { values[4][i] = lr }
            for instruction in program.instructions {
                var out = values[instruction.target]
                let ops = instruction.operands
                func read(_ k: Int, _ i: Int) -> Double {
                    guard k < ops.count else { return 0 }
                    switch ops[k] {
                    case .slot(let s): return values[s][i]
                    case .constant(let c): return c
                    }
                }
                for i in 0..<n { out[i] = instruction.function.apply(read(0, i), read(1, i), read(2, i)) }
                values[instruction.target] = out
            }
            return (values[program.outputs[0]], values[program.outputs[1]], values[program.outputs[2]])
        }
    }
}
