import CNumbersShims

/// Owns one MPFR float (`mpfr_t`) on the heap; `BigFloat` wraps it with value semantics.
public final class MPFR {
    public let pointer: UnsafeMutablePointer<__mpfr_struct>

    public init(precision: Int) {
        pointer = .allocate(capacity: 1)
        mpfr_init2(pointer, mpfr_prec_t(max(precision, 2)))
    }

    public init(copying other: MPFR) {
        pointer = .allocate(capacity: 1)
        mpfr_init2(pointer, apery_mpfr_get_prec(other.pointer))
        mpfr_set(pointer, other.pointer, MPFR_RNDN)
    }

    deinit {
        mpfr_clear(pointer)
        pointer.deallocate()
    }
}
