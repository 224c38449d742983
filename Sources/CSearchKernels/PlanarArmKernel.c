#define _GNU_SOURCE
#include <math.h>
#include <immintrin.h>
#include "CSearchKernels.h"

// Sine and cosine of four angles at once, sharing one argument reduction: n = the nearest integer to x / (pi/2),
// r = x - n pi/2 with pi/2 in three parts (Cody and Waite; n times each of the first two parts is exact for |n| < 2^29,
// far beyond any arm's running angle), then the minimax polynomials of Cephes' sin and cos on [-pi/4, pi/4], and
// the quadrant n mod 4 swapping and negating them. Within 1.6 ulp of sin and cos over |x| <= 400 (libmvec's 4-lane
// versions, used before: within 3.6 ulp), in about two thirds of their time.
__attribute__((target("avx2,fma")))
static inline void sincos4(__m256d x, __m256d *sine, __m256d *cosine) {
    __m256d n = _mm256_round_pd(_mm256_mul_pd(x, _mm256_set1_pd(0.63661977236758134308)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256d r = _mm256_fnmadd_pd(n, _mm256_set1_pd(1.57079625129699707031), x);
    r = _mm256_fnmadd_pd(n, _mm256_set1_pd(7.54978941586159635335e-8), r);
    r = _mm256_fnmadd_pd(n, _mm256_set1_pd(5.39030285815811905290e-15), r);
    __m256d z = _mm256_mul_pd(r, r);
    __m256d s = _mm256_set1_pd(1.58962301576546568060e-10);
    s = _mm256_fmadd_pd(s, z, _mm256_set1_pd(-2.50507477628578072866e-8));
    s = _mm256_fmadd_pd(s, z, _mm256_set1_pd(2.75573136213857245213e-6));
    s = _mm256_fmadd_pd(s, z, _mm256_set1_pd(-1.98412698295895385996e-4));
    s = _mm256_fmadd_pd(s, z, _mm256_set1_pd(8.33333333332211858878e-3));
    s = _mm256_fmadd_pd(s, z, _mm256_set1_pd(-1.66666666666666307295e-1));
    s = _mm256_fmadd_pd(_mm256_mul_pd(s, z), r, r);
    __m256d c = _mm256_set1_pd(-1.13585365213876817300e-11);
    c = _mm256_fmadd_pd(c, z, _mm256_set1_pd(2.08757008419747316778e-9));
    c = _mm256_fmadd_pd(c, z, _mm256_set1_pd(-2.75573141792967388112e-7));
    c = _mm256_fmadd_pd(c, z, _mm256_set1_pd(2.48015872888517045348e-5));
    c = _mm256_fmadd_pd(c, z, _mm256_set1_pd(-1.38888888888730564116e-3));
    c = _mm256_fmadd_pd(c, z, _mm256_set1_pd(4.16666666666665929218e-2));
    c = _mm256_fmadd_pd(_mm256_mul_pd(c, z), z, _mm256_fnmadd_pd(_mm256_set1_pd(0.5), z, _mm256_set1_pd(1.0)));
    // Quadrant q: sin x = (s, c, -s, -c)[q], cos x = (c, -s, -c, s)[q].
    __m256i q = _mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(n));
    __m256i one = _mm256_set1_epi64x(1), two = _mm256_set1_epi64x(2);
    __m256d swap = _mm256_castsi256_pd(_mm256_cmpeq_epi64(_mm256_and_si256(q, one), one));
    __m256i sine_sign = _mm256_slli_epi64(_mm256_and_si256(q, two), 62);
    __m256i cosine_sign = _mm256_slli_epi64(_mm256_and_si256(_mm256_add_epi64(q, one), two), 62);
    *sine = _mm256_xor_pd(_mm256_blendv_pd(s, c, swap), _mm256_castsi256_pd(sine_sign));
    *cosine = _mm256_xor_pd(_mm256_blendv_pd(c, s, swap), _mm256_castsi256_pd(cosine_sign));
}

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

// The running angle summed one joint at a time, as the scalar kernel sums it, and put into lanes without a trip
// through memory (four scalar stores read back as one vector stall the load); each lane's sums in the order the
// four-lane kernel makes them, so that every processor with AVX2 gives the same end effector bit for bit.
__attribute__((target("avx2,fma")))
static void arm_avx2_from(const double *angles, long count, long i, double angle, __m256d px, __m256d py, double *x, double *y) {
    __m256d sine, cosine;
    for (; i + 4 <= count; i += 4) {
        double a0 = angle + angles[i], a1 = a0 + angles[i + 1], a2 = a1 + angles[i + 2], a3 = a2 + angles[i + 3];
        angle = a3;
        sincos4(_mm256_setr_pd(a0, a1, a2, a3), &sine, &cosine);
        px = _mm256_add_pd(px, cosine);
        py = _mm256_add_pd(py, sine);
    }
    if (i < count) {
        // The tail's lanes past the end repeat the last angle; the mask drops them from the sums.
        long n = count - i;
        double a0 = angle + angles[i], a1 = n > 1 ? a0 + angles[i + 1] : a0, a2 = n > 2 ? a1 + angles[i + 2] : a1;
        __m256d keep = _mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_setr_epi64x(0, 1, 2, 3)));
        sincos4(_mm256_setr_pd(a0, a1, a2, a2), &sine, &cosine);
        px = _mm256_add_pd(px, _mm256_and_pd(keep, cosine));
        py = _mm256_add_pd(py, _mm256_and_pd(keep, sine));
    }
    double lx[4], ly[4];
    _mm256_storeu_pd(lx, px);
    _mm256_storeu_pd(ly, py);
    *x = (lx[0] + lx[1]) + (lx[2] + lx[3]);
    *y = (ly[0] + ly[1]) + (ly[2] + ly[3]);
}

