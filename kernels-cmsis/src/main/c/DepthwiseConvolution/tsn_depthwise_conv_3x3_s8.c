/*
 * 3x3 int8 depthwise convolution, depth multiplier 1, no dilation,
 * stride 1 or 2, padding <= 1 (the MobileNet case).
 *
 * Per output pixel the valid tap window [ky0,ky1) x [kx0,kx1) is computed once,
 * so the channel loops carry no bounds checks. The DSP body takes four channels
 * per pass over the image: their weights are widened once, interior pixels run
 * the nine taps as straight-line code (no tap loop to mispredict), inputs are
 * widened with SXTAB16 and accumulated with SMLABB / SMLATT.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

/* The widened copy's rows and columns: the input, its padding on both sides
 * and one more (SAME with stride 2 pads the end only, where the padding
 * field says 0). */
static int32_t wide_rows(const tsn_dw_conv_params *p, const tsn_dims *in)
{
    return in->h + 2 * p->padding.h + 1;
}

static int32_t wide_cols(const tsn_dw_conv_params *p, const tsn_dims *in)
{
    return in->w + 2 * p->padding.w + 1;
}

/* Two words per position: channels (0, 2) and (1, 3) of a group of four as
 * int16, each plus the input offset. Only small maps ask for it (at most
 * TSN_DW3_WIDE_MAX bytes): there it beats the direct route (6x6x128 -11 %,
 * 3x3x256 -9 %, on the board); on larger ones, where the direct route runs
 * long interior rows and the copy outgrows the data cache, it loses
 * (24x24x32 stride 2 +10 %). */
#define TSN_DW3_WIDE_MAX 1024
int32_t tsn_depthwise_conv_3x3_s8_get_buffer_size(const tsn_dw_conv_params *dw_conv_params,
                                                  const tsn_dims *input_dims, const tsn_dims *filter_dims)
{
    (void)filter_dims;
    if (!dw_conv_params || !input_dims || input_dims->c < 4) {
        return 0;
    }
    const int32_t bytes = wide_rows(dw_conv_params, input_dims) * wide_cols(dw_conv_params, input_dims) * 8;
    return bytes <= TSN_DW3_WIDE_MAX ? bytes : 0;
}

#if TSN_USE_DSP
/* Tap positions of the largest padded image taken as a copy: an 8x8 one,
 * i.e. a 6x6 input with padding 1, 256 bytes of stack. */
#define PLANE_WORDS 64

/* Four channels [ch, ch + 4) of the layer, prepared once per pass over the
 * image: the nine taps' weights widened, the accumulators' start (bias) and
 * the requantisation. */
typedef struct {
    int32_t w[18]; /* tap t: w[2t] lanes {0,2}, w[2t + 1] lanes {1,3} */
    int32_t row;   /* input row bytes of the current interior run (read by taps9 as w[18]) */
    int32_t start[4];
    /* start plus input offset x the nine weights: interior pixels add the
     * taps without the offset */
    int32_t start_interior[4];
    int32_t multiplier[4], shift[4], e1[4];
    int32_t all_short; /* every channel takes tsn_requant_clamp_short */
    int32_t ssat_only; /* ... and the activation clamps nothing beyond int8 */
    /* ... and no accumulator can leave [-2^30, 2^30) (|start| < 2^29, and
     * nine taps of |x + offset| <= 255 times |w| <= 128 add less than 2^29)
     * and every e1 <= 21: each output is one tsn_requant_ssat_small, no
     * per-pixel range test */
    int32_t small;
    int32_t round[4], e2[4];
    int32_t off2, out_off, act_min, act_max;
} dw_group;

typedef struct {
    int32_t a0, a1, a2, a3;
} acc4;

/* One tap of four channels: x lanes {0,2} meet w_lo, {1,3} meet w_hi. */
static inline __attribute__((always_inline)) acc4 tap(acc4 a, const int8_t *src, int32_t w_lo, int32_t w_hi,
                                                      int32_t off2)
{
    const int32_t xw = tsn_read_s8x4(src);
    const int32_t x0 = __sxtab16(off2, xw);
    const int32_t x1 = tsn_sxtab16_ror8(off2, xw);
    a.a0 = __smlabb(x0, w_lo, a.a0);
    a.a2 = __smlatt(x0, w_lo, a.a2);
    a.a1 = __smlabb(x1, w_hi, a.a1);
    a.a3 = __smlatt(x1, w_hi, a.a3);
    return a;
}

