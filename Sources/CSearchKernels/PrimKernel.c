#include "CSearchKernels.h"
#include <math.h>
#include <string.h>

// Sums of squares are rounded term by term, as the Swift distance does: no fused multiply-adds.
#pragma clang fp contract(off)

typedef double quad __attribute__((vector_size(32)));
typedef long long longs __attribute__((vector_size(32)));

#if defined(__linux__) && defined(__x86_64__) && defined(__clang__)
#define APERY_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define APERY_CLONES
#endif

// Macros, not functions: a vector argument of a function compiled without AVX would change the calling convention.
#define LOAD(type, x) ({ type v_; memcpy(&v_, (x), sizeof v_); v_; })
#define PICK(mask, yes, no) ((__typeof__(no))(((longs)(yes) & (mask)) | ((longs)(no) & ~(mask))))

/// Whether (weight, index) comes before (lowest, lowest_index): the lighter edge, and of equal ones the lower point.
static inline int precedes(double weight, long long index, double lowest, long long lowest_index) {
    return weight < lowest || (weight == lowest && index < lowest_index);
}

APERY_CLONES
long apery_prim_step(long remaining, long dimension, long stride, const double *columns, const double *point,
                     double current_core, const double *core, double *best, long long *from, long long current,
                     const long long *index) {
    const quad current_cores = {current_core, current_core, current_core, current_core};
    const longs currents = {current, current, current, current};
    quad lowest = {INFINITY, INFINITY, INFINITY, INFINITY};
    longs lowest_index = {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX}, lowest_position = {-1, -1, -1, -1};
    longs positions = {0, 1, 2, 3};
    const longs four = {4, 4, 4, 4};
    long p = 0;
    for (; p + 4 <= remaining; p += 4, positions += four) {
        quad squares = {0, 0, 0, 0};
        for (long d = 0; d < dimension; d++) {
            quad t = point[d] - LOAD(quad, columns + d * stride + p);
            squares += t * t;
        }
        quad weight = __builtin_elementwise_max(__builtin_elementwise_max(current_cores, LOAD(quad, core + p)), __builtin_elementwise_sqrt(squares));
        quad held = LOAD(quad, best + p);
        longs lighter = weight < held;
        held = PICK(lighter, weight, held);
        longs source = PICK(lighter, currents, LOAD(longs, from + p));
        memcpy(best + p, &held, sizeof held);
        memcpy(from + p, &source, sizeof source);
        // Lane by lane, the position of the lightest edge so far (of equal ones, the lowest point index).
        longs indices = LOAD(longs, index + p);
        longs first = (held < lowest) | ((held == lowest) & (indices < lowest_index));
        lowest = PICK(first, held, lowest);
        lowest_index = PICK(first, indices, lowest_index);
        lowest_position = PICK(first, positions, lowest_position);
    }
    double low = INFINITY;
    long long low_index = INT64_MAX;
    long next = -1;
    for (int lane = 0; lane < 4; lane++) {
        if (lowest_position[lane] >= 0 && precedes(lowest[lane], lowest_index[lane], low, low_index)) {
            low = lowest[lane]; low_index = lowest_index[lane]; next = (long)lowest_position[lane];
        }
    }
    for (; p < remaining; p++) {
        double squares = 0;
        for (long d = 0; d < dimension; d++) {
            double t = point[d] - columns[d * stride + p];
            squares += t * t;
        }
        double weight = fmax(fmax(current_core, core[p]), sqrt(squares));
        if (weight < best[p]) { best[p] = weight; from[p] = current; }
        if (precedes(best[p], index[p], low, low_index)) { low = best[p]; low_index = index[p]; next = p; }
    }
    return next;
}
