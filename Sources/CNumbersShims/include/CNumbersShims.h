#ifndef APERY_CNUMBERSSHIMS_H
#define APERY_CNUMBERSSHIMS_H

// GMP and MPFR declare many operations as function-like macros, which Swift cannot import.
// These thin inline wrappers expose the few that Numbers needs; CNumbersShims.c holds the two loops
// that are faster in C.
#include <stdio.h>
#include <gmp.h>
#include <mpfr.h>

static inline int apery_mpz_sgn(mpz_srcptr x) { return mpz_sgn(x); }
static inline int apery_mpz_odd(mpz_srcptr x) { return mpz_odd_p(x); }
static inline int apery_mpz_fits_slong(mpz_srcptr x) { return mpz_fits_slong_p(x); }
static inline int apery_mpq_sgn(mpq_srcptr x) { return mpq_sgn(x); }
static inline mpz_ptr apery_mpq_num(mpq_ptr x) { return mpq_numref(x); }
static inline mpz_ptr apery_mpq_den(mpq_ptr x) { return mpq_denref(x); }
/// Advances two rows (older, newer) of a running product of matrices [[0, b_i], [h_i, a_i]] through `count` steps:
/// each row becomes (h_i newer, b_i older + a_i newer). a_i and h_i are words (h = NULL: every h_i is 1); b_i is
/// 128-bit two's complement, split into b_high[i] (signed) and b_low[i]. In C so that the loop over small steps
/// pays no reference counting; `scratch` is any initialised integer, clobbered.
void apery_mpz_recurrence_steps(mpz_ptr older0, mpz_ptr newer0, mpz_ptr older1, mpz_ptr newer1, mpz_ptr scratch,
                                const long *a, const unsigned long *b_low, const long *b_high,
                                const unsigned long *h, long count);

/// r = a b for 2x2 integer matrices, entry by entry (r must not share storage with a or b): the products of small
/// binary-splitting merges without a temporary integer per term.
void apery_mpz_matrix2_mul(mpz_ptr r00, mpz_ptr r01, mpz_ptr r10, mpz_ptr r11,
                           mpz_srcptr a00, mpz_srcptr a01, mpz_srcptr a10, mpz_srcptr a11,
                           mpz_srcptr b00, mpz_srcptr b01, mpz_srcptr b10, mpz_srcptr b11);

static inline int apery_mpfr_sgn(mpfr_srcptr x) { return mpfr_sgn(x); }
static inline int apery_mpfr_nan_p(mpfr_srcptr x) { return mpfr_nan_p(x); }
static inline int apery_mpfr_inf_p(mpfr_srcptr x) { return mpfr_inf_p(x); }
static inline int apery_mpfr_zero_p(mpfr_srcptr x) { return mpfr_zero_p(x); }
static inline mpfr_exp_t apery_mpfr_get_exp(mpfr_srcptr x) { return mpfr_get_exp(x); }
static inline mpfr_prec_t apery_mpfr_get_prec(mpfr_srcptr x) { return mpfr_get_prec(x); }

#endif
