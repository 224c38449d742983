#include "CNumbersShims.h"

void apery_mpz_recurrence_steps(mpz_ptr older0, mpz_ptr newer0, mpz_ptr older1, mpz_ptr newer1, mpz_ptr scratch,
                                const long *a, const long *b, long count) {
    mpz_ptr older[2] = {older0, older1}, newer[2] = {newer0, newer1};
    // Room for the final size up front: |b older + a newer| <= (|a| + |b|) max(|older|, |newer|), so each step
    // adds at most bits(|a| + |b|) bits; growing one limb at a time would reallocate every few steps.
    mp_bitcnt_t bits = 0;
    for (int r = 0; r < 2; r++) {
        mp_bitcnt_t size = mpz_sizeinbase(older[r], 2) > mpz_sizeinbase(newer[r], 2) ? mpz_sizeinbase(older[r], 2) : mpz_sizeinbase(newer[r], 2);
        if (size > bits) bits = size;
    }
    for (long i = 0; i < count; i++) {
        unsigned long sum = (a[i] < 0 ? -(unsigned long)a[i] : (unsigned long)a[i]) / 2 + (b[i] < 0 ? -(unsigned long)b[i] : (unsigned long)b[i]) / 2 + 1;
        bits += 65 - __builtin_clzl(sum);
    }
    mpz_ptr all[5] = {older0, newer0, older1, newer1, scratch};
    for (int k = 0; k < 5; k++) if ((mp_bitcnt_t)all[k]->_mp_alloc * GMP_NUMB_BITS < bits) mpz_realloc2(all[k], bits + GMP_NUMB_BITS);
    for (long i = 0; i < count; i++) {
        for (int r = 0; r < 2; r++) {
            mpz_mul_si(scratch, older[r], b[i]);
            if (a[i] >= 0) mpz_addmul_ui(scratch, newer[r], (unsigned long)a[i]);
            else mpz_submul_ui(scratch, newer[r], -(unsigned long)a[i]);
            // (older, newer, scratch) <- (newer, scratch, older): struct swaps, no copies.
            mpz_swap(older[r], newer[r]);
            mpz_swap(newer[r], scratch);
        }
    }
}
