/*
 * Depthwise convolution one channel at a time through an int16 plane:
 * ch_mult 1, no dilation, odd K x K filter, stride 1 or 2.
 *
 * The channel's input, plus its offset, is copied into the scratch plane with
 * the padding as zeros, so every output reads a full window (no border code).
 * Two neighbouring taps of one channel then sit in one word, so a row of K
 * taps is (K - 1) / 2 SMLADs plus one halfword multiply, where four channels
 * of one tap (the HWC kernels) cost one SMLAxy per MAC. With stride 1 two
 * outputs share their row words: the second output takes pairs that start one
 * tap later, against weights packed one tap later.
 *
 * The plane holds one channel, so the output may be the input itself (in
 * place): output pixel p of channel ch lands on input pixel p of channel ch,
 * which is already in the plane and is never read again.
 *
 * tsn_convolve_plane_start_s8, the same rows for a convolution with one input
 * channel (start values folded), lives here because it shares them: the
 * plane is filled once and every output channel reads it.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

/* Plane rows and row words (the width rounded up to an even number of
 * halfwords): a window reaches at most one row and one column past the input
 * plus its padding on both sides, and a pair of outputs reads one halfword
 * more. */
static int32_t plane_h(tsn_tile pad, const tsn_dims *in)
{
    return in->h + 2 * pad.h + 1;
}

static int32_t plane_w(tsn_tile pad, const tsn_dims *in)
{
    return (in->w + 2 * pad.w + 2 + 1) & ~1;
}

int32_t tsn_depthwise_conv_plane_s8_get_buffer_size(const tsn_dw_conv_params *dw_conv_params,
                                                    const tsn_dims *input_dims, const tsn_dims *filter_dims)
{
    (void)filter_dims;
    return plane_h(dw_conv_params->padding, input_dims) * plane_w(dw_conv_params->padding, input_dims) * 2;
}

/* The window geometry both entries accept: odd K x K (3, 5 or 7), no
 * dilation, stride 1 or 2, padding below K, and every window inside the plane. */
static int plane_geometry_ok(int32_t kh, int32_t kw, tsn_tile stride, tsn_tile dilation, tsn_tile pad,
                             const tsn_dims *in, const tsn_dims *out)
{
    return kh == kw && (kh & 1) && kh >= 3 && kh <= 7 && dilation.h == 1 && dilation.w == 1 && stride.h >= 1 &&
           stride.h <= 2 && stride.w >= 1 && stride.w <= 2 && pad.h >= 0 && pad.w >= 0 && pad.h < kh &&
           pad.w < kw && out->h >= 1 && out->w >= 1 && (out->h - 1) * stride.h + kh <= plane_h(pad, in) &&
           (out->w - 1) * stride.w + kw + 1 <= plane_w(pad, in);
}

int tsn_depthwise_conv_plane_s8_applies(const tsn_dw_conv_params *p, const tsn_dims *input_dims,
                                        const tsn_dims *filter_dims, const tsn_dims *output_dims)
{
    return p->ch_mult == 1 && output_dims->c == input_dims->c && filter_dims->c == input_dims->c &&
           plane_geometry_ok(filter_dims->h, filter_dims->w, p->stride, p->dilation, p->padding, input_dims,
                             output_dims);
}

/* One channel's requantisation, worked out once. */
typedef struct {
    int32_t multiplier, shift, e1;
    /* short route, e1 <= 21 and |bias| < 2^29 (K * K taps of |x + offset| <=
     * 255 times |w| <= 128 add less than 2^29 for K <= 7): one SMMULR route */
    int32_t small;
    int32_t round, e2;
    int32_t out_off, act_min, act_max;
} chan_quant;

static inline int8_t requant(const chan_quant *q, int32_t acc)
{
    if (q->small) {
        const int32_t h = tsn_smmulr((int32_t)((uint32_t)acc << 1), q->multiplier);
        const int32_t v = (h + (h >> 31) + q->round) >> q->e2;
        return (int8_t)TSN_CLAMP(v, q->act_min, q->act_max);
    }
    return tsn_requant_clamp(acc, q->multiplier, q->shift, q->out_off, q->act_min, q->act_max);
}

#if TSN_USE_DSP
/* The plane word at halfword index i of a row (i even: aligned). */
static inline int32_t pair_at(const int16_t *row, int32_t i)
{
    int32_t v;
    __builtin_memcpy(&v, row + i, 4);
    return v;
}

