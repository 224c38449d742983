import CNumbersShims
import Dispatch
import Numbers

/// A 2x2 integer matrix [[m00, m01], [m10, m11]]: the products of PCF step matrices.
public struct Matrix2: Equatable, Sendable {
    public var m00: BigInt, m01: BigInt, m10: BigInt, m11: BigInt

    public init(_ m00: BigInt, _ m01: BigInt, _ m10: BigInt, _ m11: BigInt) {
        self.m00 = m00; self.m01 = m01; self.m10 = m10; self.m11 = m11
    }

    public static let identity = Matrix2(1, 0, 0, 1)

    public static func * (l: Matrix2, r: Matrix2) -> Matrix2 {
        // Large products compute their two rows on two cores: the top merges of a binary splitting
        // are its most expensive single steps.
        if l.m11.bitWidth + r.m11.bitWidth > 1 << 17 {
            var rows = [(BigInt.zero, BigInt.zero), (BigInt.zero, BigInt.zero)]
            rows.withUnsafeMutableBufferPointer { rows in
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    let (x, y) = i == 0 ? (l.m00, l.m01) : (l.m10, l.m11)
                    rows[i] = (x * r.m00 + y * r.m10, x * r.m01 + y * r.m11)
                }
            }
            return Matrix2(rows[0].0, rows[0].1, rows[1].0, rows[1].1)
        }
        if l.m11.bitWidth + r.m11.bitWidth < 1 << 14 {
            // Eight products straight into the four results, in C: below this size Strassen's saved product does
            // not pay for its fifteen extra integers.
            let result = Matrix2(BigInt(), BigInt(), BigInt(), BigInt())
            apery_mpz_matrix2_mul(result.m00.pointer, result.m01.pointer, result.m10.pointer, result.m11.pointer,
                                  l.m00.pointer, l.m01.pointer, l.m10.pointer, l.m11.pointer,
                                  r.m00.pointer, r.m01.pointer, r.m10.pointer, r.m11.pointer)
            return result
        }
        // Winograd's form of Strassen: 7 multiplications instead of 8, for mid-sized entries.
        let s1 = l.m10 + l.m11, s2 = s1 - l.m00, s3 = l.m00 - l.m10, s4 = l.m01 - s2
        let t1 = r.m01 - r.m00, t2 = r.m11 - t1, t3 = r.m11 - r.m01, t4 = t2 - r.m10
        let m1 = l.m00 * r.m00, m2 = l.m01 * r.m10, m3 = s4 * r.m11, m4 = l.m11 * t4
        let m5 = s1 * t1, m6 = s2 * t2, m7 = s3 * t3
        let u2 = m1 + m6, u3 = u2 + m7, u4 = u2 + m5
        return Matrix2(m1 + m2, u4 + m3, u3 - m4, u3 + m5)
    }

    public var determinant: BigInt { m00 * m11 - m01 * m10 }
}
