/*
 * IT (If-Then) blocks: -O2 turns the branch-free helpers below into
 * cmp + IT sequences, plus one hand-written ITETE block. Each result is
 * checked against an -O0 reference (branches, no IT) over the same
 * LCG data. The whole thing runs twice: once quietly, once with SysTick
 * firing every 97 cycles, so interrupts land inside IT blocks and ITSTATE
 * must survive exception entry/return (EPSR in the stacked xPSR).
 * Host expects: "itblock plain 0x875044DF", "itblock irq 0x875044DF",
 * "irq ticks N" (N > 0), "itblock ok", exit 0.
 * Exit 1: wrong without interrupts; 2: wrong with interrupts; 3: no ticks.
 */
#include <stdint.h>
#include "board.h"
#include "semihosting.h"

#define LEN 1024
#define EXPECTED 0x875044DFu

static int32_t data[LEN];

static inline int32_t clamp(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

static inline int32_t absdiff(int32_t a, int32_t b)
{
    return a > b ? a - b : b - a;
}

/* Hand-written: x > y ? 11 : 22 via one ITETE block. */
static inline uint32_t itete(int32_t x, int32_t y)
{
    uint32_t r;
    __asm__ volatile(
        "cmp %1, %2\n\t"
        "itete gt\n\t"
        "movgt %0, #1\n\t"
        "movle %0, #2\n\t"
        "addgt %0, %0, #10\n\t"
        "addle %0, %0, #20\n\t"
        : "=&r"(r) : "r"(x), "r"(y) : "cc");
    return r;
}

__attribute__((noinline)) static uint32_t kernel(const int32_t *v, int n)
{
    uint32_t h = 0;
    int32_t prev = 0, best = INT32_MIN;
    for (int i = 0; i < n; i++) {
        int32_t x = v[i];
        int32_t c = clamp(x, -37, 91);
        best = x > best ? x : best;
        uint32_t pos = x > 0 ? 3u : 5u;
        h = h * 31u + (uint32_t)c + (uint32_t)absdiff(x, prev) + pos + itete(x, prev);
        prev = x;
    }
    return h ^ (uint32_t)best;
}

/* Same computation with branches only (no IT at -O0). */
__attribute__((noinline, optimize("O0"))) static uint32_t reference(const int32_t *v, int n)
{
    uint32_t h = 0;
    int32_t prev = 0, best = INT32_MIN;
    for (int i = 0; i < n; i++) {
        int32_t x = v[i];
        int32_t c = x;
        if (x < -37) {
            c = -37;
        } else if (x > 91) {
            c = 91;
        }
        if (x > best) {
            best = x;
        }
        int32_t d = x - prev;
        if (d < 0) {
            d = -d;
        }
        uint32_t pos = 5u, e = 22u;
        if (x > 0) {
            pos = 3u;
        }
        if (x > prev) {
            e = 11u;
        }
        h = h * 31u + (uint32_t)c + (uint32_t)d + pos + e;
        prev = x;
    }
    return h ^ (uint32_t)best;
}

int main(void)
{
    uint32_t seed = 7u;
    for (int i = 0; i < LEN; i++) {
        seed = seed * 1664525u + 1013904223u;
        data[i] = (int32_t)(seed >> 16) % 200;   /* -199..199 */
    }
    uint32_t ref = reference(data, LEN);
    uint32_t plain = kernel(data, LEN);
    tinysim_sh_put_named_hex("itblock plain", plain);

    systick_init(97);   /* odd period: lands at varying points of the loop */
    uint32_t irq = 0;
    /* At least 8 runs and, where SysTick follows wall time (QEMU), enough
     * runs to see 200 interrupts. */
    for (int rep = 0; rep < 8 || (tinysim_ticks < 200 && rep < 20000); rep++) {
        irq |= kernel(data, LEN) ^ ref;
    }
    systick_stop();
    tinysim_sh_put_named_hex("itblock irq", irq ^ ref);
    tinysim_sh_write0("irq ticks ");
    tinysim_sh_put_udec(tinysim_ticks);
    tinysim_sh_writec('\n');

    if (plain != ref || ref != EXPECTED) {
        tinysim_sh_put_named_hex("reference", ref);
        return 1;
    }
    if (irq != 0) {
        return 2;
    }
    if (tinysim_ticks == 0) {
        return 3;
    }
    tinysim_sh_write0("itblock ok\n");
    return 0;
}