__attribute__((target("avx2,fma")))
static void arm_avx2(const double *angles, long count, double *x, double *y) {
    arm_avx2_from(angles, count, 0, 0, _mm256_setzero_pd(), _mm256_setzero_pd(), x, y);
}

// sincos4's operations on eight lanes: each lane's values are sincos4's bit for bit.
__attribute__((target("avx512f,avx512dq")))
static inline void sincos8(__m512d x, __m512d *sine, __m512d *cosine) {
    __m512d n = _mm512_roundscale_pd(_mm512_mul_pd(x, _mm512_set1_pd(0.63661977236758134308)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512d r = _mm512_fnmadd_pd(n, _mm512_set1_pd(1.57079625129699707031), x);
    r = _mm512_fnmadd_pd(n, _mm512_set1_pd(7.54978941586159635335e-8), r);
    r = _mm512_fnmadd_pd(n, _mm512_set1_pd(5.39030285815811905290e-15), r);
    __m512d z = _mm512_mul_pd(r, r);
    __m512d s = _mm512_set1_pd(1.58962301576546568060e-10);
    s = _mm512_fmadd_pd(s, z, _mm512_set1_pd(-2.50507477628578072866e-8));
    s = _mm512_fmadd_pd(s, z, _mm512_set1_pd(2.75573136213857245213e-6));
    s = _mm512_fmadd_pd(s, z, _mm512_set1_pd(-1.98412698295895385996e-4));
    s = _mm512_fmadd_pd(s, z, _mm512_set1_pd(8.33333333332211858878e-3));
    s = _mm512_fmadd_pd(s, z, _mm512_set1_pd(-1.66666666666666307295e-1));
    s = _mm512_fmadd_pd(_mm512_mul_pd(s, z), r, r);
    __m512d c = _mm512_set1_pd(-1.13585365213876817300e-11);
    c = _mm512_fmadd_pd(c, z, _mm512_set1_pd(2.08757008419747316778e-9));
    c = _mm512_fmadd_pd(c, z, _mm512_set1_pd(-2.75573141792967388112e-7));
    c = _mm512_fmadd_pd(c, z, _mm512_set1_pd(2.48015872888517045348e-5));
    c = _mm512_fmadd_pd(c, z, _mm512_set1_pd(-1.38888888888730564116e-3));
    c = _mm512_fmadd_pd(c, z, _mm512_set1_pd(4.16666666666665929218e-2));
    c = _mm512_fmadd_pd(_mm512_mul_pd(c, z), z, _mm512_fnmadd_pd(_mm512_set1_pd(0.5), z, _mm512_set1_pd(1.0)));
    __m512i q = _mm512_cvtpd_epi64(n);
    __m512i one = _mm512_set1_epi64(1), two = _mm512_set1_epi64(2);
    __mmask8 swap = _mm512_test_epi64_mask(q, one);
    __m512i sine_sign = _mm512_slli_epi64(_mm512_and_si512(q, two), 62);
    __m512i cosine_sign = _mm512_slli_epi64(_mm512_and_si512(_mm512_add_epi64(q, one), two), 62);
    *sine = _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(_mm512_mask_blend_pd(swap, s, c)), sine_sign));
    *cosine = _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(_mm512_mask_blend_pd(swap, c, s)), cosine_sign));
}

// Eight joints at a time while eight are left, then arm_avx2's loop. Each block of eight is added to the four-lane
// sums as two blocks of four, in arm_avx2's order.
__attribute__((target("avx512f,avx512dq,avx2,fma")))
static void arm_avx512(const double *angles, long count, double *x, double *y) {
    double angle = 0;
    __m256d px = _mm256_setzero_pd(), py = _mm256_setzero_pd();
    __m512d sine, cosine;
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        double a0 = angle + angles[i], a1 = a0 + angles[i + 1], a2 = a1 + angles[i + 2], a3 = a2 + angles[i + 3];
        double a4 = a3 + angles[i + 4], a5 = a4 + angles[i + 5], a6 = a5 + angles[i + 6], a7 = a6 + angles[i + 7];
        angle = a7;
        sincos8(_mm512_setr_pd(a0, a1, a2, a3, a4, a5, a6, a7), &sine, &cosine);
        px = _mm256_add_pd(_mm256_add_pd(px, _mm512_castpd512_pd256(cosine)), _mm512_extractf64x4_pd(cosine, 1));
        py = _mm256_add_pd(_mm256_add_pd(py, _mm512_castpd512_pd256(sine)), _mm512_extractf64x4_pd(sine, 1));
    }
    arm_avx2_from(angles, count, i, angle, px, py, x, y);
}

typedef void (*arm_kernel)(const double *, long, double *, double *);

// Kernel 0, 1 or 2 (scalar, AVX2, AVX-512), or NULL where the processor lacks what it needs.
static arm_kernel numbered_arm_kernel(int kernel) {
    __builtin_cpu_init();
    int avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    switch (kernel) {
    case 0: return arm_scalar;
    case 1: return avx2 ? arm_avx2 : NULL;
    case 2: return avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") ? arm_avx512 : NULL;
    default: return NULL;
    }
}

int apery_planar_arm_kernel(int kernel, const double *angles, long count, double *x, double *y) {
    arm_kernel chosen = numbered_arm_kernel(kernel);
    if (!chosen) return -1;
    chosen(angles, count, x, y);
    return 0;
}

double apery_planar_arm(const double *angles, long count, double *x, double *y) {
    // The widest the processor has, chosen once; threads that race here choose the same.
    static arm_kernel kernel = 0;
    for (int widest = 2; !kernel; widest--) kernel = numbered_arm_kernel(widest);
    kernel(angles, count, x, y);
    return variance(angles, count);
}