/* Taps packed in pairs, row after row: for K = 3, {a, b} of rows 0..2 with
 * a = (w0, w1) and b = (w1, w2); the 3x3 assembly reads them at w + 8r. */
typedef struct {
    int32_t ab[7 * 6]; /* row r at r (K - 1): a[0..m), then b[0..m) */
} packed_taps;

/* The small route's parameters after the taps (read by the 3x3 assembly). */
typedef struct {
    packed_taps w;
    int32_t multiplier, round, e2;
    int32_t start; /* the accumulators' start (bias) */
} plane_params;

#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
/* Two outputs of a 3x3 window, requantised on the small route (SMMULR of
 * 2 acc, the rounding add, the shift, SSAT): stride 1 takes the words P01
 * and P23 of each row, acc0 += P01.a + P2*w2, acc1 += P1*w0 + P23.b; stride
 * 2 the words P01, P23, P45, acc0 += P01.a + P2*w2, acc1 += P23.a + P4*w2.
 * Scheduled for the M7's pairing rules ([J] in emulator/CYCLE_MODEL.md): two
 * multiplies never pair and a loaded word feeds a multiply two cycles later,
 * so each multiply carries one load of the next row (loads off different
 * bases could share a bank and would not pair with each other). */
#define TSN_PL_S1_ROW(pa, pb, wa, wb, next)                            \
    "smlad  %[acc0], %[" #pa "], %[" #wa "], %[acc0]\n\t" next(0)      \
    "smlatb %[acc1], %[" #pa "], %[" #wa "], %[acc1]\n\t" next(1)      \
    "smlabt %[acc0], %[" #pb "], %[" #wb "], %[acc0]\n\t" next(2)      \
    "smlad  %[acc1], %[" #pb "], %[" #wb "], %[acc1]\n\t" next(3)
#define TSN_PL_S1_NEXT1(i) TSN_PL_S1_NEXT1_##i
#define TSN_PL_S1_NEXT1_0 "ldr    %[p2], [%[t], %[rb]]\n\t"
#define TSN_PL_S1_NEXT1_1 "ldr    %[w2], [%[w], #8]\n\t" "add    %[t], %[t], %[rb]\n\t"
#define TSN_PL_S1_NEXT1_2 "ldr    %[w3], [%[w], #12]\n\t"
#define TSN_PL_S1_NEXT1_3 "ldr    %[p3], [%[t], #4]\n\t"
#define TSN_PL_S1_NEXT2(i) TSN_PL_S1_NEXT2_##i
#define TSN_PL_S1_NEXT2_0 "ldr    %[p0], [%[t], %[rb]]\n\t"
#define TSN_PL_S1_NEXT2_1 "ldr    %[w0], [%[w], #16]\n\t" "add    %[t], %[t], %[rb]\n\t"
#define TSN_PL_S1_NEXT2_2 "ldr    %[w1], [%[w], #20]\n\t"
#define TSN_PL_S1_NEXT2_3 "ldr    %[p1], [%[t], #4]\n\t"
/* the last row's slots fetch the requantisation: multiplier, round, e2 */
#define TSN_PL_QLOADS(i) TSN_PL_QLOADS_##i
#define TSN_PL_QLOADS_0 "ldr    %[w2], [%[w], %[qm]]\n\t"
#define TSN_PL_QLOADS_1 "ldr    %[w3], [%[w], %[qr]]\n\t"
#define TSN_PL_QLOADS_2 "ldr    %[p2], [%[w], %[qe]]\n\t"
#define TSN_PL_QLOADS_3 ""
#define TSN_PL_REQUANT                                   \
    "lsl    %[acc0], %[acc0], #1\n\t"                    \
    "lsl    %[acc1], %[acc1], #1\n\t"                    \
    "smmulr %[acc0], %[acc0], %[w2]\n\t"                 \
    "smmulr %[acc1], %[acc1], %[w2]\n\t"                 \
    "add    %[p3], %[w3], %[acc0], asr #31\n\t"          \
    "add    %[w3], %[w3], %[acc1], asr #31\n\t"          \
    "add    %[acc0], %[acc0], %[p3]\n\t"                 \
    "add    %[acc1], %[acc1], %[w3]\n\t"                 \
    "asr    %[acc0], %[acc0], %[p2]\n\t"                 \
    "asr    %[acc1], %[acc1], %[p2]\n\t"                 \
    "ssat   %[acc0], #8, %[acc0]\n\t"                    \
    "ssat   %[acc1], #8, %[acc1]\n\t"

