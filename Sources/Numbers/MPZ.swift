import CNumbersShims

/// Owns one GMP integer (`mpz_t`) on the heap.
///
/// `BigInt` wraps it with value semantics; hot loops use it directly through its in-place
/// operations, which cost what the same GMP calls cost from C.
public final class MPZ {
    public let pointer: UnsafeMutablePointer<__mpz_struct>

    public init() {
        pointer = .allocate(capacity: 1)
        __gmpz_init(pointer)
    }

    public init(_ value: Int) {
        pointer = .allocate(capacity: 1)
        __gmpz_init_set_si(pointer, value)
    }

    public init(copying other: MPZ) {
        pointer = .allocate(capacity: 1)
        __gmpz_init_set(pointer, other.pointer)
    }

    deinit {
        __gmpz_clear(pointer)
        pointer.deallocate()
    }
}
