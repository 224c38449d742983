import CSearchKernels

extension SeededGenerator {
    /// Writes `scale` times a standard normal draw to each of `values`: mutation noise drawn by the million. One
    /// word of this generator keys the block; its draws come from the key's own SplitMix64 stream through Marsaglia
    /// and Tsang's ziggurat (`apery_ziggurat_noise`), so that the words need no chain from one to the next and long
    /// blocks go eight at a time. Deterministic for a generator state and a length, on any processor. (Drawn one at a
    /// time from this generator, they were 40% of a 100-joint arm's search.)
    public mutating func zigguratNoise(_ scale: Double, into values: UnsafeMutableBufferPointer<Double>) {
        zigguratNoise(scale, values, adding: false)
    }

    /// Adds `scale` times a standard normal draw to each of `values`: the draws `zigguratNoise` would write.
    public mutating func addZigguratNoise(_ scale: Double, to values: UnsafeMutableBufferPointer<Double>) {
        zigguratNoise(scale, values, adding: true)
    }

    /// The block draws; `portable` asks for the scalar kernel, which the tests compare with the vector one.
    mutating func zigguratNoise(_ scale: Double, _ values: UnsafeMutableBufferPointer<Double>, adding: Bool, portable: Bool = false) {
        guard !values.isEmpty else { return }
        apery_ziggurat_noise(next(), values.count, scale, values.baseAddress, adding ? 1 : 0, portable ? 1 : 0)
    }
}
