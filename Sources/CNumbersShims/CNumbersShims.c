#include "CNumbersShims.h"

void apery_mpz_recurrence_steps(mpz_ptr older0, mpz_ptr newer0, mpz_ptr older1, mpz_ptr newer1, mpz_ptr scratch,
                                const long *a, const unsigned long *b_low, const long *b_high,
                                const unsigned long *h, long count) {
    mpz_ptr older[2] = {older0, older1}, newer[2] = {newer0, newer1};
    // Room for the final size up front: |b older + a newer| <= (|a| + |b|) max(|older|, |newer|) and
    // |h newer| <= h max(...), so each step adds at most bits(|a| + |b| + h) bits; growing one limb at a time would
    // reallocate every few steps.
    mp_bitcnt_t bits = 0;
    for (int r = 0; r < 2; r++) {
        mp_bitcnt_t size = mpz_sizeinbase(older[r], 2) > mpz_sizeinbase(newer[r], 2) ? mpz_sizeinbase(older[r], 2) : mpz_sizeinbase(newer[r], 2);
        if (size > bits) bits = size;
    }
    for (long i = 0; i < count; i++) {
        __int128 b = (__int128)(((unsigned __int128)(unsigned long)b_high[i] << 64) | b_low[i]);
        unsigned __int128 sum = (unsigned __int128)(a[i] < 0 ? -(unsigned long)a[i] : (unsigned long)a[i]) / 2
                                + (b < 0 ? -(unsigned __int128)b : (unsigned __int128)b) / 2
                                + (h ? h[i] / 2 : 0) + 1;
        unsigned long high = (unsigned long)(sum >> 64);
        bits += high ? 129 - __builtin_clzl(high) : 65 - __builtin_clzl((unsigned long)sum);
    }
    mpz_ptr all[5] = {older0, newer0, older1, newer1, scratch};
    for (int k = 0; k < 5; k++) if ((mp_bitcnt_t)all[k]->_mp_alloc * GMP_NUMB_BITS < bits) mpz_realloc2(all[k], bits + GMP_NUMB_BITS);

    for (long i = 0; i < count; i++) {
        __int128 b = (__int128)(((unsigned __int128)(unsigned long)b_high[i] << 64) | b_low[i]);
        unsigned __int128 magnitude = b < 0 ? -(unsigned __int128)b : (unsigned __int128)b;
        // A b of two limbs is read in place as a GMP integer (no allocation).
        mp_limb_t limbs[2] = {(mp_limb_t)magnitude, (mp_limb_t)(magnitude >> 64)};
        mpz_t wide;
        mpz_roinit_n(wide, limbs, 2);
        for (int r = 0; r < 2; r++) {
            if (limbs[1] == 0) mpz_mul_ui(scratch, older[r], limbs[0]);
            else mpz_mul(scratch, older[r], wide);
            if (b < 0) mpz_neg(scratch, scratch);
            if (a[i] >= 0) mpz_addmul_ui(scratch, newer[r], (unsigned long)a[i]);
            else mpz_submul_ui(scratch, newer[r], -(unsigned long)a[i]);
            // (older, newer, scratch) <- (h newer, scratch, newer), or (newer, scratch, older) when h = 1: struct
            // swaps, no copies.
            if (h) mpz_mul_ui(older[r], newer[r], h[i]);
            else mpz_swap(older[r], newer[r]);
            mpz_swap(newer[r], scratch);
        }
    }
}

void apery_mpz_matrix2_mul(mpz_ptr r00, mpz_ptr r01, mpz_ptr r10, mpz_ptr r11,
                           mpz_srcptr a00, mpz_srcptr a01, mpz_srcptr a10, mpz_srcptr a11,
                           mpz_srcptr b00, mpz_srcptr b01, mpz_srcptr b10, mpz_srcptr b11) {
    mpz_mul(r00, a00, b00); mpz_addmul(r00, a01, b10);
    mpz_mul(r01, a00, b01); mpz_addmul(r01, a01, b11);
    mpz_mul(r10, a10, b00); mpz_addmul(r10, a11, b10);
    mpz_mul(r11, a10, b01); mpz_addmul(r11, a11, b11);
}
