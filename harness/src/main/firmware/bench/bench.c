/*
 * tinysim emulator-speed benchmark: int8 dot products of two 1 KiB arrays,
 * written so GCC emits LDR + SXTB16 + SMLAD (the inner loop of int8 kernels).
 * The round count comes from bench_config in .noinit, which the host writes
 * before the run (startup does not touch .noinit); without the magic it falls
 * back to BENCH_DEFAULT_ROUNDS. One array byte changes per round, so no round
 * can be hoisted. Semihosting: "bench checksum 0x........\n", exit 0.
 * No clock setup and no peripherals: startup only touches the SCB (CPACR,
 * VTOR), so the same image also runs on a bare Unicorn.
 */
#include <arm_acle.h>
#include <stdint.h>
#include <string.h>
#include "runtime.h"
#include "semihosting.h"

#define BENCH_N 1024
#define BENCH_MAGIC 0x7B3C4E11u
#define BENCH_DEFAULT_ROUNDS 2000u

struct bench_config {
    uint32_t magic;
    uint32_t rounds;
};

TINYSIM_NOINIT volatile struct bench_config bench_config;

static int8_t vec_a[BENCH_N] __attribute__((aligned(4)));
static int8_t vec_b[BENCH_N] __attribute__((aligned(4)));

static void fill(int8_t *v, uint32_t seed)
{
    for (int i = 0; i < BENCH_N; i++) {
        seed = seed * 1664525u + 1013904223u;
        v[i] = (int8_t)(seed >> 24);
    }
}

/* Four int8 pairs per step: two SXTB16 per operand word, two SMLADs. */
static inline uint32_t ror8(uint32_t v)
{
    return (v >> 8) | (v << 24);
}

static __attribute__((noinline)) int32_t dot_s8(const int8_t *x, const int8_t *y, int n)
{
    const uint32_t *xw = (const uint32_t *)x;
    const uint32_t *yw = (const uint32_t *)y;
    int32_t acc = 0;
    for (int i = 0; i < n / 4; i++) {
        uint32_t xv = xw[i];
        uint32_t yv = yw[i];
        acc = __smlad(__sxtb16(xv), __sxtb16(yv), acc);
        acc = __smlad(__sxtb16(ror8(xv)), __sxtb16(ror8(yv)), acc);
    }
    return acc;
}

int main(void)
{
    uint32_t rounds = bench_config.magic == BENCH_MAGIC ? bench_config.rounds
                                                         : BENCH_DEFAULT_ROUNDS;
    fill(vec_a, 0x1234u);
    fill(vec_b, 0xBEEFu);
    uint32_t checksum = 2166136261u;
    for (uint32_t r = 0; r < rounds; r++) {
        int32_t d = dot_s8(vec_a, vec_b, BENCH_N);
        checksum = (checksum ^ (uint32_t)d) * 16777619u;
        vec_a[r & (BENCH_N - 1)] += 1;
    }
    tinysim_sh_put_named_hex("bench checksum", checksum);
    return 0;
}
