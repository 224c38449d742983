import Foundation

extension SeededGenerator {
    /// A standard normal draw by Marsaglia and Tsang's ziggurat (2000): one generator word and two table look-ups
    /// for 97.2% of draws (all of layer 1's take the wedge test, as in the original), where `normal()` takes a
    /// logarithm and a cosine. It draws a different stream from `normal()` (whose stream the proxy tasks and the
    /// recorded searches depend on), with 32 bits of resolution: for mutation noise drawn by the million. The layer
    /// comes from bits the value does not use, so the two are independent (the original took both from the same 32
    /// bits).
    public mutating func zigguratNormal() -> Double { zigguratNormal(Ziggurat.shared) }

    /// Adds `scale` times a ziggurat draw to each of `values` (the tables looked up once, not once per draw).
    public mutating func addZigguratNoise(_ scale: Double, to values: inout [Double]) {
        values.withUnsafeMutableBufferPointer { addZigguratNoise(scale, to: $0) }
    }

    public mutating func addZigguratNoise(_ scale: Double, to values: UnsafeMutableBufferPointer<Double>) {
        forEachZigguratDraw(values.count) { i, x in values[i] += scale * x }
    }

    /// Writes `scale` times a ziggurat draw to each of `values`: the same draws as `addZigguratNoise`.
    public mutating func zigguratNoise(_ scale: Double, into values: UnsafeMutableBufferPointer<Double>) {
        forEachZigguratDraw(values.count) { i, x in values[i] = scale * x }
    }

    /// `count` draws, the same as `zigguratNormal()` makes, handed to `use` in order. The fast path (97.2% of draws)
    /// keeps the generator's words in registers and reads the tables through pointers; a rejected word goes to
    /// `zigguratNormal(rejecting:)`, out of line, which goes on as the loop of `zigguratNormal` would. Half the time
    /// of the arm's 100-joint mutations went to spilled registers and bounds checks.
    @inline(__always)
    mutating func forEachZigguratDraw(_ count: Int, _ use: (Int, Double) -> Void) {
        let table = Ziggurat.shared
        table.bound.withUnsafeBufferPointer { bound in
            table.width.withUnsafeBufferPointer { width in
                var a = s0, b = s1
                for i in 0..<count {
                    let word = SeededGenerator.step(&a, &b)
                    let (layer, signed) = Ziggurat.point(word)
                    if signed.magnitude < bound[layer] {
                        use(i, Double(signed) * width[layer])
                    } else {
                        s0 = a
                        s1 = b
                        use(i, zigguratNormal(rejecting: word, table))
                        a = s0
                        b = s1
                    }
                }
                s0 = a
                s1 = b
            }
        }
    }

    /// The rest of a draw whose first word fell outside its layer's rectangle.
    @inline(never)
    mutating func zigguratNormal(rejecting word: UInt64, _ table: Ziggurat) -> Double {
        if let x = zigguratSlowPath(word, table) { return x }
        return zigguratNormal(table)
    }

    @inline(__always)
    mutating func zigguratNormal(_ table: Ziggurat) -> Double {
        while true {
            let word = next()
            let (layer, signed) = Ziggurat.point(word)
            if signed.magnitude < table.bound[layer] { return Double(signed) * table.width[layer] }
            if let x = zigguratSlowPath(word, table) { return x }
        }
    }

    /// A word outside its layer's rectangle: the tail beyond r for layer 0, else the wedge test; nil when the
    /// wedge rejects it (a new word is then drawn).
    @inline(__always)
    mutating func zigguratSlowPath(_ word: UInt64, _ table: Ziggurat) -> Double? {
        let (layer, signed) = Ziggurat.point(word)
        let x = Double(signed) * table.width[layer]
        if layer == 0 {
            // The tail beyond r, by Marsaglia's exponential method.
            var tailX = 0.0, tailY = 0.0
            repeat {
                tailX = -log(1 - unit()) / Ziggurat.r
                tailY = -log(1 - unit())
            } while tailY + tailY < tailX * tailX
            return signed > 0 ? Ziggurat.r + tailX : -Ziggurat.r - tailX
        }
        // The wedge between the layer's rectangle and the density.
        if table.height[layer] + unit() * (table.height[layer - 1] - table.height[layer]) < exp(-0.5 * x * x) { return x }
        return nil
    }
}

/// The 128 layers of equal area under the normal density: layer i spans |x| < x_i; a 32-bit signed draw times
/// width[i] is a point in it, inside the density's rectangle when its magnitude is below bound[i]; height[i] is the
/// density at x_i.
struct Ziggurat: Sendable {
    /// The rightmost layer's edge and the layers' common area (Marsaglia and Tsang's constants for 128 layers).
    static let r = 3.442619855899
    static let area = 9.91256303526217e-3

    let bound: [UInt32], width: [Double], height: [Double]
    static let shared = Ziggurat()

    /// A generator word as a draw's layer (its low 7 bits) and signed 32-bit position in the layer (its high half).
    @inline(__always)
    static func point(_ word: UInt64) -> (layer: Int, signed: Int32) {
        (Int(word & 127), Int32(truncatingIfNeeded: word >> 32))
    }

    init() {
        let scale = 2147483648.0   // 2^31
        var bound = [UInt32](repeating: 0, count: 128), width = [Double](repeating: 0, count: 128), height = width
        var edge = Self.r, previous = Self.r
        let q = Self.area / exp(-0.5 * edge * edge)
        bound[0] = UInt32(edge / q * scale)
        width[0] = q / scale
        width[127] = edge / scale
        height[0] = 1
        height[127] = exp(-0.5 * edge * edge)
        for i in stride(from: 126, through: 1, by: -1) {
            edge = (-2 * log(Self.area / edge + exp(-0.5 * edge * edge))).squareRoot()
            bound[i + 1] = UInt32(edge / previous * scale)
            previous = edge
            height[i] = exp(-0.5 * edge * edge)
            width[i] = edge / scale
        }
        self.bound = bound
        self.width = width
        self.height = height
    }
}
