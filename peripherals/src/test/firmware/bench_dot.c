/*
 * Benchmark: int8 dot product written like a CMSIS-NN style q7 inner loop
 * (word loads, SXTB16 / SXTB16 ROR #8 to widen pairs, SMLAD to accumulate).
 * bench_passes (default 6000, host-patchable .data global) passes over
 * 4096 elements, one element perturbed per pass: about 12 instructions per
 * 4 elements (10 in the GCC 12 -O2 loop): 61.6 million instructions in
 * total at the default (counted on a Unicorn run).
 * Prints "bench_dot passes 6000 checksum 0xAA1DC6D8" (with 5000 passes:
 * 0x83361F40), then "cycles N" (DWT CYCCNT, only meaningful on a
 * cycle-modelling host) and exits 0.
 * Exit 1 if the SIMD kernel disagrees with plain C on the initial data.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

#define LEN 4096

volatile uint32_t bench_passes = 6000;
static int8_t va[LEN] __attribute__((aligned(4)));
static int8_t vb[LEN] __attribute__((aligned(4)));

static inline uint32_t sxtb16(uint32_t x)
{
    uint32_t r;
    __asm__("sxtb16 %0, %1" : "=r"(r) : "r"(x));
    return r;
}

static inline uint32_t sxtb16_ror8(uint32_t x)
{
    uint32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
    return r;
}

static inline int32_t smlad(uint32_t x, uint32_t y, int32_t acc)
{
    int32_t r;
    __asm__("smlad %0, %1, %2, %3" : "=r"(r) : "r"(x), "r"(y), "r"(acc));
    return r;
}

__attribute__((noinline)) static int32_t dot_simd(const int8_t *a, const int8_t *b, int n)
{
    const uint32_t *pa = (const uint32_t *)a, *pb = (const uint32_t *)b;
    int32_t acc = 0;
    for (int i = 0; i < n / 4; i++) {
        uint32_t x = pa[i], y = pb[i];
        acc = smlad(sxtb16(x), sxtb16(y), acc);             /* bytes 0 and 2 */
        acc = smlad(sxtb16_ror8(x), sxtb16_ror8(y), acc);   /* bytes 1 and 3 */
    }
    return acc;
}

__attribute__((noinline)) static int32_t dot_ref(const int8_t *a, const int8_t *b, int n)
{
    int32_t acc = 0;
    for (int i = 0; i < n; i++) {
        acc += a[i] * b[i];
    }
    return acc;
}

int main(void)
{
    uint32_t seed = 2024u;
    for (int i = 0; i < LEN; i++) {
        seed = seed * 1664525u + 1013904223u;
        va[i] = (int8_t)(seed >> 24);
        vb[i] = (int8_t)(seed >> 16);
    }
    if (dot_simd(va, vb, LEN) != dot_ref(va, vb, LEN)) {
        tinysim_sh_write0("bench_dot kernel mismatch\n");
        return 1;
    }
    dwt_cycles_enable();
    uint32_t start = dwt_cycles();
    uint32_t n = bench_passes, sum = 0;
    for (uint32_t p = 0; p < n; p++) {
        va[p % LEN] += 1;
        sum = sum * 33u + (uint32_t)dot_simd(va, vb, LEN);
    }
    uint32_t cycles = dwt_cycles() - start;
    tinysim_sh_write0("bench_dot passes ");
    tinysim_sh_put_udec(n);
    tinysim_sh_put_named_hex(" checksum", sum);
    tinysim_sh_write0("cycles ");
    tinysim_sh_put_udec(cycles);
    tinysim_sh_writec('\n');
    return 0;
}