/* One byte store as it is written: GCC would merge four adjacent ones into a
 * word built with SXTB and BFI, eight instructions that issue alone. */
static inline __attribute__((always_inline)) void tsn_store_s8(int8_t *p, int32_t v)
{
#if defined(__arm__) && !defined(TSN_HOST_ACLE)
    __asm__("strb %1, %0" : "=m"(*p) : "r"(v));
#else
    *p = (int8_t)v;
#endif
}

#if defined(__arm__) && !defined(TSN_HOST_ACLE)
/* tsn_requant_ssat_small of the four channels as interleaved chains (GCC
 * runs them one after the other through a single temporary): per channel
 * h = SMMULR(acc << 1, multiplier), (h + (h >> 31) + round) >> e2, SSAT. */
#define TSN_DW_Q(f, j) "[%[g], #" #f "+" #j "*4]"
static inline __attribute__((always_inline)) void store4_small(const dw_group *g, acc4 a, int8_t *o)
{
    int32_t t0, t1, t2, t3;
    __asm__("ldr    %[t0], " TSN_DW_Q(%c[m], 0) "\n\t"
            "lsl    %[a0], %[a0], #1\n\t"
            "ldr    %[t1], " TSN_DW_Q(%c[m], 1) "\n\t"
            "lsl    %[a1], %[a1], #1\n\t"
            "ldr    %[t2], " TSN_DW_Q(%c[m], 2) "\n\t"
            "lsl    %[a2], %[a2], #1\n\t"
            "ldr    %[t3], " TSN_DW_Q(%c[m], 3) "\n\t"
            "lsl    %[a3], %[a3], #1\n\t"
            "smmulr %[a0], %[a0], %[t0]\n\t"
            "ldr    %[t0], " TSN_DW_Q(%c[r], 0) "\n\t"
            "smmulr %[a1], %[a1], %[t1]\n\t"
            "ldr    %[t1], " TSN_DW_Q(%c[r], 1) "\n\t"
            "smmulr %[a2], %[a2], %[t2]\n\t"
            "ldr    %[t2], " TSN_DW_Q(%c[r], 2) "\n\t"
            "smmulr %[a3], %[a3], %[t3]\n\t"
            "ldr    %[t3], " TSN_DW_Q(%c[r], 3) "\n\t"
            "add    %[t0], %[t0], %[a0], asr #31\n\t"
            "add    %[t1], %[t1], %[a1], asr #31\n\t"
            "add    %[a0], %[a0], %[t0]\n\t"
            "ldr    %[t0], " TSN_DW_Q(%c[e], 0) "\n\t"
            "add    %[t2], %[t2], %[a2], asr #31\n\t"
            "add    %[a1], %[a1], %[t1]\n\t"
            "ldr    %[t1], " TSN_DW_Q(%c[e], 1) "\n\t"
            "add    %[t3], %[t3], %[a3], asr #31\n\t"
            "add    %[a2], %[a2], %[t2]\n\t"
            "ldr    %[t2], " TSN_DW_Q(%c[e], 2) "\n\t"
            "add    %[a3], %[a3], %[t3]\n\t"
            "ldr    %[t3], " TSN_DW_Q(%c[e], 3) "\n\t"
            "asr    %[a0], %[a0], %[t0]\n\t"
            "asr    %[a1], %[a1], %[t1]\n\t"
            "ssat   %[a0], #8, %[a0]\n\t"
            "asr    %[a2], %[a2], %[t2]\n\t"
            "ssat   %[a1], #8, %[a1]\n\t"
            "asr    %[a3], %[a3], %[t3]\n\t"
            "ssat   %[a2], #8, %[a2]\n\t"
            "strb   %[a0], [%[o]]\n\t"
            "ssat   %[a3], #8, %[a3]\n\t"
            "strb   %[a1], [%[o], #1]\n\t"
            "strb   %[a2], [%[o], #2]\n\t"
            "strb   %[a3], [%[o], #3]\n\t"
            : [a0] "+&r"(a.a0), [a1] "+&r"(a.a1), [a2] "+&r"(a.a2), [a3] "+&r"(a.a3), [t0] "=&r"(t0),
              [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), "=m"(*(int8_t(*)[4])o)
            : [g] "r"(g), [o] "r"(o), [m] "i"(__builtin_offsetof(dw_group, multiplier)),
              [r] "i"(__builtin_offsetof(dw_group, round)), [e] "i"(__builtin_offsetof(dw_group, e2)),
              "m"(*g));
}
#endif