/* Stride 2: each row's words P01 (p0), P23 (p1), P45 (p2); the next row's
 * word goes into a register as soon as its last reader has issued. */
#define TSN_PL_S2_ROW(next)                                             \
    "smlad  %[acc0], %[p0], %[w0], %[acc0]\n\t" next(0)                \
    "smlad  %[acc1], %[p1], %[w0], %[acc1]\n\t" next(1)                \
    "smlabt %[acc0], %[p1], %[w1], %[acc0]\n\t" next(2)                \
    "smlabt %[acc1], %[p2], %[w1], %[acc1]\n\t" next(3)
#define TSN_PL_S2_NEXT(r) TSN_PL_S2_NEXT_##r
#define TSN_PL_S2_NEXT_1(i) TSN_PL_S2_NEXT_1_##i
#define TSN_PL_S2_NEXT_1_0 "ldr    %[p0], [%[t], %[rb]]\n\t" "add    %[t], %[t], %[rb]\n\t"
#define TSN_PL_S2_NEXT_1_1 "ldr    %[w0], [%[w], #8]\n\t"
#define TSN_PL_S2_NEXT_1_2 "ldr    %[p1], [%[t], #4]\n\t"
#define TSN_PL_S2_NEXT_1_3 "ldr    %[p2], [%[t], #8]\n\t" "ldr    %[w1], [%[w], #12]\n\t"
#define TSN_PL_S2_NEXT_2(i) TSN_PL_S2_NEXT_2_##i
#define TSN_PL_S2_NEXT_2_0 "ldr    %[p0], [%[t], %[rb]]\n\t" "add    %[t], %[t], %[rb]\n\t"
#define TSN_PL_S2_NEXT_2_1 "ldr    %[w0], [%[w], #16]\n\t"
#define TSN_PL_S2_NEXT_2_2 "ldr    %[p1], [%[t], #4]\n\t"
#define TSN_PL_S2_NEXT_2_3 "ldr    %[p2], [%[t], #8]\n\t" "ldr    %[w1], [%[w], #20]\n\t"
#define TSN_PL_S2_QLOADS(i) TSN_PL_S2_QLOADS_##i
#define TSN_PL_S2_QLOADS_0 "ldr    %[w2], [%[w], %[qm]]\n\t"
#define TSN_PL_S2_QLOADS_1 "ldr    %[w3], [%[w], %[qr]]\n\t"
#define TSN_PL_S2_QLOADS_2 ""
#define TSN_PL_S2_QLOADS_3 "ldr    %[p2], [%[w], %[qe]]\n\t"

#define TSN_PL_OPERANDS                                                                              \
    : [acc0] "+&r"(acc0), [acc1] "+&r"(acc1), [p0] "=&r"(p0), [p1] "=&r"(p1), [p2] "=&r"(p2),         \
      [p3] "=&r"(p3), [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3), [t] "+&r"(t)    \
    : [rb] "r"(rb), [w] "r"(w), [qm] "i"(__builtin_offsetof(plane_params, multiplier)),              \
      [qr] "i"(__builtin_offsetof(plane_params, round)), [qe] "i"(__builtin_offsetof(plane_params, e2)), \
      "m"(*w)                                                                                        \
    : "memory"

