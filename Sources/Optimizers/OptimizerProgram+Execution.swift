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

    /// Buffers reused across steps (the hot loop of proxy training): one flat array of slots × elements.
    public struct Scratch {
        let program: CompiledProgram
        let size: Int
        var values: [Double]

        public init(program: CompiledProgram, size: Int) {
            self.program = program
            self.size = size
            values = Array(repeating: 0, count: program.slots * size)
        }

        public mutating func step(w: [Double], g: [Double], m: [Double], v: [Double], lr: Double) -> (update: [Double], m: [Double], v: [Double]) {
            let n = size
            let program = self.program
            values.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                for i in 0..<n {
                    base[i] = w[i]
                    base[n + i] = g[i]
                    base[2 * n + i] = m[i]
                    base[3 * n + i] = v[i]
                    base[4 * n + i] = lr
                }
                for instruction in program.instructions {
                    let out = base + instruction.target * n
                    let ops = instruction.operands
                    // Each operand is a slot (stride 1) or a constant (stride 0, read from a one-element buffer).
                    var constants: (Double, Double, Double) = (0, 0, 0)
                    var pointers: [UnsafePointer<Double>] = []
                    var strides: [Int] = []
                    withUnsafeMutableBytes(of: &constants) { raw in
                        let c = raw.bindMemory(to: Double.self).baseAddress!
                        for k in 0..<3 {
                            if k < ops.count, case .slot(let slot) = ops[k] {
                                pointers.append(UnsafePointer(base + slot * n))
                                strides.append(1)
                            } else {
                                if k < ops.count, case .constant(let value) = ops[k] { c[k] = value }
                                pointers.append(UnsafePointer(c + k))
                                strides.append(0)
                            }
                        }
                        let (x, y, z) = (pointers[0], pointers[1], pointers[2])
                        let (sx, sy, sz) = (strides[0], strides[1], strides[2])
                        let function = instruction.function
                        for i in 0..<n { out[i] = function.apply(x[i * sx], y[i * sy], z[i * sz]) }
                    }
                }
            }
            let o = program.outputs
            return (Array(values[(o[0] * n)..<(o[0] * n + n)]), Array(values[(o[1] * n)..<(o[1] * n + n)]), Array(values[(o[2] * n)..<(o[2] * n + n)]))
        }
    }
}
