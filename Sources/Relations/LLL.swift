import CLatticeShims
import CNumbersShims
import Numbers

/// LLL reduction of an integer lattice basis (the rows), by FLINT's exact-arithmetic `fmpz_lll`.
public func lllReduce(_ rows: [[BigInt]], delta: Double = 0.99, eta: Double = 0.51) -> [[BigInt]] {
    guard let width = rows.first?.count, width > 0 else { return rows }
    let cells = rows.flatMap { row in row.map { MPZ(copying: $0.storage) } }
    _ = lllReduce(cells, rows: rows.count, columns: width, delta: delta, eta: eta, certified: true)
    return (0..<rows.count).map { i in (0..<width).map { j in BigInt(storage: cells[i * width + j]) } }
}

/// LLL reduction in place of the basis whose rows are the row-major `cells`. Uncertified, by FLINT's
/// double-precision pass alone: faster, but the basis is not checked to come out reduced, so only for searches that
/// fall back on a certified reduction when it finds nothing; false when that pass gave up.
func lllReduce(_ cells: [MPZ], rows: Int, columns: Int, delta: Double = 0.99, eta: Double = 0.51, certified: Bool) -> Bool {
    var pointers: [UnsafeMutablePointer<__mpz_struct>?] = cells.map(\.pointer)
    return apery_lll_reduce(&pointers, rows, columns, delta, eta, certified ? 1 : 0) != 0
}
