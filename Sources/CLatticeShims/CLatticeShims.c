#include "CLatticeShims.h"
#include <flint/fmpz.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_lll.h>

int apery_lll_reduce(mpz_ptr *entries, long rows, long cols, double delta, double eta, int certified) {
    fmpz_mat_t basis;
    fmpz_mat_init(basis, rows, cols);
    for (long i = 0; i < rows; i++)
        for (long j = 0; j < cols; j++)
            fmpz_set_mpz(fmpz_mat_entry(basis, i, j), entries[i * cols + j]);

    fmpz_lll_t context;
    // APPROX: a floating-point Gram matrix, as PARI and python-flint use; fmpz_lll still returns a reduced basis.
    fmpz_lll_context_init(context, delta, eta, Z_BASIS, APPROX);
    // Uncertified: FLINT's double-precision pass alone, without the check that the basis came out reduced (a fifth
    // of fmpz_lll's time on small lattices) or the slower passes that the check would call for.
    int completed = 1;
    if (certified) fmpz_lll(basis, NULL, context);
    else completed = fmpz_lll_d(basis, NULL, context) != -1;

    for (long i = 0; i < rows; i++)
        for (long j = 0; j < cols; j++)
            fmpz_get_mpz(entries[i * cols + j], fmpz_mat_entry(basis, i, j));
    fmpz_mat_clear(basis);
    return completed;
}
