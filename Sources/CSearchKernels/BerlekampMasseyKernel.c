#include "CSearchKernels.h"
#include <stdlib.h>

#define P61 ((UINT64_C(1) << 61) - 1)

static inline uint64_t reduce128(unsigned __int128 x) {
    // x = h 2^122 + m 2^61 + l, and 2^61 = 1 (mod p).
    uint64_t l = (uint64_t)x & P61, m = (uint64_t)(x >> 61) & P61, h = (uint64_t)(x >> 122);
    uint64_t r = l + m + h;
    r = (r & P61) + (r >> 61);
    return r >= P61 ? r - P61 : r;
}

static inline uint64_t mul61(uint64_t a, uint64_t b) { return reduce128((unsigned __int128)a * b); }

int apery_berlekamp_massey_61(const uint64_t *s, int n, int max_complexity) {
    uint64_t *buffer = malloc(sizeof(uint64_t) * 3 * (size_t)(n + 2));
    if (!buffer) return -2;
    uint64_t *c = buffer, *b = buffer + (n + 2), *t = buffer + 2 * (n + 2);
    for (int i = 0; i < n + 2; i++) { c[i] = 0; b[i] = 0; }
    c[0] = 1; b[0] = 1;
    int c_len = 1, b_len = 1, complexity = 0, shift = 1;
    uint64_t b_disc = 1;
    for (int k = 0; k < n; k++) {
        // Discrepancy with lazy reduction: each product is below 2^122, so 32 of them fit in 128 bits.
        unsigned __int128 acc = (unsigned __int128)c[0] * s[k];
        int top = c_len < complexity + 1 ? c_len : complexity + 1;
        for (int i = 1; i < top; i++) {
            acc += (unsigned __int128)c[i] * s[k - i];
            if ((i & 31) == 0) acc = reduce128(acc);
        }
        uint64_t d = reduce128(acc);
        if (d == 0) { shift++; continue; }
        int changes = 2 * complexity <= k;
        int saved_len = c_len;
        if (changes) for (int i = 0; i < c_len; i++) t[i] = c[i];
        int new_len = c_len > b_len + shift ? c_len : b_len + shift;
        // C <- b C - d x^shift B, division-free.
        for (int i = 0; i < c_len; i++) c[i] = mul61(b_disc, c[i]);
        for (int i = c_len; i < new_len; i++) c[i] = 0;
        uint64_t minus_d = P61 - d;
        for (int i = 0; i < b_len; i++) {
            uint64_t v = c[i + shift] + mul61(minus_d, b[i]);
            c[i + shift] = v >= P61 ? v - P61 : v;
        }
        c_len = new_len;
        if (changes) {
            complexity = k + 1 - complexity;
            if (complexity > max_complexity) { free(buffer); return -1; }
            uint64_t *swap = b; b = t; t = swap;
            b_len = saved_len;
            b_disc = d;
            shift = 1;
        } else {
            shift++;
        }
    }
    free(buffer);
    return complexity;
}
