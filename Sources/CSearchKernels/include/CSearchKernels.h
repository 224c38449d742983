#ifndef APERY_CSEARCHKERNELS_H
#define APERY_CSEARCHKERNELS_H

/// The PCF first pass for one run of candidates: a(n) = a_table[n] and b(n) = b_rest[n] + t * powers[n] for
/// the `count` consecutive top coefficients t = top_start, top_start + 1, ... Writes p_N/q_N to values[i],
/// or NaN when the last two convergents differ by more than tolerance * max(|value|, 1), are not finite, or the
/// fraction terminates (b(n) = 0 for some n in 1...depth: its value is rational). Convergents are rescaled every
/// `rescale` steps.
///
/// Written in C so that it can be compiled twice and chosen when the program loads (target_clones):
/// AVX2 and FMA where the processor has them, SSE2 otherwise. Swift has no such per-function dispatch.
void apery_first_pass_run(const double *a_table, const double *b_rest, const double *powers, int depth, int rescale,
                          double tolerance, double top_start, int count, double *values);

#endif