/* 13 registers: the row pointer t is a copy of s that walks down the rows. */
static inline __attribute__((always_inline)) void taps3_pair_small(int8_t *o, int32_t c, const int16_t *s,
                                                                   int32_t rb, const plane_params *w,
                                                                   int32_t start, int32_t sw)
{
    int32_t acc0 = start, acc1 = start, p0, p1, p2, p3, w0, w1, w2, w3;
    const int16_t *t = s;
    if (sw == 1) {
        __asm__("ldr    %[p0], [%[t]]\n\t"
                "ldr    %[w0], [%[w]]\n\t"
                "ldr    %[p1], [%[t], #4]\n\t"
                "ldr    %[w1], [%[w], #4]\n\t"
                TSN_PL_S1_ROW(p0, p1, w0, w1, TSN_PL_S1_NEXT1)
                TSN_PL_S1_ROW(p2, p3, w2, w3, TSN_PL_S1_NEXT2)
                TSN_PL_S1_ROW(p0, p1, w0, w1, TSN_PL_QLOADS)
                TSN_PL_REQUANT
                TSN_PL_OPERANDS);
    } else {
        __asm__("ldr    %[p0], [%[t]]\n\t"
                "ldr    %[w0], [%[w]]\n\t"
                "ldr    %[p1], [%[t], #4]\n\t"
                "ldr    %[w1], [%[w], #4]\n\t"
                "ldr    %[p2], [%[t], #8]\n\t"
                TSN_PL_S2_ROW(TSN_PL_S2_NEXT(1))
                TSN_PL_S2_ROW(TSN_PL_S2_NEXT(2))
                TSN_PL_S2_ROW(TSN_PL_S2_QLOADS)
                TSN_PL_REQUANT
                TSN_PL_OPERANDS);
    }
    o[0] = (int8_t)acc0;
    o[c] = (int8_t)acc1;
}
#endif

#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
/* A row of outputs, stride 1, 3x3, small route, four outputs per pass as one
 * loop inside the assembly: per window row the words P01, P23, P45 give
 *   out0 = P01.a + P2 w2, out1 = P1 w0 + P23.b,
 *   out2 = P23.a + P4 w2, out3 = P3 w0 + P45.b,
 * eight multiplies per row, each carrying a load of the next row (or of the
 * requantisation after the last), so a row is eight cycles ([J]: multiplies
 * never pair, a loaded word feeds a multiply two cycles later). The row
 * pointer s walks down the window and back; every register is taken, so the
 * end pointer is read from memory. */
#define TSN_PL4_ROW(n0, n1, n2, n3)                                 \
    "smlad  %[a0], %[p0], %[wa], %[a0]\n\t"                         \
    "smlatb %[a1], %[p0], %[wa], %[a1]\n\t" n0                      \
    "smlad  %[a2], %[p1], %[wa], %[a2]\n\t"                         \
    "smlatb %[a3], %[p1], %[wa], %[a3]\n\t" n1                      \
    "smlabt %[a0], %[p1], %[wb], %[a0]\n\t"                         \
    "smlad  %[a1], %[p1], %[wb], %[a1]\n\t" n2                      \
    "smlabt %[a2], %[p2], %[wb], %[a2]\n\t"                         \
    "smlad  %[a3], %[p2], %[wb], %[a3]\n\t" n3
