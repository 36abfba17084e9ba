/*
 * Deterministic int8 work: a 4096-element int8 dot product repeated
 * det_repeats times (a .data global the host may patch before running),
 * one element perturbed per repetition and every result folded into a hash.
 * Output goes through newlib printf (tests the _write syscall path):
 *   "deterministic repeats 16 checksum 0x263B4373\n", exit 0   (default N=16)
 * Two runs of the same ELF must print the same line and take the same
 * number of instructions/cycles.
 */
#include <stdint.h>
#include <stdio.h>

#define LEN 4096

volatile uint32_t det_repeats = 16;
static int8_t va[LEN], vb[LEN];

static uint32_t lcg(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 24;
}

static int32_t dot(const int8_t *a, const int8_t *b, int n)
{
    int32_t acc = 0;
    for (int i = 0; i < n; i++) {
        acc += a[i] * b[i];
    }
    return acc;
}

int main(void)
{
    uint32_t seed = 12345u;
    for (int i = 0; i < LEN; i++) {
        va[i] = (int8_t)lcg(&seed);
        vb[i] = (int8_t)lcg(&seed);
    }
    uint32_t hash = 2166136261u;
    uint32_t n = det_repeats;
    for (uint32_t r = 0; r < n; r++) {
        va[(r * 97u) % LEN] ^= (int8_t)r;
        hash = (hash ^ (uint32_t)dot(va, vb, LEN)) * 16777619u;
    }
    printf("deterministic repeats %lu checksum 0x%08lX\n", (unsigned long)n, (unsigned long)hash);
    return 0;
}
