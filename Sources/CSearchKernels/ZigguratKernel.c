#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include "CSearchKernels.h"

// Each value is rounded as written, never fused: the vector path must give the scalar path's values bit for bit.
#pragma STDC FP_CONTRACT OFF

// Marsaglia and Tsang's ziggurat (2000) with 128 layers of equal area under the normal density: layer i spans
// |x| < x_i. A word's low 7 bits choose the layer and its high 32 bits, signed, the position in it: x = position *
// width[i]. The point lies inside the density's rectangle when |position| < bound[i]; height[i] is the density at
// x_i. bound[1] stays 0, so that all of layer 1's points take the wedge test, as in the original.
static const double ziggurat_r = 3.442619855899, ziggurat_area = 9.91256303526217e-3;
static uint32_t bound[128];
static double width[128], height[128];
static pthread_once_t tables_built = PTHREAD_ONCE_INIT;

static void build_tables(void) {
    const double scale = 2147483648.0;   // 2^31
    double edge = ziggurat_r, previous = ziggurat_r;
    double q = ziggurat_area / exp(-0.5 * edge * edge);
    bound[0] = (uint32_t)(edge / q * scale);
    width[0] = q / scale;
    width[127] = edge / scale;
    height[0] = 1;
    height[127] = exp(-0.5 * edge * edge);
    for (int i = 126; i >= 1; i--) {
        edge = sqrt(-2 * log(ziggurat_area / edge + exp(-0.5 * edge * edge)));
        bound[i + 1] = (uint32_t)(edge / previous * scale);
        previous = edge;
        height[i] = exp(-0.5 * edge * edge);
        width[i] = edge / scale;
    }
}

static const uint64_t golden_gamma = 0x9E3779B97F4A7C15ULL;

// SplitMix64's output function (Steele, Lea and Flood 2014).
static inline uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// The words a block draws past its first `count`: the slow paths' uniforms and new words, in order.
typedef struct { uint64_t counter; } extra_words;

static inline uint64_t next_word(extra_words *s) { s->counter += golden_gamma; return mix64(s->counter); }
static inline double unit(extra_words *s) { return (double)(next_word(s) >> 11) * 0x1p-53; }

static inline int32_t position_of(uint64_t word) { return (int32_t)(uint32_t)(word >> 32); }
static inline uint32_t magnitude_of(int32_t position) { return position < 0 ? (uint32_t)0 - (uint32_t)position : (uint32_t)position; }

// The draw of a word outside its layer's rectangle: the tail beyond r for layer 0 (Marsaglia's exponential
// method), else the wedge test between the rectangle and the density, and when the wedge rejects, new words.
static double slow_draw(uint64_t word, extra_words *s) {
    for (;;) {
        long layer = (long)(word & 127);
        int32_t position = position_of(word);
        if (magnitude_of(position) < bound[layer]) return (double)position * width[layer];
        double x = (double)position * width[layer];
        if (layer == 0) {
            double tail_x, tail_y;
            do {
                tail_x = -log(1 - unit(s)) / ziggurat_r;
                tail_y = -log(1 - unit(s));
            } while (tail_y + tail_y < tail_x * tail_x);
            return position > 0 ? ziggurat_r + tail_x : -ziggurat_r - tail_x;
        }
        if (height[layer] + unit(s) * (height[layer - 1] - height[layer]) < exp(-0.5 * x * x)) return x;
        word = next_word(s);
    }
}

// The pending words' slow draws, in the order of their indices.
static void settle(long *count, const long *pending, const uint64_t *pending_words, double scale, double *values,
                   int adding, extra_words *s) {
    for (long k = 0; k < *count; k++) {
        double x = scale * slow_draw(pending_words[k], s);
        values[pending[k]] = adding ? values[pending[k]] + x : x;
    }
    *count = 0;
}

enum { pending_room = 64 };

// One word at a time. The branch is predicted (a word in 36 misses its rectangle); without it, a select and the
// pending lists' stores on every word cost more.
static void block_scalar(uint64_t key, long count, double scale, double *values, int adding) {
    extra_words s = { key + (uint64_t)count * golden_gamma };
    long pending[pending_room + 8], n = 0;
    uint64_t pending_words[pending_room + 8], counter = key;
    for (long i = 0; i < count; i++) {
        counter += golden_gamma;
        uint64_t word = mix64(counter);
        long layer = (long)(word & 127);
        int32_t position = position_of(word);
        if (__builtin_expect(magnitude_of(position) < bound[layer], 1)) {
            double x = scale * ((double)position * width[layer]);
            values[i] = adding ? values[i] + x : x;
        } else {
            pending[n] = i;
            pending_words[n] = word;
            if (++n > pending_room) settle(&n, pending, pending_words, scale, values, adding, &s);
        }
    }
    if (n) settle(&n, pending, pending_words, scale, values, adding, &s);
}

