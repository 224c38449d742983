#define _GNU_SOURCE
#include <math.h>
#include <immintrin.h>
#include "CSearchKernels.h"

// glibc's vector sine and cosine (libmvec): 8 lanes with AVX-512, 4 with AVX2, within 4 ulp of sin and cos.
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_cos(__m512d x);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_sin(__m512d x);
__attribute__((target("avx2"))) __m256d _ZGVdN4v_cos(__m256d x);
__attribute__((target("avx2"))) __m256d _ZGVdN4v_sin(__m256d x);

// The variance of the angles, two passes with eight running sums (a single sum's chain of additions was slower
// than the sines); the same in every kernel, so that only the end effector depends on the processor.
static double variance(const double *angles, long count) {
    double sums[8] = {0}, squares[8] = {0};
    long i = 0;
    for (; i + 8 <= count; i += 8) for (int j = 0; j < 8; j++) sums[j] += angles[i + j];
    for (; i < count; i++) sums[i & 7] += angles[i];
    double mean = (((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]))) / (double)count;
    for (i = 0; i + 8 <= count; i += 8) for (int j = 0; j < 8; j++) { double d = angles[i + j] - mean; squares[j] += d * d; }
    for (; i < count; i++) { double d = angles[i] - mean; squares[i & 7] += d * d; }
    return (((squares[0] + squares[1]) + (squares[2] + squares[3])) + ((squares[4] + squares[5]) + (squares[6] + squares[7]))) / (double)count;
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

__attribute__((target("avx512f")))
static void arm_avx512(const double *angles, long count, double *x, double *y) {
    double running[8], angle = 0;
    __m512d px = _mm512_setzero_pd(), py = _mm512_setzero_pd();
    for (long i = 0; i < count; i += 8) {
        long n = count - i < 8 ? count - i : 8;
        for (long j = 0; j < n; j++) { angle += angles[i + j]; running[j] = angle; }
        __mmask8 lanes = (__mmask8)((1u << n) - 1);
        __m512d a = _mm512_maskz_loadu_pd(lanes, running);
        px = _mm512_mask_add_pd(px, lanes, px, _ZGVeN8v_cos(a));
        py = _mm512_mask_add_pd(py, lanes, py, _ZGVeN8v_sin(a));
    }
    *x = _mm512_reduce_add_pd(px);
    *y = _mm512_reduce_add_pd(py);
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
    if (__builtin_cpu_supports("avx512f")) return arm_avx512;
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
