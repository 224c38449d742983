/// The nullspace of an integer matrix modulo a prime, by Gaussian elimination: the exact linear algebra
/// behind P-recursive guessing, done in machine words.
struct ModularNullspace {
    /// A basis of {v : M v = 0 (mod p)}, one vector per free column.
    static func basis(_ rows: [[UInt64]], columns: Int, field: ModularArithmetic) -> [[UInt64]] {
        var matrix = rows
        var pivotColumns: [Int] = []
        var rank = 0
        for column in 0..<columns where rank < matrix.count {
            guard let pivot = (rank..<matrix.count).first(where: { matrix[$0][column] != 0 }) else { continue }
            matrix.swapAt(rank, pivot)
            let inverse = field.inverse(matrix[rank][column])
            for c in column..<columns { matrix[rank][c] = field.multiply(matrix[rank][c], inverse) }
            for r in 0..<matrix.count where r != rank && matrix[r][column] != 0 {
                let factor = matrix[r][column]
                for c in column..<columns where matrix[rank][c] != 0 {
                    matrix[r][c] = field.subtract(matrix[r][c], field.multiply(factor, matrix[rank][c]))
                }
            }
            pivotColumns.append(column)
            rank += 1
        }
        let free = (0..<columns).filter { !pivotColumns.contains($0) }
        return free.map { f in
            var v = [UInt64](repeating: 0, count: columns)
            v[f] = 1
            for (r, column) in pivotColumns.enumerated() { v[column] = field.negate(matrix[r][f]) }
            return v
        }
    }
}