/* row r's words and weights (s already on row r), then s down a row */
#define TSN_PL4_NEXT(r, step)                                       \
    TSN_PL4_ROW("ldr    %[p0], [%[s]]\n\t",                         \
                "ldr    %[wa], [%[w], #" #r "*8]\n\t",              \
                "ldr    %[p1], [%[s], #4]\n\t",                     \
                "ldr    %[p2], [%[s], #8]\n\t"                      \
                "ldr    %[wb], [%[w], #" #r "*8+4]\n\t" step)
#define TSN_PL4_LAST                                                \
    TSN_PL4_ROW("ldr    %[p0], [%[w], %[qm]]\n\t",                  \
                "ldr    %[wa], [%[w], %[qr]]\n\t",                  \
                "ldr    %[p1], [%[w], %[qe]]\n\t",                  \
                "lsl    %[a0], %[a0], #1\n\t")
static inline __attribute__((always_inline)) void row4_small(int8_t *o, int32_t c, const int16_t *s, int32_t rb,
                                                             const plane_params *w, const int16_t *s_end)
{
    int32_t a0, a1, a2, a3, p0, p1, p2, wa, wb;
    /* volatile: its only results are the stores */
    __asm__ volatile("1:\n\t"
            "ldr    %[a0], [%[w], %[qs]]\n\t"
            "ldr    %[wa], [%[w]]\n\t"
            "ldr    %[p0], [%[s]]\n\t"
            "ldr    %[wb], [%[w], #4]\n\t"
            "ldr    %[p1], [%[s], #4]\n\t"
            "mov    %[a1], %[a0]\n\t"
            "ldr    %[p2], [%[s], #8]\n\t"
            "mov    %[a2], %[a0]\n\t"
            "add    %[s], %[s], %[rb]\n\t"
            "mov    %[a3], %[a0]\n\t"
            TSN_PL4_NEXT(1, "add    %[s], %[s], %[rb]\n\t")
            TSN_PL4_NEXT(2, "")
            TSN_PL4_LAST
            /* small route: h = SMMULR(acc << 1, m), (h + (h >> 31) + round) >> e2, SSAT */
            "lsl    %[a1], %[a1], #1\n\t"
            "smmulr %[a0], %[a0], %[p0]\n\t"
            "lsl    %[a2], %[a2], #1\n\t"
            "smmulr %[a1], %[a1], %[p0]\n\t"
            "lsl    %[a3], %[a3], #1\n\t"
            "smmulr %[a2], %[a2], %[p0]\n\t"
            "sub    %[s], %[s], %[rb], lsl #1\n\t"
            "smmulr %[a3], %[a3], %[p0]\n\t"
            "add    %[p2], %[wa], %[a0], asr #31\n\t"
            "add    %[wb], %[wa], %[a1], asr #31\n\t"
            "add    %[a0], %[a0], %[p2]\n\t"
            "add    %[p2], %[wa], %[a2], asr #31\n\t"
            "add    %[a1], %[a1], %[wb]\n\t"
            "add    %[wb], %[wa], %[a3], asr #31\n\t"
            "add    %[a2], %[a2], %[p2]\n\t"
            "asr    %[a0], %[a0], %[p1]\n\t"
            "add    %[a3], %[a3], %[wb]\n\t"
            "asr    %[a1], %[a1], %[p1]\n\t"
            "ssat   %[a0], #8, %[a0]\n\t"
            "asr    %[a2], %[a2], %[p1]\n\t"
            "ssat   %[a1], #8, %[a1]\n\t"
            "asr    %[a3], %[a3], %[p1]\n\t"
            "ssat   %[a2], #8, %[a2]\n\t"
            "strb   %[a0], [%[o]]\n\t"
            "ssat   %[a3], #8, %[a3]\n\t"
            "strb   %[a1], [%[o], %[c]]\n\t"
            "add    %[p2], %[o], %[c], lsl #1\n\t"
            "strb   %[a2], [%[p2]]\n\t"
            "add    %[s], %[s], #8\n\t"
            "strb   %[a3], [%[p2], %[c]]\n\t"
            "add    %[o], %[o], %[c], lsl #2\n\t"
            "ldr    %[wb], %[end]\n\t"
            "cmp    %[s], %[wb]\n\t"
            "bne    1b\n\t"
            : [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3), [p0] "=&r"(p0), [p1] "=&r"(p1),
              [p2] "=&r"(p2), [wa] "=&r"(wa), [wb] "=&r"(wb), [s] "+&r"(s), [o] "+&r"(o)
            : [c] "r"(c), [rb] "r"(rb), [w] "r"(w), [end] "m"(s_end),
              [qm] "i"(__builtin_offsetof(plane_params, multiplier)),
              [qr] "i"(__builtin_offsetof(plane_params, round)), [qe] "i"(__builtin_offsetof(plane_params, e2)),
              [qs] "i"(__builtin_offsetof(plane_params, start)), "m"(*w)
            : "cc", "memory");
}
#endif

/* One output of a K x K window at s (rows rb bytes apart). */
static inline __attribute__((always_inline)) int32_t taps_one(int32_t acc, const int16_t *s, int32_t rb,
                                                            const packed_taps *w, int32_t k)
{
    const int32_t m = (k - 1) / 2;
    for (int32_t r = 0; r < k; r++) {
        const int16_t *row = (const int16_t *)((const int8_t *)s + r * rb);
        for (int32_t j = 0; j < m; j++) {
            acc = __smlad(pair_at(row, 2 * j), w->ab[r * (k - 1) + j], acc);
        }
        acc = __smlabt(pair_at(row, 2 * m), w->ab[r * (k - 1) + 2 * m - 1], acc);
    }
    return acc;
}

/* Two neighbouring outputs (stride 1) of a K x K window at s. */
static inline __attribute__((always_inline)) void taps_pair(int32_t *acc0, int32_t *acc1, const int16_t *s,
                                                            int32_t rb, const packed_taps *w, int32_t k)
{
    const int32_t m = (k - 1) / 2;
    int32_t a0 = *acc0, a1 = *acc1;
    for (int32_t r = 0; r < k; r++) {
        const int16_t *row = (const int16_t *)((const int8_t *)s + r * rb);
        const int32_t p0 = pair_at(row, 0);
        a0 = __smlad(p0, w->ab[r * (k - 1) + 0], a0);
        a1 = __smlatb(p0, w->ab[r * (k - 1) + 0], a1);
        for (int32_t j = 1; j < m; j++) {
            const int32_t pj = pair_at(row, 2 * j);
            a0 = __smlad(pj, w->ab[r * (k - 1) + j], a0);
            a1 = __smlad(pj, w->ab[r * (k - 1) + m + j - 1], a1);
        }
        const int32_t pl = pair_at(row, 2 * m);
        a0 = __smlabt(pl, w->ab[r * (k - 1) + 2 * m - 1], a0);
        a1 = __smlad(pl, w->ab[r * (k - 1) + 2 * m - 1], a1);
    }
    *acc0 = a0;
    *acc1 = a1;
}

/* Output rows of one channel; small: every output takes the SMMULR route
 * and the int8 clamp only (decided once, outside the loops). */
static inline __attribute__((always_inline)) void
plane_rows(const int16_t *plane, int32_t rb, int32_t k, int32_t sh, int32_t sw, int32_t oh, int32_t ow,
           const plane_params *pp, int32_t start, const chan_quant *q, int32_t small, int8_t *out, int32_t c)
{
    const packed_taps *w = &pp->w;
    const int32_t m = pp->multiplier, round = pp->round, e2 = pp->e2;
    for (int32_t oy = 0; oy < oh; oy++) {
        const int16_t *s = (const int16_t *)((const int8_t *)plane + oy * sh * rb);
        int8_t *o = out + oy * ow * c;
        int32_t ox = 0;
#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
        if (k == 3 && small && sw == 1 && ow >= 4) {
            row4_small(o, c, s, rb, pp, s + (ow & ~3));
            ox = ow & ~3;
            o += ox * c;
            s += ox;
        }
        if (k == 3 && small) {
            /* the loop ends on a pointer: no counter stays live across the block */
            const int16_t *const pairs_end = s + ((ow - ox) & ~1) * sw;
            for (; s != pairs_end; o += 2 * c, s += 2 * sw) {
                taps3_pair_small(o, c, s, rb, pp, start, sw);
            }
            ox += (ow - ox) & ~1;
            o = out + oy * ow * c + ox * c;
        }
#endif
        if (sw == 1) {
            for (; ox + 2 <= ow; ox += 2, o += 2 * c, s += 2) {
                int32_t acc0 = start, acc1 = start;
                taps_pair(&acc0, &acc1, s, rb, w, k);
                if (small) {
                    o[0] = tsn_requant_ssat_small(acc0, m, round, e2);
                    o[c] = tsn_requant_ssat_small(acc1, m, round, e2);
                } else {
                    o[0] = requant(q, acc0);
                    o[c] = requant(q, acc1);
                }
            }
        }
        for (; ox < ow; ox++, o += c, s += sw) {
            const int32_t acc = taps_one(start, s, rb, w, k);
            o[0] = small ? tsn_requant_ssat_small(acc, m, round, e2) : requant(q, acc);
        }
    }
}

static void __attribute__((noinline)) plane_channel(const int16_t *plane, int32_t rb, int32_t k, int32_t sh,
                                                    int32_t sw, int32_t oh, int32_t ow, const plane_params *pp,
                                                    int32_t start, const chan_quant *q, int8_t *out, int32_t c)
{
    const int32_t small = q->small && q->act_min == -128 && q->act_max == 127;
    /* constant K and route: the tap loops unroll and no test stays in them */
    if (k == 3 && small && sw == 1) {
        plane_rows(plane, rb, 3, sh, 1, oh, ow, pp, start, q, 1, out, c);
    } else if (k == 3 && small) {
        plane_rows(plane, rb, 3, sh, 2, oh, ow, pp, start, q, 1, out, c);
    } else if (k == 3) {
        plane_rows(plane, rb, 3, sh, sw, oh, ow, pp, start, q, 0, out, c);
    } else if (k == 5) {
        plane_rows(plane, rb, 5, sh, sw, oh, ow, pp, start, q, small, out, c);
    } else {
        plane_rows(plane, rb, 7, sh, sw, oh, ow, pp, start, q, small, out, c);
    }
}
#endif

/* One output channel from the plane: its requantisation and packed taps
 * worked out, then the rows. f: the channel's taps, fs apart (row-major);
 * start: the accumulators' start; o: its first output, c bytes apart. */
static void plane_output_channel(const int16_t *plane, int32_t pw, int32_t k, tsn_tile stride, int32_t oh,
                                 int32_t ow, const int8_t *f, int32_t fs, int32_t start, int32_t multiplier,
                                 int32_t shift, int32_t out_off, tsn_activation act, int8_t *o, int32_t c)
{
    chan_quant q;
    q.multiplier = multiplier;
    q.shift = shift;
    q.e1 = -shift - 1;
    q.e2 = q.e1 + 1;
    q.out_off = out_off;
    q.act_min = act.min;
    q.act_max = act.max;
    q.small = tsn_requant_is_short(multiplier, shift) && q.e1 <= 21 && start > -(1 << 29) && start < (1 << 29) &&
              q.act_min >= -128 && q.act_max <= 127;
    /* (only used when small: e1 <= 21, so no shift here overflows) */
    q.round = q.small ? (1 << q.e1) + q.out_off * (1 << q.e2) : 0;
#if TSN_USE_DSP
    plane_params pp;
    const int32_t m = (k - 1) / 2;
    for (int32_t r = 0; r < k; r++) {
        const int8_t *fr = f + r * k * fs;
        for (int32_t j = 0; j < m; j++) {
            const int32_t w0 = fr[2 * j * fs], w1 = fr[(2 * j + 1) * fs], w2 = fr[(2 * j + 2) * fs];
            pp.w.ab[r * (k - 1) + j] = (int32_t)(((uint32_t)w0 & 0xFFFFu) | ((uint32_t)w1 << 16));
            pp.w.ab[r * (k - 1) + m + j] = (int32_t)(((uint32_t)w1 & 0xFFFFu) | ((uint32_t)w2 << 16));
        }
    }
    pp.multiplier = q.multiplier;
    pp.round = q.round;
    pp.e2 = q.e2;
    pp.start = start;
    plane_channel(plane, pw * 2, k, stride.h, stride.w, oh, ow, &pp, start, &q, o, c);
#else
    for (int32_t oy = 0; oy < oh; oy++) {
        for (int32_t ox = 0; ox < ow; ox++) {
            const int16_t *s = plane + oy * stride.h * pw + ox * stride.w;
            int32_t acc = start;
            for (int32_t r = 0; r < k; r++) {
                for (int32_t t = 0; t < k; t++) {
                    acc += f[(r * k + t) * fs] * s[r * pw + t];
                }
            }
            o[(oy * ow + ox) * c] = requant(&q, acc);
        }
    }
#endif
}

/* Input channel ch (of c) plus add, inside the padding of the plane. */
static void fill_plane(int16_t *plane, int32_t pw, tsn_tile pad, const int8_t *in, int32_t in_h, int32_t in_w,
                       int32_t c, int32_t add)
{
    const int8_t *src = in;
    for (int32_t iy = 0; iy < in_h; iy++) {
        int16_t *dst = plane + (iy + pad.h) * pw + pad.w;
        for (int32_t ix = 0; ix < in_w; ix++, src += c) {
            dst[ix] = (int16_t)(*src + add);
        }
    }
}

tsn_status tsn_depthwise_conv_plane_s8(const tsn_context *ctx, const tsn_dw_conv_params *dw_conv_params,
                                       const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                       const int8_t *input_data, const tsn_dims *filter_dims,
                                       const int8_t *filter_data, const int32_t *bias_data,
                                       const tsn_dims *output_dims, int8_t *output_data)
{
    const tsn_dw_conv_params *p = dw_conv_params;
    if (!ctx || !p || !quant_params || !input_dims || !input_data || !filter_dims || !filter_data ||
        !output_dims || !output_data || !tsn_depthwise_conv_plane_s8_applies(p, input_dims, filter_dims,
                                                                            output_dims) ||
        !ctx->buf || ctx->size < tsn_depthwise_conv_plane_s8_get_buffer_size(p, input_dims, filter_dims) ||
        ((uintptr_t)ctx->buf & 3) != 0) {
        return TSN_ARG_ERROR;
    }
    const int32_t in_h = input_dims->h, in_w = input_dims->w, c = input_dims->c;
    const int32_t oh = output_dims->h, ow = output_dims->w;
    const int32_t k = filter_dims->h;
    const int32_t ph = plane_h(p->padding, input_dims), pw = plane_w(p->padding, input_dims);
    int16_t *const plane = (int16_t *)ctx->buf;
    /* the padding stays zero (an input zero point plus its offset) for every channel */
    for (int32_t i = 0; i < ph * pw; i++) {
        plane[i] = 0;
    }
    for (int32_t n = 0; n < input_dims->n; n++) {
        const int8_t *in = input_data + n * in_h * in_w * c;
        int8_t *out = output_data + n * oh * ow * c;
        for (int32_t ch = 0; ch < c; ch++) {
            const int32_t qi = quant_params->per_channel ? ch : 0;
            fill_plane(plane, pw, p->padding, in + ch, in_h, in_w, c, p->input_offset);
            plane_output_channel(plane, pw, k, p->stride, oh, ow, filter_data + ch, c,
                                 bias_data ? bias_data[ch] : 0, quant_params->multiplier[qi],
                                 quant_params->shift[qi], p->output_offset, p->activation, out + ch, c);
        }
    }
    return TSN_SUCCESS;
}

int32_t tsn_convolve_plane_start_s8_get_buffer_size(const tsn_conv_params *conv_params, const tsn_dims *input_dims,
                                                    const tsn_dims *filter_dims)
{
    return input_dims->c == 1 && filter_dims->c == 1 && filter_dims->h == filter_dims->w &&
                   (filter_dims->h & 1) && filter_dims->h >= 3 && filter_dims->h <= 7
               ? plane_h(conv_params->padding, input_dims) * plane_w(conv_params->padding, input_dims) * 2
               : 0;
}

tsn_status tsn_convolve_plane_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                       const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                       const int8_t *input_data, const tsn_dims *filter_dims,
                                       const int8_t *filter_data, const int32_t *start,
                                       const tsn_dims *output_dims, int8_t *output_data)
{
    const tsn_conv_params *p = conv_params;
    const int32_t need = p && input_dims && filter_dims
                             ? tsn_convolve_plane_start_s8_get_buffer_size(p, input_dims, filter_dims)
                             : 0;
    if (!ctx || !p || !quant_params || !input_dims || !input_data || !filter_dims || !filter_data || !start ||
        !output_dims || !output_data || need == 0 || !ctx->buf || ctx->size < need ||
        ((uintptr_t)ctx->buf & 3) != 0 || output_dims->c != filter_dims->n ||
        !plane_geometry_ok(filter_dims->h, filter_dims->w, p->stride, p->dilation, p->padding, input_dims,
                           output_dims)) {
        return TSN_ARG_ERROR;
    }
    const int32_t in_h = input_dims->h, in_w = input_dims->w;
    const int32_t oh = output_dims->h, ow = output_dims->w, out_ch = output_dims->c;
    const int32_t k = filter_dims->h;
    const int32_t ph = plane_h(p->padding, input_dims), pw = plane_w(p->padding, input_dims);
    int16_t *const plane = (int16_t *)ctx->buf;
    /* the start values hold the input offset, so the plane holds the raw input
     * and its padding the input zero point */
    const int16_t zero_point = (int16_t)(-p->input_offset);
    for (int32_t i = 0; i < ph * pw; i++) {
        plane[i] = zero_point;
    }
    for (int32_t n = 0; n < input_dims->n; n++) {
        fill_plane(plane, pw, p->padding, input_data + n * in_h * in_w, in_h, in_w, 1, 0);
        int8_t *out = output_data + n * oh * ow * out_ch;
        /* every output channel reads the one plane */
        for (int32_t oc = 0; oc < out_ch; oc++) {
            const int32_t qi = quant_params->per_channel ? oc : 0;
            plane_output_channel(plane, pw, k, p->stride, oh, ow, filter_data + oc * k * k, 1, start[oc],
                                 quant_params->multiplier[qi], quant_params->shift[qi], p->output_offset,
                                 p->activation, out + oc, out_ch);
        }
    }
    return TSN_SUCCESS;
}
