import CNumbersShims
import Numbers

/// A 2x2 integer matrix [[m00, m01], [m10, m11]]: the products of PCF step matrices.
public struct Matrix2: Equatable, Sendable {
    public var m00: BigInt, m01: BigInt, m10: BigInt, m11: BigInt

    public init(_ m00: BigInt, _ m01: BigInt, _ m10: BigInt, _ m11: BigInt) {
        self.m00 = m00; self.m01 = m01; self.m10 = m10; self.m11 = m11
    }

    public static let identity = Matrix2(1, 0, 0, 1)

    public static func * (l: Matrix2, r: Matrix2) -> Matrix2 {
        Matrix2(l.m00 * r.m00 + l.m01 * r.m10, l.m00 * r.m01 + l.m01 * r.m11,
                l.m10 * r.m00 + l.m11 * r.m10, l.m10 * r.m01 + l.m11 * r.m11)
    }

    public var determinant: BigInt { m00 * m11 - m01 * m10 }
}
