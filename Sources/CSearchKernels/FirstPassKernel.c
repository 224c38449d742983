#include "CSearchKernels.h"
#include <math.h>

typedef double lanes __attribute__((vector_size(64)));  // eight doubles: two AVX2 or four SSE2 registers

#if defined(__linux__) && defined(__x86_64__) && defined(__clang__)
#define APERY_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define APERY_CLONES
#endif

static inline lanes magnitude(lanes x) { return __builtin_elementwise_abs(x); }
static inline lanes maximum(lanes x, lanes y) { return __builtin_elementwise_max(x, y); }

APERY_CLONES
void apery_first_pass_run(const double *a_table, const double *b_rest, const double *powers, int depth, int rescale,
                          double tolerance, double top_start, int count, double *values) {
    const lanes offsets = {0, 1, 2, 3, 4, 5, 6, 7};
    for (int start = 0; start < count; start += 8) {
        lanes top = offsets + (top_start + start);
        lanes p0 = {1, 1, 1, 1, 1, 1, 1, 1}, q0 = {0}, q1 = {1, 1, 1, 1, 1, 1, 1, 1};
        lanes p1 = q1 * a_table[0];
        lanes ended = {0};  // lanes where b(n) = 0 for some n: the fraction terminates (a rational value)
        int until_rescale = rescale;
        for (int n = 1; n <= depth; n++) {
            lanes an = q1 * 0 + a_table[n];
            lanes bn = top * powers[n] + b_rest[n];
            ended += (lanes)(bn == 0) * -1.0;
            lanes p2 = an * p1 + bn * p0, q2 = an * q1 + bn * q0;
            p0 = p1; q0 = q1; p1 = p2; q1 = q2;
            if (--until_rescale == 0) {
                until_rescale = rescale;
                // One factor per lane for both convergents: their ratios do not change.
                lanes scale = 1 / maximum(maximum(magnitude(p1), magnitude(q1)), maximum(magnitude(p0), magnitude(q0)));
                p0 *= scale; q0 *= scale; p1 *= scale; q1 *= scale;
            }
        }
        lanes value = p1 / q1, previous = p0 / q0;
        lanes gap = magnitude(value - previous), bound = maximum(magnitude(value), q1 * 0 + 1) * tolerance;
        for (int lane = 0; lane < 8 && start + lane < count; lane++) {
            double v = value[lane];
            values[start + lane] = (gap[lane] <= bound[lane] && isfinite(v) && ended[lane] == 0) ? v : NAN;
        }
    }
}
