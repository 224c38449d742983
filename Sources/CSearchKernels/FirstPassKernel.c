#include "CSearchKernels.h"
#include <math.h>

typedef double quad __attribute__((vector_size(32)));  // four doubles: one AVX register, two SSE2 registers

// Three quads of candidates advance together: their recurrences are independent, so the processor overlaps
// their multiply-add latencies, and 12 lanes' state (p, q: 48 doubles) still fits in the 16 vector registers.
enum { GROUPS = 3, LANES = 4 * GROUPS };

#if defined(__linux__) && defined(__x86_64__) && defined(__clang__)
#define APERY_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define APERY_CLONES
#endif

#define MAGNITUDE(x) __builtin_elementwise_abs(x)
#define MAXIMUM(x, y) __builtin_elementwise_max(x, y)

APERY_CLONES
void apery_first_pass_run(const double *a_table, const double *b_rest, const double *powers, int depth, int rescale,
                          double tolerance, double top_start, int count, double *values) {
    // A fraction terminates when b(n) = t n^k + rest(n) vanishes for some n <= depth: t = -rest(n) / n^k, an
    // integer in the run. Found here once per run rather than tested in every lane at every step; values[i]
    // holds the mark until lane i's value replaces it.
    for (int i = 0; i < count; i++) values[i] = 0;
    for (int n = 1; n <= depth; n++) {
        double t = -b_rest[n] / powers[n];
        if (t == floor(t) && t * powers[n] + b_rest[n] == 0 && t >= top_start && t < top_start + count)
            values[(int)(t - top_start)] = 1;
    }
    const quad offsets = {0, 1, 2, 3}, one = {1, 1, 1, 1};
    for (int start = 0; start < count; start += LANES) {
        quad top[GROUPS], p0[GROUPS], p1[GROUPS], q0[GROUPS], q1[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            top[g] = offsets + (top_start + start + 4 * g);
            p0[g] = one; q0[g] = one - one; q1[g] = one; p1[g] = one * a_table[0];
        }
        int until_rescale = rescale;
        for (int n = 1; n <= depth; n++) {
            double an = a_table[n], power = powers[n], rest = b_rest[n];
            for (int g = 0; g < GROUPS; g++) {
                quad bn = top[g] * power + rest;
                quad p2 = an * p1[g] + bn * p0[g], q2 = an * q1[g] + bn * q0[g];
                p0[g] = p1[g]; q0[g] = q1[g]; p1[g] = p2; q1[g] = q2;
            }
            if (--until_rescale == 0) {
                until_rescale = rescale;
                // One factor per lane for both convergents: their ratios do not change.
                for (int g = 0; g < GROUPS; g++) {
                    quad scale = one / MAXIMUM(MAXIMUM(MAGNITUDE(p1[g]), MAGNITUDE(q1[g])), MAXIMUM(MAGNITUDE(p0[g]), MAGNITUDE(q0[g])));
                    p0[g] *= scale; q0[g] *= scale; p1[g] *= scale; q1[g] *= scale;
                }
            }
        }
        for (int g = 0; g < GROUPS; g++) {
            quad value = p1[g] / q1[g], previous = p0[g] / q0[g];
            quad gap = MAGNITUDE(value - previous), bound = MAXIMUM(MAGNITUDE(value), one) * tolerance;
            for (int lane = 0; lane < 4; lane++) {
                int i = start + 4 * g + lane;
                if (i >= count) break;
                double v = value[lane];
                values[i] = (gap[lane] <= bound[lane] && isfinite(v) && values[i] == 0) ? v : NAN;
            }
        }
    }
}
