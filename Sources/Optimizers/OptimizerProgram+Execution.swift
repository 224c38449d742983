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
            run(w: w, g: g, m: m, v: v, lr: lr)
            let n = size, o = program.outputs
            return (Array(values[(o[0] * n)..<(o[0] * n + n)]), Array(values[(o[1] * n)..<(o[1] * n + n)]), Array(values[(o[2] * n)..<(o[2] * n + n)]))
        }

        /// One training step in place: w -= update, and m and v replaced by the program's. False when a
        /// parameter became NaN or infinite or passed 1e6 (the run blew up).
        public mutating func train(w: inout [Double], g: [Double], m: inout [Double], v: inout [Double], lr: Double) -> Bool {
            run(w: w, g: g, m: m, v: v, lr: lr)
            let n = size, o = program.outputs
            var healthy = true
            values.withUnsafeBufferPointer { buffer in
                let update = buffer.baseAddress! + o[0] * n, newM = buffer.baseAddress! + o[1] * n, newV = buffer.baseAddress! + o[2] * n
                for i in 0..<n {
                    w[i] -= update[i]
                    if !(Swift.abs(w[i]) <= 1e6) { healthy = false }
                    m[i] = newM[i]
                    v[i] = newV[i]
                }
            }
            return healthy
        }

        /// Runs the instructions over the slots (inputs copied into slots 0-4).
        mutating func run(w: [Double], g: [Double], m: [Double], v: [Double], lr: Double) {
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
                // Each operand is a slot (stride 1) or a constant (stride 0, read from a three-element buffer).
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 3) { constants in
                    let c = constants.baseAddress!
                    for instruction in program.instructions {
                        let ops = instruction.operands
                        func operand(_ k: Int) -> (UnsafePointer<Double>, Int) {
                            if k < ops.count, case .slot(let slot) = ops[k] { return (UnsafePointer(base + slot * n), 1) }
                            c[k] = k < ops.count ? (ops[k].constant ?? 0) : 0
                            return (UnsafePointer(c + k), 0)
                        }
                        let (x, sx) = operand(0), (y, sy) = operand(1), (z, sz) = operand(2)
                        CompiledProgram.apply(instruction.function, count: n, into: base + instruction.target * n, x, sx, y, sy, z, sz)
                    }
                }
            }
        }
    }

    /// out[i] = f(x[i sx], y[i sy], z[i sz]): the function chosen once per instruction, not per element.
    @inline(__always)
    static func apply(_ f: OptimizerFunction, count n: Int, into out: UnsafeMutablePointer<Double>,
                      _ x: UnsafePointer<Double>, _ sx: Int, _ y: UnsafePointer<Double>, _ sy: Int, _ z: UnsafePointer<Double>, _ sz: Int) {
        switch f {
        case .add: for i in 0..<n { out[i] = x[i * sx] + y[i * sy] }
        case .subtract: for i in 0..<n { out[i] = x[i * sx] - y[i * sy] }
        case .multiply: for i in 0..<n { out[i] = x[i * sx] * y[i * sy] }
        case .interp: for i in 0..<n { out[i] = (1 - z[i * sz]) * x[i * sx] + z[i * sz] * y[i * sy] }
        default: for i in 0..<n { out[i] = f.apply(x[i * sx], y[i * sy], z[i * sz]) }
        }
    }
}

extension CompiledProgram.Operand {
    var constant: Double? {
        if case .constant(let c) = self { return c }
        return nil
    }
}
