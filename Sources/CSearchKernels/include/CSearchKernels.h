#ifndef APERY_CSEARCHKERNELS_H
#define APERY_CSEARCHKERNELS_H

#include <stdint.h>

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

/// Asks the processor to bring the cache line holding `address` closer before it is read: the first pass
/// prefetches the left-side filter words of one run while the recurrence of the next run computes.
static inline void apery_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// The linear complexity of s[0..<n] modulo 2^61 - 1 (elements reduced), by Berlekamp–Massey in its
/// division-free form (C <- b C - d x^m B: no modular inversions) with lazily reduced 128-bit dot
/// products; -1 as soon as it exceeds max_complexity. ESMA's screen runs it once per candidate; the
/// general, dividing version for any field is Sequences/BerlekampMassey.swift.
int apery_berlekamp_massey_61(const uint64_t *s, int n, int max_complexity);

/// The end of a planar arm of unit links whose joints turn by angles[0..<count]: the sums of the cosines and sines
/// of the running angle. Sine and cosine were most of the arm benchmark's time: where the processor has AVX2 and
/// FMA (checked at the first call) four angles share one argument reduction and polynomial evaluation (within
/// 1.6 ulp), eight where it has AVX-512 too, with the same values bit for bit; elsewhere scalar sincos. Returns the
/// variance of the angles.
double apery_planar_arm(const double *angles, long count, double *x, double *y);

/// The end effector by one kernel: 0 scalar sincos, 1 four lanes (AVX2), 2 eight lanes (AVX-512). Returns 0, or -1
/// when the processor lacks what the kernel needs. For the tests that compare the kernels.
int apery_planar_arm_kernel(int kernel, const double *angles, long count, double *x, double *y);

/// One round of Prim's algorithm on the complete graph of mutual reachability, over the `remaining` points outside the
/// tree, packed: coordinate d of the point at position p is columns[d * stride + p], its core distance core[p], its
/// point index index[p]. The point `current` (coordinates `point`, core distance `current_core`) has just joined:
/// each position's lightest edge to the tree, best[p] from from[p], is lowered to max(current_core, core[p], the
/// distance) where that is lighter. Returns the position with the lightest edge, of equal ones the lowest index.
long apery_prim_step(long remaining, long dimension, long stride, const double *columns, const double *point,
                     double current_core, const double *core, double *best, long long *from, long long current,
                     const long long *index);

/// `count` standard normal draws from one key, times `scale`, written to values (or added, when `adding`). Draw i
/// takes word i + 1 of SplitMix64's stream from `key` (the words key + k * gamma, mixed) through Marsaglia and Tsang's
/// ziggurat: its low 7 bits the layer, its high 32 bits the signed position in it. The few words outside their
/// layer's rectangle (2.8%) then take, in the order of their draws, the tail or the wedge test, whose uniforms and new
/// words come on from word count + 1. Blocks of 32 or more go eight words at a time where the processor has AVX-512
/// (F, DQ and VL), with the same values as the scalar loop; `portable` asks for the scalar loop.
void apery_ziggurat_noise(uint64_t key, long count, double scale, double *values, int adding, int portable);

#endif
