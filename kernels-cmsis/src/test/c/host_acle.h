/*
 * Host (x86) stand-in for <arm_acle.h>: the ACLE DSP/SIMD intrinsics used by
 * the kernels, written in plain C from the ARMv7E-M instruction definitions,
 * so the DSP bodies can be compiled and tested with the host gcc.
 * Reached through host_include/arm_acle.h with -D__ARM_FEATURE_DSP=1.
 */
#ifndef TSN_HOST_ACLE_H
#define TSN_HOST_ACLE_H

#include <stdint.h>

#define TSN_HOST_ACLE 1

typedef int32_t int16x2_t;
typedef uint32_t uint16x2_t;
typedef int32_t int8x4_t;
typedef uint32_t uint8x4_t;

/* Per-byte GE flags, written by SSUB8 and read by SEL (APSR.GE on the core). */
static uint32_t tsn_host_ge;

static inline int32_t tsn_host_lo16(uint32_t x) { return (int16_t)(x & 0xFFFFu); }
static inline int32_t tsn_host_hi16(uint32_t x) { return (int16_t)(x >> 16); }
static inline int32_t tsn_host_byte(uint32_t x, int i) { return (int8_t)((x >> (8 * i)) & 0xFFu); }
static inline uint32_t tsn_host_pack16(int32_t lo, int32_t hi)
{
    return ((uint32_t)lo & 0xFFFFu) | (((uint32_t)hi & 0xFFFFu) << 16);
}

/* ROR: rotate right by n mod 32. */
static inline uint32_t __ror(uint32_t x, uint32_t n)
{
    n &= 31u;
    return n == 0u ? x : (x >> n) | (x << (32u - n));
}

/* SXTB16: sign-extend bytes 0 and 2 into the two halfwords. */
static inline int16x2_t __sxtb16(int8x4_t x)
{
    const uint32_t u = (uint32_t)x;
    return (int16x2_t)tsn_host_pack16(tsn_host_byte(u, 0), tsn_host_byte(u, 2));
}

/* SXTAB16: halfword-wise a + sign-extended bytes 0 and 2 of x, modulo 2^16. */
static inline int16x2_t __sxtab16(int16x2_t a, int8x4_t x)
{
    const uint32_t ua = (uint32_t)a, ux = (uint32_t)x;
    return (int16x2_t)tsn_host_pack16(tsn_host_lo16(ua) + tsn_host_byte(ux, 0),
                                      tsn_host_hi16(ua) + tsn_host_byte(ux, 2));
}

/* SMLAD: acc + lo(a)*lo(b) + hi(a)*hi(b), modulo 2^32 (Q flag not modelled). */
static inline int32_t __smlad(int16x2_t a, int16x2_t b, int32_t acc)
{
    const int64_t r = (int64_t)acc +
                      (int64_t)tsn_host_lo16((uint32_t)a) * tsn_host_lo16((uint32_t)b) +
                      (int64_t)tsn_host_hi16((uint32_t)a) * tsn_host_hi16((uint32_t)b);
    return (int32_t)(uint32_t)(uint64_t)r;
}

/* SMLABB / SMLATT: acc + bottom*bottom / top*top halfwords, modulo 2^32. */
static inline int32_t __smlabb(int32_t a, int32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(tsn_host_lo16((uint32_t)a) * tsn_host_lo16((uint32_t)b)));
}

static inline int32_t __smlatt(int32_t a, int32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(tsn_host_hi16((uint32_t)a) * tsn_host_hi16((uint32_t)b)));
}

/* SMLABT / SMLATB: acc + bottom(a)*top(b) / top(a)*bottom(b), modulo 2^32. */
static inline int32_t __smlabt(int32_t a, int32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(tsn_host_lo16((uint32_t)a) * tsn_host_hi16((uint32_t)b)));
}

static inline int32_t __smlatb(int32_t a, int32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(tsn_host_hi16((uint32_t)a) * tsn_host_lo16((uint32_t)b)));
}

/* USADA8: c + sum of |a[i] - b[i]| over the four unsigned bytes, modulo 2^32. */
static inline uint32_t __usada8(uint8x4_t a, uint8x4_t b, uint32_t c)
{
    uint32_t sum = c;
    for (int i = 0; i < 4; i++) {
        const int32_t d = (int32_t)((a >> (8 * i)) & 0xFFu) - (int32_t)((b >> (8 * i)) & 0xFFu);
        sum += (uint32_t)(d < 0 ? -d : d);
    }
    return sum;
}

/* SSAT: saturate to a signed sat-bit range, 1 <= sat <= 32. */
static inline int32_t __ssat(int32_t x, uint32_t sat)
{
    const int64_t hi = ((int64_t)1 << (sat - 1)) - 1;
    const int64_t lo = -((int64_t)1 << (sat - 1));
    return (int32_t)(x > hi ? hi : (x < lo ? lo : x));
}

/* SSUB8: per-byte a - b (modulo 2^8); GE[i] set when the exact difference >= 0. */
static inline int8x4_t __ssub8(int8x4_t a, int8x4_t b)
{
    uint32_t r = 0, ge = 0;
    for (int i = 0; i < 4; i++) {
        const int32_t d = tsn_host_byte((uint32_t)a, i) - tsn_host_byte((uint32_t)b, i);
        r |= ((uint32_t)d & 0xFFu) << (8 * i);
        if (d >= 0) {
            ge |= 1u << i;
        }
    }
    tsn_host_ge = ge;
    return (int8x4_t)r;
}

/* SEL: per byte, a where GE[i] is set, else b. */
static inline uint8x4_t __sel(uint8x4_t a, uint8x4_t b)
{
    uint32_t r = 0;
    for (int i = 0; i < 4; i++) {
        const uint32_t src = (tsn_host_ge >> i) & 1u ? a : b;
        r |= src & (0xFFu << (8 * i));
    }
    return r;
}

#endif /* TSN_HOST_ACLE_H */