/* The four results are worked out before any is stored: an int8 store may
 * alias *g, and storing each as it is ready would reload g's fields after it
 * and chain the four requantisations one behind the other. */
static inline __attribute__((always_inline)) void store4(const dw_group *g, acc4 a, int8_t *o)
{
    int32_t r0, r1, r2, r3; /* each in [-128, 127] */
#if defined(__arm__) && !defined(TSN_HOST_ACLE)
    if (g->small) {
        store4_small(g, a, o);
        return;
    }
#endif
    if (g->small) {
        r0 = tsn_requant_ssat_small(a.a0, g->multiplier[0], g->round[0], g->e2[0]);
        r1 = tsn_requant_ssat_small(a.a1, g->multiplier[1], g->round[1], g->e2[1]);
        r2 = tsn_requant_ssat_small(a.a2, g->multiplier[2], g->round[2], g->e2[2]);
        r3 = tsn_requant_ssat_small(a.a3, g->multiplier[3], g->round[3], g->e2[3]);
    } else if (g->ssat_only && tsn_small4(a.a0, a.a1, a.a2, a.a3)) {
        const int32_t off = g->out_off;
        r0 = __ssat(tsn_requant_short_small(a.a0, g->multiplier[0], g->e1[0]) + off, 8);
        r1 = __ssat(tsn_requant_short_small(a.a1, g->multiplier[1], g->e1[1]) + off, 8);
        r2 = __ssat(tsn_requant_short_small(a.a2, g->multiplier[2], g->e1[2]) + off, 8);
        r3 = __ssat(tsn_requant_short_small(a.a3, g->multiplier[3], g->e1[3]) + off, 8);
    } else if (g->ssat_only) {
        /* no activation clamp beyond int8: one SSAT */
        const int32_t off = g->out_off;
        r0 = __ssat(tsn_requant_short(a.a0, g->multiplier[0], g->e1[0]) + off, 8);
        r1 = __ssat(tsn_requant_short(a.a1, g->multiplier[1], g->e1[1]) + off, 8);
        r2 = __ssat(tsn_requant_short(a.a2, g->multiplier[2], g->e1[2]) + off, 8);
        r3 = __ssat(tsn_requant_short(a.a3, g->multiplier[3], g->e1[3]) + off, 8);
    } else if (g->all_short) {
        r0 = tsn_requant_clamp_short(a.a0, g->multiplier[0], g->e1[0], g->out_off, g->act_min, g->act_max);
        r1 = tsn_requant_clamp_short(a.a1, g->multiplier[1], g->e1[1], g->out_off, g->act_min, g->act_max);
        r2 = tsn_requant_clamp_short(a.a2, g->multiplier[2], g->e1[2], g->out_off, g->act_min, g->act_max);
        r3 = tsn_requant_clamp_short(a.a3, g->multiplier[3], g->e1[3], g->out_off, g->act_min, g->act_max);
    } else {
        r0 = tsn_requant_clamp(a.a0, g->multiplier[0], g->shift[0], g->out_off, g->act_min, g->act_max);
        r1 = tsn_requant_clamp(a.a1, g->multiplier[1], g->shift[1], g->out_off, g->act_min, g->act_max);
        r2 = tsn_requant_clamp(a.a2, g->multiplier[2], g->shift[2], g->out_off, g->act_min, g->act_max);
        r3 = tsn_requant_clamp(a.a3, g->multiplier[3], g->shift[3], g->out_off, g->act_min, g->act_max);
    }
    tsn_store_s8(o, r0);
    tsn_store_s8(o + 1, r1);
    tsn_store_s8(o + 2, r2);
    tsn_store_s8(o + 3, r3);
}

#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
/* The nine taps of one interior pixel, four channels, without input offset
 * (start_interior holds it). Scheduled for the M7's pairing rules ([J] in
 * emulator/CYCLE_MODEL.md): SXTB16 issues only in the older slot and two
 * multiplies never pair, so a tap is five cycles: its two SXTB16 each carry
 * one of the previous tap's last SMLAxy, and its first two SMLAxy carry the
 * loads of its second weight word and of the next tap's input word. Row
 * pointers: s for taps 0 and 1 of a row, y = s + c for tap 2, s + y for the
 * next row's first tap with y = row, read from w[18] (one register less:
 * GCC has none to spare around the block). */
