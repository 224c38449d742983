#define _GNU_SOURCE
#include <math.h>
#include <immintrin.h>
#include "CSearchKernels.h"

// glibc's vector sine and cosine (libmvec), 4 lanes with AVX2, within 4 ulp of sin and cos. (The 8-lane AVX-512
// versions were a fifth slower on the 10-joint arm, and level on 100 joints, on an AVX-512 Xeon.)
__attribute__((target("avx2"))) __m256d _ZGVdN4v_cos(__m256d x);
__attribute__((target("avx2"))) __m256d _ZGVdN4v_sin(__m256d x);

// The variance of the angles, two passes with four running sums in registers (a single sum's chain of additions
// was slower than the sines); the same in every kernel, so that only the end effector depends on the processor.
static double variance(const double *angles, long count) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long i = 0;
    for (; i + 4 <= count; i += 4) { s0 += angles[i]; s1 += angles[i + 1]; s2 += angles[i + 2]; s3 += angles[i + 3]; }
    for (; i < count; i++) s0 += angles[i];
    double mean = ((s0 + s1) + (s2 + s3)) / (double)count;
    double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
    for (i = 0; i + 4 <= count; i += 4) {
        double d0 = angles[i] - mean, d1 = angles[i + 1] - mean, d2 = angles[i + 2] - mean, d3 = angles[i + 3] - mean;
        q0 += d0 * d0; q1 += d1 * d1; q2 += d2 * d2; q3 += d3 * d3;
    }
    for (; i < count; i++) { double d = angles[i] - mean; q0 += d * d; }
    return ((q0 + q1) + (q2 + q3)) / (double)count;
}

static void arm_scalar(const double *angles, long count, double *x, double *y) {
    double angle = 0, px = 0, py = 0;
    for (long i = 0; i < count; i++) {
        double s, c;
        angle += angles[i];
        sincos(angle, &s, &c);
        px += c;
        py += s;
    }
    *x = px;
    *y = py;
}

__attribute__((target("avx2")))
static void arm_avx2(const double *angles, long count, double *x, double *y) {
    double running[4], angle = 0;
    __m256d px = _mm256_setzero_pd(), py = _mm256_setzero_pd();
    for (long i = 0; i < count; i += 4) {
        long n = count - i < 4 ? count - i : 4;
        for (long j = 0; j < 4; j++) {
            if (j < n) angle += angles[i + j];
            running[j] = angle;
        }
        // Lanes past the end repeat the last angle; the mask drops them from the sums.
        __m256d keep = _mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_setr_epi64x(0, 1, 2, 3)));
        __m256d a = _mm256_loadu_pd(running);
        px = _mm256_add_pd(px, _mm256_and_pd(keep, _ZGVdN4v_cos(a)));
        py = _mm256_add_pd(py, _mm256_and_pd(keep, _ZGVdN4v_sin(a)));
    }
    double lx[4], ly[4];
    _mm256_storeu_pd(lx, px);
    _mm256_storeu_pd(ly, py);
    *x = (lx[0] + lx[1]) + (lx[2] + lx[3]);
    *y = (ly[0] + ly[1]) + (ly[2] + ly[3]);
}

typedef void (*arm_kernel)(const double *, long, double *, double *);

static arm_kernel chosen_arm_kernel(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return arm_avx2;
    return arm_scalar;
}

double apery_planar_arm(const double *angles, long count, double *x, double *y) {
    // Chosen once; threads that race here choose the same.
    static arm_kernel kernel = 0;
    if (!kernel) kernel = chosen_arm_kernel();
    kernel(angles, count, x, y);
    return variance(angles, count);
}