// The same eight words at a time (AVX-512): mixed with the 64-bit multiplication of AVX-512DQ, each layer's bound
// and width gathered, the values inside their rectangles stored under a mask, the others' indices and words
// compressed onto the pending lists without a branch (one block of eight in five has a word outside: a branch that
// often mispredicted cost more than the gathers). Into vectors of 100: 2.15 ns a draw, against 2.52 for the scalar
// loop and 2.73 drawn one at a time from the xorshift generator; into vectors of 20 the scalar loop is faster (2.70
// against 2.87), so short blocks take it.
__attribute__((target("avx512f,avx512dq,avx512vl")))
static void block_avx512(uint64_t key, long count, double scale, double *values, int adding) {
    extra_words s = { key + (uint64_t)count * golden_gamma };
    long pending[pending_room + 8], n = 0;
    uint64_t pending_words[pending_room + 8];
    const __m512i step = _mm512_set1_epi64((long long)(golden_gamma * 8)), eight = _mm512_set1_epi64(8);
    const __m512i m1 = _mm512_set1_epi64((long long)0xBF58476D1CE4E5B9ULL), m2 = _mm512_set1_epi64((long long)0x94D049BB133111EBULL);
    const __m512i layers = _mm512_set1_epi64(127);
    const __m512d scales = _mm512_set1_pd(scale);
    __m512i state = _mm512_add_epi64(_mm512_set1_epi64((long long)key),
                                     _mm512_mullo_epi64(_mm512_setr_epi64(1, 2, 3, 4, 5, 6, 7, 8), _mm512_set1_epi64((long long)golden_gamma)));
    __m512i index = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
    for (long i = 0; i < count; i += 8) {
        __mmask8 live = count - i >= 8 ? 0xFF : (__mmask8)((1u << (count - i)) - 1);
        __m512i z = state;
        state = _mm512_add_epi64(state, step);
        z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)), m1);
        z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), m2);
        z = _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
        __m512i layer = _mm512_and_si512(z, layers);
        __m256i position = _mm512_cvtepi64_epi32(_mm512_srli_epi64(z, 32));
        __m256i limit = _mm512_i64gather_epi32(layer, (const void *)bound, 4);
        __mmask8 inside = _mm256_cmplt_epu32_mask(_mm256_abs_epi32(position), limit) & live;
        __m512d x = _mm512_mul_pd(scales, _mm512_mul_pd(_mm512_cvtepi32_pd(position), _mm512_i64gather_pd(layer, width, 8)));
        if (adding) x = _mm512_add_pd(_mm512_maskz_loadu_pd(inside, values + i), x);
        _mm512_mask_storeu_pd(values + i, inside, x);
        __mmask8 outside = (__mmask8)(live & ~inside);
        _mm512_storeu_si512((void *)(pending_words + n), _mm512_maskz_compress_epi64(outside, z));
        _mm512_storeu_si512((void *)(pending + n), _mm512_maskz_compress_epi64(outside, index));
        index = _mm512_add_epi64(index, eight);
        n += __builtin_popcount(outside);
        if (n > pending_room) settle(&n, pending, pending_words, scale, values, adding, &s);
    }
    if (n) settle(&n, pending, pending_words, scale, values, adding, &s);
}

typedef void (*ziggurat_kernel)(uint64_t, long, double, double *, int);

static ziggurat_kernel chosen_kernel;

static void choose_kernel(void) {
    build_tables();
    __builtin_cpu_init();
    __atomic_store_n(&chosen_kernel, __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")
                                     ? block_avx512 : block_scalar, __ATOMIC_RELEASE);
}

void apery_ziggurat_noise(uint64_t key, long count, double scale, double *values, int adding, int portable) {
    // The tables and the kernel are set once; a child's noise is a few dozen nanoseconds, so the check is inline.
    ziggurat_kernel kernel = __atomic_load_n(&chosen_kernel, __ATOMIC_ACQUIRE);
    if (__builtin_expect(kernel == 0, 0)) {
        pthread_once(&tables_built, choose_kernel);
        kernel = chosen_kernel;
    }
    (portable || count < 32 ? block_scalar : kernel)(key, count, scale, values, adding);
}