#define TSN_DW_TAP(t, next_load, alu)                                \
    "sxtb16 %[x0], %[x]\n\t"                                         \
    "smlabb %[a1], %[x1], %[wh], %[a1]\n\t"                          \
    "smlatt %[a3], %[x1], %[wh], %[a3]\n\t"                          \
    "ldr    %[wl], [%[w], #" #t "*8]\n\t"                            \
    "sxtb16 %[x1], %[x], ror #8\n\t"                                 \
    "ldr    %[wh], [%[w], #" #t "*8+4]\n\t"                          \
    "smlabb %[a0], %[x0], %[wl], %[a0]\n\t" next_load                \
    "smlatt %[a2], %[x0], %[wl], %[a2]\n\t" alu
#define TSN_DW_LOAD_C "ldr    %[x], [%[s], %[c]]\n\t"
#define TSN_DW_LOAD_Y "ldr    %[x], [%[y], %[c]]\n\t"
#define TSN_DW_LOAD_ROW "ldr    %[x], [%[s], %[y]]\n\t"
#define TSN_DW_Y "add    %[y], %[s], %[c]\n\t"
#define TSN_DW_ROW "ldr    %[y], [%[w], #72]\n\t"
#define TSN_DW_NEXT_ROW "add    %[s], %[s], %[y]\n\t"
_Static_assert(__builtin_offsetof(dw_group, row) == 72, "taps9 reads the row bytes at w + 72");

static inline __attribute__((always_inline)) acc4 taps9(acc4 a, const int8_t *s, int32_t c, int32_t row,
                                                        const int32_t *w)
{
    (void)row; /* w[18] */
    int32_t x, x0, x1 = 0, wl, wh = 0, y;
    /* x1 * wh = 0 feeds the first tap's carried multiplies */
    __asm__("ldr    %[x], [%[s]]\n\t"
            TSN_DW_TAP(0, TSN_DW_LOAD_C, TSN_DW_Y)
            TSN_DW_TAP(1, TSN_DW_LOAD_Y, TSN_DW_ROW)
            TSN_DW_TAP(2, TSN_DW_LOAD_ROW, TSN_DW_NEXT_ROW)
            TSN_DW_TAP(3, TSN_DW_LOAD_C, TSN_DW_Y)
            TSN_DW_TAP(4, TSN_DW_LOAD_Y, TSN_DW_ROW)
            TSN_DW_TAP(5, TSN_DW_LOAD_ROW, TSN_DW_NEXT_ROW)
            TSN_DW_TAP(6, TSN_DW_LOAD_C, TSN_DW_Y)
            TSN_DW_TAP(7, TSN_DW_LOAD_Y, "")
            TSN_DW_TAP(8, "", "")
            "smlabb %[a1], %[x1], %[wh], %[a1]\n\t"
            "smlatt %[a3], %[x1], %[wh], %[a3]\n\t"
            : [a0] "+r"(a.a0), [a1] "+r"(a.a1), [a2] "+r"(a.a2), [a3] "+r"(a.a3), [s] "+r"(s),
              [x] "=&r"(x), [x0] "=&r"(x0), [x1] "+r"(x1), [wl] "=&r"(wl), [wh] "+r"(wh), [y] "=&r"(y)
            : [c] "r"(c), [w] "r"(w)
            : "memory");
    return a;
}
#else
static inline __attribute__((always_inline)) acc4 taps9(acc4 a, const int8_t *s, int32_t c, int32_t row,
                                                        const int32_t *w)
{
    for (int32_t ky = 0; ky < 3; ky++) {
        for (int32_t kx = 0; kx < 3; kx++) {
            const int32_t t = ky * 3 + kx;
            a = tap(a, s + ky * row + kx * c, w[2 * t], w[2 * t + 1], 0);
        }
    }
    return a;
}
#endif

#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
/* The nine taps of one pixel, four channels, from the widened copy: per tap
 * the words (0, 2) and (1, 3) of the input and of the weights, four SMLAxy.
 * Every multiply carries one load (a loaded word feeds a multiply two cycles
 * later), so a tap is four cycles by the pairing rules ([J] in
 * emulator/CYCLE_MODEL.md), against five when SXTB16 widens in the loop.
 * The taps' words rotate through three register pairs: a pair is loaded two
 * multiplies after its last reader. r0, r1, r2: the window's rows. */
