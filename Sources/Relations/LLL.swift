import CLatticeShims
import CNumbersShims
import Numbers

/// LLL reduction of an integer lattice basis (the rows), by FLINT's exact-arithmetic `fmpz_lll`.
public func lllReduce(_ rows: [[BigInt]], delta: Double = 0.99, eta: Double = 0.51) -> [[BigInt]] {
    guard let width = rows.first?.count, width > 0 else { return rows }
    let cells = rows.flatMap { row in row.map { MPZ(copying: $0.storage) } }
    var pointers: [UnsafeMutablePointer<__mpz_struct>?] = cells.map(\.pointer)
    apery_lll_reduce(&pointers, rows.count, width, delta, eta)
    return (0..<rows.count).map { i in (0..<width).map { j in BigInt(storage: cells[i * width + j]) } }
}
