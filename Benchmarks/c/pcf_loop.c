// The plain C loop over GMP: p_n = a(n) p_{n-1} + b(n) p_{n-2} (same for q) for Apery's 6/zeta(3) PCF,
// a(n) = 34n^3 + 51n^2 + 27n + 5, b(n) = -n^6, to depth N. Prints the best of R runs in seconds.
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    long depth = argc > 1 ? atol(argv[1]) : 10000;
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    double best = 1e9;
    mpz_t p0, p1, q0, q1, t, an, bn;
    mpz_inits(p0, p1, q0, q1, t, an, bn, NULL);
    for (int r = 0; r < runs; r++) {
        double start = now();
        mpz_set_ui(p0, 1); mpz_set_ui(p1, 5); mpz_set_ui(q0, 0); mpz_set_ui(q1, 1);
        for (long n = 1; n <= depth; n++) {
            mpz_set_si(an, 34 * n * n * n + 51 * n * n + 27 * n + 5);
            mpz_set_si(bn, n * n * n);
            mpz_mul_si(bn, bn, -n * n * n);  // -n^6 overflows 64 bits beyond n = 1448
            mpz_mul(t, p0, bn); mpz_addmul(t, p1, an); mpz_swap(p0, p1); mpz_swap(p1, t);
            mpz_mul(t, q0, bn); mpz_addmul(t, q1, an); mpz_swap(q0, q1); mpz_swap(q1, t);
        }
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
    }
    printf("{\"c_recurrence_seconds\": %.6f, \"c_q_bits\": %zu}\n", best, mpz_sizeinbase(q1, 2));
    return 0;
}