#define TSN_DWW_TAP(XA, WA, XB, WB, XN, WN, row_n, off_n, wn)             \
    "smlabb %[a0], %[" #XA "], %[" #WA "], %[a0]\n\t"                      \
    "ldr    %[" #XN "], [%[" row_n "], #" #off_n "]\n\t"                   \
    "smlatt %[a2], %[" #XA "], %[" #WA "], %[a2]\n\t"                      \
    "ldr    %[" #WN "], [%[w], #" #wn "]\n\t"                              \
    "smlabb %[a1], %[" #XB "], %[" #WB "], %[a1]\n\t"                      \
    "ldr    %[" #XA "], [%[" row_n "], #" #off_n "+4]\n\t"                 \
    "smlatt %[a3], %[" #XB "], %[" #WB "], %[a3]\n\t"                      \
    "ldr    %[" #WA "], [%[w], #" #wn "+4]\n\t"
/* tap t's (0, 2) words are in XA/WA and its (1, 3) words in XB/WB; it loads
 * tap t + 1's (0, 2) words into XN/WN and (1, 3) words into XA/WA. */
static inline __attribute__((always_inline)) acc4 taps9_wide(acc4 a, const int32_t *r0, const int32_t *r1,
                                                             const int32_t *r2, const int32_t *w)
{
    int32_t p0, q0, p1, q1, p2, q2;
    __asm__("ldr    %[p0], [%[r0]]\n\t"
            "ldr    %[q0], [%[w]]\n\t"
            "ldr    %[p1], [%[r0], #4]\n\t"
            "ldr    %[q1], [%[w], #4]\n\t"
            /* tap 0: (p0,q0) (p1,q1); next (p2,q2) (p0,q0) */
            TSN_DWW_TAP(p0, q0, p1, q1, p2, q2, "r0", 8, 8)
            /* tap 1: (p2,q2) (p0,q0); next (p1,q1) (p2,q2) */
            TSN_DWW_TAP(p2, q2, p0, q0, p1, q1, "r0", 16, 16)
            /* tap 2 */
            TSN_DWW_TAP(p1, q1, p2, q2, p0, q0, "r1", 0, 24)
            TSN_DWW_TAP(p0, q0, p1, q1, p2, q2, "r1", 8, 32)
            TSN_DWW_TAP(p2, q2, p0, q0, p1, q1, "r1", 16, 40)
            TSN_DWW_TAP(p1, q1, p2, q2, p0, q0, "r2", 0, 48)
            TSN_DWW_TAP(p0, q0, p1, q1, p2, q2, "r2", 8, 56)
            TSN_DWW_TAP(p2, q2, p0, q0, p1, q1, "r2", 16, 64)
            /* tap 8: (p1,q1) (p2,q2), nothing left to load */
            "smlabb %[a0], %[p1], %[q1], %[a0]\n\t"
            "smlatt %[a2], %[p1], %[q1], %[a2]\n\t"
            "smlabb %[a1], %[p2], %[q2], %[a1]\n\t"
            "smlatt %[a3], %[p2], %[q2], %[a3]\n\t"
            : [a0] "+r"(a.a0), [a1] "+r"(a.a1), [a2] "+r"(a.a2), [a3] "+r"(a.a3), [p0] "=&r"(p0), [q0] "=&r"(q0),
              [p1] "=&r"(p1), [q1] "=&r"(q1), [p2] "=&r"(p2), [q2] "=&r"(q2)
            : [r0] "r"(r0), [r1] "r"(r1), [r2] "r"(r2), [w] "r"(w), "m"(*(const int32_t(*)[18])w)
            : "memory");
    return a;
}
#else
static inline __attribute__((always_inline)) acc4 taps9_wide(acc4 a, const int32_t *r0, const int32_t *r1,
                                                             const int32_t *r2, const int32_t *w)
{
    const int32_t *rows[3] = {r0, r1, r2};
    for (int32_t ky = 0; ky < 3; ky++) {
        for (int32_t kx = 0; kx < 3; kx++) {
            const int32_t t = ky * 3 + kx;
            const int32_t lo = rows[ky][2 * kx], hi = rows[ky][2 * kx + 1];
            a.a0 = __smlabb(lo, w[2 * t], a.a0);
            a.a2 = __smlatt(lo, w[2 * t], a.a2);
            a.a1 = __smlabb(hi, w[2 * t + 1], a.a1);
            a.a3 = __smlatt(hi, w[2 * t + 1], a.a3);
        }
    }
    return a;
}
#endif

