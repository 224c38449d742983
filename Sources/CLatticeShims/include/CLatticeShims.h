#ifndef APERY_CLATTICESHIMS_H
#define APERY_CLATTICESHIMS_H

#include <gmp.h>

/// LLL-reduces the rows of a `rows` x `cols` integer matrix in place (row-major `entries`),
/// with FLINT's `fmpz_lll` (Lovasz parameter `delta`, size-reduction parameter `eta`), or, when not `certified`,
/// with its double-precision pass alone (`fmpz_lll_d`), whose basis is not checked to be reduced.
/// Returns 0 when the uncertified pass gave up. FLINT's fmpz type and matrix accessors are macros, so the
/// conversion lives on the C side.
int apery_lll_reduce(mpz_ptr *entries, long rows, long cols, double delta, double eta, int certified);

#endif