/* Every output pixel of the group from its widened copy (cols positions a
 * row, two words each; the offset is in the copy, so the accumulators start
 * at the bias). */
static void __attribute__((noinline)) wide_group(const dw_group *g, const int32_t *copy, int32_t cols,
                                                 int32_t oh, int32_t ow, int32_t sh, int32_t sw, int8_t *o,
                                                 int32_t c)
{
    const int32_t row_words = 2 * cols;
    for (int32_t oy = 0; oy < oh; oy++) {
        const int32_t *r0 = copy + oy * sh * row_words;
        for (int32_t ox = 0; ox < ow; ox++, r0 += 2 * sw, o += c) {
            acc4 a = {g->start[0], g->start[1], g->start[2], g->start[3]};
            a = taps9_wide(a, r0, r0 + row_words, r0 + 2 * row_words, g->w);
            store4(g, a, o);
        }
    }
}

/* n interior pixels of one output row: all nine taps inside the input, as
 * straight-line code (no tap loop to mispredict). s: the first window's top
 * left tap; step: input bytes between windows; c: bytes between the taps of a
 * row; row: input row bytes; o: the first output; o_step: bytes between
 * outputs. */
static void __attribute__((noinline)) interior_run(dw_group *g, const int8_t *s, int32_t n, int32_t step,
                                                   int32_t c, int32_t row, int8_t *o, int32_t o_step)
{
    g->row = row;
    for (; n > 0; n--, s += step, o += o_step) {
        acc4 a = {g->start_interior[0], g->start_interior[1], g->start_interior[2], g->start_interior[3]};
        a = taps9(a, s, c, row, g->w);
        store4(g, a, o);
    }
}

/* A border pixel: only the taps [ky0, ky1) x [kx0, kx1) inside the input;
 * no pointer is formed off the input for the others. */
static void __attribute__((noinline)) border_pixel(const dw_group *g, const int8_t *in, int32_t in_w,
                                                   int32_t c, int32_t y0, int32_t x0, int32_t ky0,
                                                   int32_t ky1, int32_t kx0, int32_t kx1, int8_t *o)
{
    acc4 a = {g->start[0], g->start[1], g->start[2], g->start[3]};
    for (int32_t ky = ky0; ky < ky1; ky++) {
        for (int32_t kx = kx0; kx < kx1; kx++) {
            const int32_t t = ky * 3 + kx;
            a = tap(a, in + ((y0 + ky) * in_w + x0 + kx) * c, g->w[2 * t], g->w[2 * t + 1], g->off2);
        }
    }
    store4(g, a, o);
}
#endif

tsn_status tsn_depthwise_conv_3x3_s8(const tsn_context *ctx, const tsn_dw_conv_params *dw_conv_params,
                                     const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                     const int8_t *input_data, const tsn_dims *filter_dims,
                                     const int8_t *filter_data, const int32_t *bias_data,
                                     const tsn_dims *output_dims, int8_t *output_data)
{
#if !TSN_USE_DSP
    (void)ctx; /* the portable body has no widened route */
#endif
    const tsn_dw_conv_params *p = dw_conv_params;
    if (!p || !quant_params || !input_dims || !input_data || !filter_dims || !filter_data ||
        !output_dims || !output_data) {
        return TSN_ARG_ERROR;
    }
    if (filter_dims->h != 3 || filter_dims->w != 3 || p->ch_mult != 1 ||
        p->dilation.h != 1 || p->dilation.w != 1 ||
        p->stride.h < 1 || p->stride.h > 2 || p->stride.w < 1 || p->stride.w > 2 ||
        p->padding.h < 0 || p->padding.h > 1 || p->padding.w < 0 || p->padding.w > 1 ||
        filter_dims->c != input_dims->c || output_dims->c != input_dims->c) {
        return TSN_ARG_ERROR;
    }

    const int32_t in_h = input_dims->h, in_w = input_dims->w, c = input_dims->c;
    const int32_t in_off = p->input_offset;
    const int32_t out_off = p->output_offset;
    const int32_t act_min = p->activation.min, act_max = p->activation.max;
    /* locals: int8 stores may alias the struct and would force reloads */
    const int32_t pc = quant_params->per_channel;
    const int32_t *qm = quant_params->multiplier;
    const int32_t *qs = quant_params->shift;
    const int32_t sh = p->stride.h, sw = p->stride.w, ph = p->padding.h, pw = p->padding.w;
    const int32_t oh = output_dims->h, ow = output_dims->w;

    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *in = input_data + b * in_h * in_w * c;
        int8_t *out_b = output_data + b * oh * ow * c;
        int32_t ch = 0;
#if TSN_USE_DSP
        /* Four channels per pass over the whole image; rows whose windows are
         * all inside the input run their interior as one straight-line loop. */
        const int32_t row = in_w * c;
        /* first and one-past-last output column whose window is inside the input */
        const int32_t ox_lo = TSN_MIN(ow, (pw + sw - 1) / sw);
        const int32_t ox_hi = TSN_MAX(ox_lo, TSN_MIN(ow, in_w + pw - 3 >= 0 ? (in_w + pw - 3) / sw + 1 : 0));
        /* Small images run from a padded copy of each group's input
         * (PLANE_WORDS words on the stack): most of their pixels are on the
         * border, where the taps inside the input vary per pixel. */
        const int32_t plane_h = (oh - 1) * sh + 3, plane_w = (ow - 1) * sw + 3;
        const int32_t copy_h = TSN_MIN(in_h, plane_h - ph), copy_w = TSN_MIN(in_w, plane_w - pw);
        const int32_t pad4 = (int32_t)((uint32_t)(uint8_t)(-in_off) * 0x01010101u);
        /* the widened route: its scratch given, and every window inside the copy */
        const int32_t rows = wide_rows(p, input_dims), cols = wide_cols(p, input_dims);
        const int32_t wide_bytes = tsn_depthwise_conv_3x3_s8_get_buffer_size(p, input_dims, filter_dims);
        const int wide = wide_bytes > 0 && ctx && ctx->buf && ((uintptr_t)ctx->buf & 3) == 0 &&
                         ctx->size >= wide_bytes &&
                         (oh - 1) * sh + 3 <= rows && (ow - 1) * sw + 3 <= cols;
        if (wide) {
            int32_t *const copy = (int32_t *)ctx->buf;
            for (int32_t i = 0; i < rows * cols * 2; i++) {
                copy[i] = 0;
            }
        }
        for (; ch + 4 <= c; ch += 4) {
            dw_group g;
            g.all_short = 1;
            for (int32_t j = 0; j < 4; j++) {
                const int32_t qi = pc ? ch + j : 0;
                g.start[j] = bias_data ? bias_data[ch + j] : 0;
                g.multiplier[j] = qm[qi];
                g.shift[j] = qs[qi];
                g.e1[j] = -qs[qi] - 1;
                g.all_short &= tsn_requant_is_short(qm[qi], qs[qi]);
            }
            int32_t w_sum[4] = {0, 0, 0, 0};
            for (int32_t t = 0; t < 9; t++) {
                const int32_t w = tsn_read_s8x4(filter_data + t * c + ch);
                g.w[2 * t] = __sxtb16(w);
                g.w[2 * t + 1] = tsn_sxtb16_ror8(w);
                for (int32_t j = 0; j < 4; j++) {
                    w_sum[j] += filter_data[t * c + ch + j];
                }
            }
            for (int32_t j = 0; j < 4; j++) {
                /* wraps as the direct sum would */
                g.start_interior[j] = (int32_t)((uint32_t)g.start[j] + (uint32_t)w_sum[j] * (uint32_t)in_off);
            }
            g.ssat_only = g.all_short && act_min == -128 && act_max == 127;
            g.small = g.ssat_only;
            for (int32_t j = 0; j < 4; j++) {
                /* |start| < 2^29: the taps add at most 9 * 255 * 128 < 2^29 */
                g.small &= g.e1[j] <= 21 && g.start[j] > -(1 << 29) && g.start[j] < (1 << 29);
            }
            for (int32_t j = 0; j < 4; j++) {
                /* (only used when small: e1 <= 21, so no shift here overflows) */
                g.e2[j] = g.e1[j] + 1;
                g.round[j] = g.small ? (1 << g.e1[j]) + out_off * (1 << g.e2[j]) : 0;
            }
            g.off2 = tsn_dup16(in_off);
            g.out_off = out_off;
            g.act_min = act_min;
            g.act_max = act_max;
            const int8_t *in_ch = in + ch;
            if (wide) {
                /* the group's channels of every input position, widened; the
                 * padding stays zero (a zero point plus its offset) */
                int32_t *const copy = (int32_t *)ctx->buf;
                for (int32_t iy = 0; iy < in_h; iy++) {
                    int32_t *dst = copy + ((iy + ph) * cols + pw) * 2;
                    const int8_t *src = in_ch + iy * row;
                    for (int32_t ix = 0; ix < in_w; ix++, src += c, dst += 2) {
                        TSN_WIDEN_OFF(tsn_read_s8x4(src), g.off2, dst[0], dst[1]);
                    }
                }
                wide_group(&g, copy, cols, oh, ow, sh, sw, out_b + ch, c);
                continue;
            }
            if (plane_h * plane_w <= PLANE_WORDS) {
                /* the group's four channels of every tap position, the
                 * padding as input zero points (adding 0): no border pixel */
                int32_t plane[PLANE_WORDS];
                for (int32_t i = 0; i < plane_h * plane_w; i++) {
                    plane[i] = pad4;
                }
                for (int32_t iy = 0; iy < copy_h; iy++) {
                    int32_t *dst = plane + (iy + ph) * plane_w + pw;
                    const int8_t *src = in_ch + iy * row;
                    for (int32_t ix = 0; ix < copy_w; ix++, src += c) {
                        dst[ix] = tsn_read_s8x4(src);
                    }
                }
                for (int32_t oy = 0; oy < oh; oy++) {
                    interior_run(&g, (const int8_t *)(plane + oy * sh * plane_w), ow, sw * 4, 4,
                                 plane_w * 4, out_b + oy * ow * c + ch, c);
                }
                continue;
            }
            for (int32_t oy = 0; oy < oh; oy++) {
                const int32_t y0 = oy * sh - ph;
                const int32_t ky0 = TSN_MAX(0, -y0);
                const int32_t ky1 = TSN_MIN(3, in_h - y0);
                int8_t *out = out_b + oy * ow * c + ch;
                const int32_t full = ky0 == 0 && ky1 == 3;
                for (int32_t ox = 0; ox < ow; ox++) {
                    if (full && ox == ox_lo && ox_hi > ox_lo) {
                        interior_run(&g, in_ch + (y0 * in_w + ox * sw - pw) * c, ox_hi - ox_lo, sw * c,
                                     c, row, out + ox * c, c);
                        ox = ox_hi - 1;
                        continue;
                    }
                    const int32_t x0 = ox * sw - pw;
                    const int32_t kx0 = TSN_MAX(0, -x0);
                    const int32_t kx1 = TSN_MIN(3, in_w - x0);
                    border_pixel(&g, in_ch, in_w, c, y0, x0, ky0, kx1 > kx0 ? ky1 : ky0, kx0, kx1,
                                 out + ox * c);
                }
            }
        }
#endif
        /* Portable body; on the DSP path it finishes the last c % 4 channels. */
        for (int32_t oy = 0; oy < oh; oy++) {
            const int32_t y0 = oy * sh - ph;
            const int32_t ky0 = TSN_MAX(0, -y0);
            const int32_t ky1 = TSN_MIN(3, in_h - y0);
            for (int32_t ox = 0; ox < ow; ox++) {
                const int32_t x0 = ox * sw - pw;
                const int32_t kx0 = TSN_MAX(0, -x0);
                const int32_t kx1 = TSN_MIN(3, in_w - x0);
                /* no valid column: skip the rows too, so no pointer is formed off the input */
                const int32_t ky_end = kx1 > kx0 ? ky1 : ky0;
                int8_t *out = out_b + (oy * ow + ox) * c;
                /* Window origin as an index (may be negative on the padded border;
                 * only valid taps are ever added to it). */
                const int32_t base = (y0 * in_w + x0) * c;
                for (int32_t k = ch; k < c; k++) {
                    int32_t acc = 0;
                    for (int32_t ky = ky0; ky < ky_end; ky++) {
                        for (int32_t kx = kx0; kx < kx1; kx++) {
                            acc += filter_data[(ky * 3 + kx) * c + k] *
                                   (in[base + (ky * in_w + kx) * c + k] + in_off);
                        }
                    }
                    if (bias_data) {
                        acc += bias_data[k];
                    }
                    const int32_t qi = pc ? k : 0;
                    out[k] = tsn_requant_clamp(acc, qm[qi], qs[qi], out_off, act_min, act_max);
                }
            }
        }
    }
    return TSN_SUCCESS;
}
