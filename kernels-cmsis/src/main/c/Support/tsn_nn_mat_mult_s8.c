/*
 * GEMM core shared by tsn_convolve_s8 and tsn_convolve_1x1_s8.
 *
 * out[p][oc] = requant(bias[oc] + sum_i filter[oc][i] * (col_p[i] + input_offset))
 * for the columns p < cols (1 or 2) starting col_stride bytes apart; the rows
 * of out follow each other. Columns are int8 so the scratch stays small; the
 * input offset is added while widening.
 */
#include "tsn_nnsupportfunctions.h"

/* The quantisation parameters are copied into locals by the callers: int8
 * stores may alias anything, so reading them through `quant` would reload the
 * struct after every output byte. */
typedef struct {
    const int32_t *multiplier;
    const int32_t *shift;
    int32_t per_channel;
    int32_t out_offset;
    int32_t act_min;
    int32_t act_max;
} epilogue;

static inline int8_t requant(int32_t acc, int32_t oc, epilogue e)
{
    const int32_t qi = e.per_channel ? oc : 0;
    return tsn_requant_clamp(acc, e.multiplier[qi], e.shift[qi], e.out_offset, e.act_min, e.act_max);
}

#if TSN_USE_DSP

/* Accumulators of a block of two output channels (rows 0, 1 of the filter)
 * by two columns (a, b). */
typedef struct {
    int32_t a0, a1, b0, b1;
} acc2x2;

/* Four k of the 2x2 block: each input word is widened once for both rows,
 * each filter word once for both columns; 16 MACs in 8 SMLAD. Column b is
 * read at x + xs and row 1 at w + ws, so the loop needs only the two
 * pointers and the strides (both k for contiguous columns: one register). */
#define TSN_STEP_2X2(s, x, xs, w, ws, off2)                       \
    do {                                                          \
        const int32_t xa_ = tsn_read_s8x4(x);                     \
        const int32_t w0_ = tsn_read_s8x4(w);                     \
        const int32_t xb_ = tsn_read_s8x4((x) + (xs));            \
        const int32_t w1_ = tsn_read_s8x4((w) + (ws));            \
        const int32_t xa0_ = __sxtab16((off2), xa_);              \
        const int32_t w00_ = __sxtb16(w0_);                       \
        const int32_t xa1_ = tsn_sxtab16_ror8((off2), xa_);       \
        const int32_t w01_ = tsn_sxtb16_ror8(w0_);                \
        (s).a0 = __smlad(xa0_, w00_, (s).a0);                     \
        (s).a0 = __smlad(xa1_, w01_, (s).a0);                     \
        const int32_t xb0_ = __sxtab16((off2), xb_);              \
        const int32_t xb1_ = tsn_sxtab16_ror8((off2), xb_);       \
        (s).b0 = __smlad(xb0_, w00_, (s).b0);                     \
        (s).b0 = __smlad(xb1_, w01_, (s).b0);                     \
        const int32_t w10_ = __sxtb16(w1_);                       \
        const int32_t w11_ = tsn_sxtb16_ror8(w1_);                \
        (s).a1 = __smlad(xa0_, w10_, (s).a1);                     \
        (s).a1 = __smlad(xa1_, w11_, (s).a1);                     \
        (s).b1 = __smlad(xb0_, w10_, (s).b1);                     \
        (s).b1 = __smlad(xb1_, w11_, (s).b1);                     \
        (x) += 4;                                                 \
        (w) += 4;                                                 \
    } while (0)

/* Dot products of a 2x2 block over k. The main loop takes 16 k per pass (one
 * loop exit per 64 MACs); the remainder runs as straight-line 8 and 4 steps
 * behind branches that go the same way for the whole layer, then bytes. */
static inline __attribute__((always_inline)) acc2x2
dot_2x2(acc2x2 s, const int8_t *x, int32_t xs, const int8_t *w, int32_t ws, int32_t k, int32_t off2,
        int32_t input_offset)
{
    const int8_t *const x16_end = x + (k & ~15);
    while (x != x16_end) {
        TSN_STEP_2X2(s, x, xs, w, ws, off2);
        TSN_STEP_2X2(s, x, xs, w, ws, off2);
        TSN_STEP_2X2(s, x, xs, w, ws, off2);
        TSN_STEP_2X2(s, x, xs, w, ws, off2);
    }
    if (k & 8) {
        TSN_STEP_2X2(s, x, xs, w, ws, off2);
        TSN_STEP_2X2(s, x, xs, w, ws, off2);
    }
    if (k & 4) {
        TSN_STEP_2X2(s, x, xs, w, ws, off2);
    }
    for (int32_t i = 0; i < (k & 3); i++) {
        const int32_t xa = x[i] + input_offset;
        const int32_t xb = x[xs + i] + input_offset;
        s.a0 += w[i] * xa;
        s.b0 += w[i] * xb;
        s.a1 += w[ws + i] * xa;
        s.b1 += w[ws + i] * xb;
    }
    return s;
}

/* Two channels x two columns per pass; an odd last channel gets both columns. */
static inline __attribute__((always_inline)) void
mat_mult_2cols(const int8_t *col, int32_t xs, const int8_t *filter, const int32_t *bias, int32_t k,
               int32_t out_ch, int32_t input_offset, epilogue e, int8_t *out)
{
    const int32_t off2 = tsn_dup16(input_offset);
    int8_t *out_b = out + out_ch;
    int32_t oc = 0;
    for (; oc + 1 < out_ch; oc += 2) {
        const int8_t *w = filter + oc * k;
        acc2x2 s;
        s.a0 = bias ? bias[oc] : 0;
        s.a1 = bias ? bias[oc + 1] : 0;
        s.b0 = s.a0;
        s.b1 = s.a1;
        s = dot_2x2(s, col, xs, w, k, k, off2, input_offset);
        out[oc] = requant(s.a0, oc, e);
        out[oc + 1] = requant(s.a1, oc + 1, e);
        out_b[oc] = requant(s.b0, oc, e);
        out_b[oc + 1] = requant(s.b1, oc + 1, e);
    }
    if (oc < out_ch) {
        const int8_t *w = filter + oc * k;
        int32_t acca = bias ? bias[oc] : 0;
        int32_t accb = acca;
        int32_t i = 0;
        for (; i + 4 <= k; i += 4) {
            int32_t xa_lo, xa_hi, xb_lo, xb_hi, w_lo, w_hi;
            TSN_WIDEN_OFF(tsn_read_s8x4(col + i), off2, xa_lo, xa_hi);
            TSN_WIDEN_OFF(tsn_read_s8x4(col + xs + i), off2, xb_lo, xb_hi);
            TSN_WIDEN(tsn_read_s8x4(w + i), w_lo, w_hi);
            acca = __smlad(xa_lo, w_lo, acca);
            acca = __smlad(xa_hi, w_hi, acca);
            accb = __smlad(xb_lo, w_lo, accb);
            accb = __smlad(xb_hi, w_hi, accb);
        }
        for (; i < k; i++) {
            acca += w[i] * (col[i] + input_offset);
            accb += w[i] * (col[xs + i] + input_offset);
        }
        out[oc] = requant(acca, oc, e);
        out_b[oc] = requant(accb, oc, e);
    }
}

/* One column: two channels per pass, then an odd last channel. */
static void mat_mult_1col(const int8_t *col, const int8_t *filter, const int32_t *bias, int32_t k,
                          int32_t out_ch, int32_t input_offset, epilogue e, int8_t *out)
{
    const int32_t off2 = tsn_dup16(input_offset);
    int32_t oc = 0;
    for (; oc < out_ch; oc += 2) {
        const int32_t pair = oc + 1 < out_ch;
        const int8_t *w0 = filter + oc * k;
        const int8_t *w1 = pair ? w0 + k : w0;
        int32_t acc0 = bias ? bias[oc] : 0;
        int32_t acc1 = bias && pair ? bias[oc + 1] : 0;
        int32_t i = 0;
        for (; i + 4 <= k; i += 4) {
            int32_t x_lo, x_hi, w0_lo, w0_hi, w1_lo, w1_hi;
            TSN_WIDEN_OFF(tsn_read_s8x4(col + i), off2, x_lo, x_hi);
            TSN_WIDEN(tsn_read_s8x4(w0 + i), w0_lo, w0_hi);
            TSN_WIDEN(tsn_read_s8x4(w1 + i), w1_lo, w1_hi);
            acc0 = __smlad(x_lo, w0_lo, acc0);
            acc0 = __smlad(x_hi, w0_hi, acc0);
            acc1 = __smlad(x_lo, w1_lo, acc1);
            acc1 = __smlad(x_hi, w1_hi, acc1);
        }
        for (; i < k; i++) {
            const int32_t x = col[i] + input_offset;
            acc0 += w0[i] * x;
            acc1 += w1[i] * x;
        }
        out[oc] = requant(acc0, oc, e);
        if (pair) {
            out[oc + 1] = requant(acc1, oc + 1, e);
        }
    }
}

/* ---- pointwise: contiguous pixels, input offset folded into the bias ---- */

/* The asm needs 14 free registers: unoptimised builds keep r7 as the frame
 * pointer, so they take the C steps below. (-fno-omit-frame-pointer has no
 * macro to test and does not build.) */
#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
/* Steps of four k of the 2x2 block without input offset (it is in the
 * accumulators' start values), spelled out because GCC, given the same
 * thing in C, keeps four pointers plus three strides live and spills: this
 * needs only x, w and k besides the accumulators and seven temporaries.
 *
 * Scheduled for the M7's pairing rules ([J] in emulator/CYCLE_MODEL.md):
 * SXTB16 issues only in the older slot, its result feeds SMLAD a cycle
 * later, and a loaded word feeds SXTB16 two cycles later. Each step is ten
 * cycles of pairs: eight SXTB16 each with an SMLAD or a load as partner,
 * then two SMLADs each carrying one of the next step's loads; the step's
 * last SMLAD rides with the next step's first SXTB16. Column b and row 1
 * are the words at +k ("first": loaded a step ahead, into XF and WF);
 * column a and row 0 post-increment x and w ("second": XS, WS). */
#define TSN_2X2_STEP(XF, XS, WS, WF, TA, TB, TC, prev_mac, next_loads) \
    "sxtb16 %[" #TA "], %[" #XF "]\n\t" prev_mac \
    "sxtb16 %[" #XF "], %[" #XF "], ror #8\n\t" \
    "ldr    %[" #XS "], [%[x]], #4\n\t" \
    "sxtb16 %[" #TB "], %[" #WF "]\n\t" \
    "ldr    %[" #WS "], [%[w]], #4\n\t" \
    "sxtb16 %[" #WF "], %[" #WF "], ror #8\n\t" \
    "smlad  %[b1], %[" #TA "], %[" #TB "], %[b1]\n\t" \
    "sxtb16 %[" #TC "], %[" #WS "]\n\t" \
    "smlad  %[b1], %[" #XF "], %[" #WF "], %[b1]\n\t" \
    "sxtb16 %[" #WS "], %[" #WS "], ror #8\n\t" \
    "smlad  %[b0], %[" #TA "], %[" #TC "], %[b0]\n\t" \
    "sxtb16 %[" #TA "], %[" #XS "]\n\t" \
    "smlad  %[b0], %[" #XF "], %[" #WS "], %[b0]\n\t" \
    "sxtb16 %[" #XS "], %[" #XS "], ror #8\n\t" \
    "smlad  %[a1], %[" #TA "], %[" #TB "], %[a1]\n\t" \
    "smlad  %[a1], %[" #XS "], %[" #WF "], %[a1]\n\t" \
    next_loads(XF, TB) \
    "smlad  %[a0], %[" #TA "], %[" #TC "], %[a0]\n\t"
/* The next step's first words (into XF and the register that becomes its
 * WF), each behind one of the step's last two SMLADs; or none. */
#define TSN_2X2_NEXT(XF, TB) \
    "ldr    %[" #XF "], [%[x], %[k]]\n\t" \
    "ldr    %[" #TB "], [%[w], %[k]]\n\t"
#define TSN_2X2_LAST(XF, TB) ""
/* The step's last SMLAD, issued with the next step's first SXTB16. */
#define TSN_2X2_MAC_A0 "smlad  %[a0], %[t1], %[t2], %[a0]\n\t"
#define TSN_2X2_FIRST_LOADS \
    "ldr    %[t0], [%[x], %[k]]\n\t" \
    "ldr    %[t3], [%[w], %[k]]\n\t"
/* Two register assignments alternate: the next WF is loaded into this
 * step's TB, and TA, TC, the old WF are free again. */
#define TSN_2X2_STEP_A(prev, next) TSN_2X2_STEP(t0, t1, t2, t3, t4, t5, t6, prev, next)
#define TSN_2X2_STEP_B(prev, next) TSN_2X2_STEP(t0, t1, t2, t5, t4, t3, t6, prev, next)

#define TSN_ASM_2X2_STEPS1 \
    TSN_2X2_FIRST_LOADS \
    TSN_2X2_STEP_A("", TSN_2X2_LAST) \
    TSN_2X2_MAC_A0

#define TSN_ASM_2X2_STEPS2 \
    TSN_2X2_FIRST_LOADS \
    TSN_2X2_STEP_A("", TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_LAST) \
    TSN_2X2_MAC_A0

#define TSN_ASM_2X2_STEPS4 \
    TSN_2X2_FIRST_LOADS \
    TSN_2X2_STEP_A("", TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_A(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_LAST) \
    TSN_2X2_MAC_A0

/* Four steps more, running on from steps that loaded their first words. */
#define TSN_2X2_FOUR_MORE \
    TSN_2X2_STEP_A(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_A(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_NEXT)

/* 32 and 48 k as one straight block each (the per-depth copies): no loop
 * whose exit would mispredict once per dot product. */
#define TSN_ASM_2X2_STEPS8 \
    TSN_2X2_FIRST_LOADS \
    TSN_2X2_STEP_A("", TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_A(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_A(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_A(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_LAST) \
    TSN_2X2_MAC_A0

#define TSN_ASM_2X2_STEPS12 \
    TSN_2X2_FIRST_LOADS \
    TSN_2X2_STEP_A("", TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_A(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_FOUR_MORE \
    TSN_2X2_STEP_A(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_A(TSN_2X2_MAC_A0, TSN_2X2_NEXT) \
    TSN_2X2_STEP_B(TSN_2X2_MAC_A0, TSN_2X2_LAST) \
    TSN_2X2_MAC_A0

#define TSN_ASM_2X2_K(s, x, w, k, steps, k_constraint)                                     \
    do {                                                                                    \
        int32_t t0_, t1_, t2_, t3_, t4_, t5_, t6_;                                          \
        __asm__(steps                                                                       \
                : [a0] "+r"((s).a0), [a1] "+r"((s).a1), [b0] "+r"((s).b0), [b1] "+r"((s).b1), \
                  [x] "+r"(x), [w] "+r"(w), [t0] "=&r"(t0_), [t1] "=&r"(t1_),               \
                  [t2] "=&r"(t2_), [t3] "=&r"(t3_), [t4] "=&r"(t4_), [t5] "=&r"(t5_),        \
                  [t6] "=&r"(t6_)                                                           \
                : [k] k_constraint(k)                                                       \
                : "memory");                                                                \
    } while (0)
/* A depth known at compile time (the per-depth copies) is an immediate
 * offset: one register more for the code around the block, which otherwise
 * reloads its pointers and requantisation parameters from the stack. */
#define TSN_ASM_2X2(s, x, w, k, steps)                        \
    do {                                                      \
        if (__builtin_constant_p(k) && (k) > 0 && (k) < 4096) { \
            TSN_ASM_2X2_K(s, x, w, k, steps, "i");            \
        } else {                                              \
            TSN_ASM_2X2_K(s, x, w, k, steps, "r");            \
        }                                                     \
    } while (0)
#define TSN_STEP_2X2_NO_OFFSET(s, x, w, k) TSN_ASM_2X2(s, x, w, k, TSN_ASM_2X2_STEPS1)
#define TSN_STEP2_2X2_NO_OFFSET(s, x, w, k) TSN_ASM_2X2(s, x, w, k, TSN_ASM_2X2_STEPS2)
#define TSN_STEP4_2X2_NO_OFFSET(s, x, w, k) TSN_ASM_2X2(s, x, w, k, TSN_ASM_2X2_STEPS4)
#define TSN_STEP8_2X2_NO_OFFSET(s, x, w, k) TSN_ASM_2X2(s, x, w, k, TSN_ASM_2X2_STEPS8)
#define TSN_STEP12_2X2_NO_OFFSET(s, x, w, k) TSN_ASM_2X2(s, x, w, k, TSN_ASM_2X2_STEPS12)

/* Every whole 16 k as one loop inside the assembly, the pipeline running on
 * across its passes: each pass loads the next pass's first words and leaves
 * its last SMLAD to the next pass's first SXTB16 (XS = WS = 0 make the first
 * pass's carried SMLAD add nothing), so the two lone loads and the lone
 * SMLAD of a block are paid once per dot product instead of once per 16 k.
 * The last pass's loads read the four bytes after column b and row 1 (within
 * the input or the next filter row, or just past them; never used). The
 * end pointer comes from memory: all fourteen registers are taken. */
#define TSN_ASM_2X2_LOOP_K(s, x, w, k, end_ptr, k_constraint)                                  \
    do {                                                                                    \
        int32_t t0_, t1_ = 0, t2_ = 0, t3_, t4_, t5_, t6_;                                  \
        __asm__(TSN_2X2_FIRST_LOADS                                                         \
                "1:\n\t"                                                                    \
                TSN_2X2_FOUR_MORE                                                           \
                "ldr    %[t4], %[end]\n\t"                                                  \
                "cmp    %[x], %[t4]\n\t"                                                    \
                "bne    1b\n\t"                                                             \
                TSN_2X2_MAC_A0                                                              \
                : [a0] "+r"((s).a0), [a1] "+r"((s).a1), [b0] "+r"((s).b0), [b1] "+r"((s).b1), \
                  [x] "+r"(x), [w] "+r"(w), [t0] "=&r"(t0_), [t1] "+&r"(t1_),               \
                  [t2] "+&r"(t2_), [t3] "=&r"(t3_), [t4] "=&r"(t4_), [t5] "=&r"(t5_),        \
                  [t6] "=&r"(t6_)                                                           \
                : [k] k_constraint(k), [end] "m"(end_ptr)                                     \
                : "cc", "memory");                                                          \
    } while (0)
#define TSN_LOOP16_2X2_NO_OFFSET(s, x, w, k)                                  \
    do {                                                                      \
        const int8_t *const end_ = (x) + ((k) & ~15);                         \
        if (__builtin_constant_p(k) && (k) > 0 && (k) < 4096) {               \
            TSN_ASM_2X2_LOOP_K(s, x, w, k, end_, "i");                        \
        } else {                                                              \
            TSN_ASM_2X2_LOOP_K(s, x, w, k, end_, "r");                        \
        }                                                                     \
    } while (0)
#else
/* off2 = 0: plain SXTAB16 of 0 is SXTB16 */
#define TSN_STEP_2X2_NO_OFFSET(s, x, w, k) TSN_STEP_2X2(s, x, k, w, k, 0)
#define TSN_STEP2_2X2_NO_OFFSET(s, x, w, k) \
    do {                                    \
        TSN_STEP_2X2(s, x, k, w, k, 0);     \
        TSN_STEP_2X2(s, x, k, w, k, 0);     \
    } while (0)
#define TSN_STEP4_2X2_NO_OFFSET(s, x, w, k) \
    do {                                    \
        TSN_STEP_2X2(s, x, k, w, k, 0);     \
        TSN_STEP_2X2(s, x, k, w, k, 0);     \
        TSN_STEP_2X2(s, x, k, w, k, 0);     \
        TSN_STEP_2X2(s, x, k, w, k, 0);     \
    } while (0)
#define TSN_LOOP16_2X2_NO_OFFSET(s, x, w, k)            \
    do {                                                \
        for (int32_t n_ = (k) >> 4; n_ > 0; n_--) {     \
            TSN_STEP4_2X2_NO_OFFSET(s, x, w, k);        \
        }                                               \
    } while (0)
#define TSN_STEP8_2X2_NO_OFFSET(s, x, w, k) \
    do {                                    \
        TSN_STEP4_2X2_NO_OFFSET(s, x, w, k); \
        TSN_STEP4_2X2_NO_OFFSET(s, x, w, k); \
    } while (0)
#define TSN_STEP12_2X2_NO_OFFSET(s, x, w, k) \
    do {                                     \
        TSN_STEP8_2X2_NO_OFFSET(s, x, w, k);  \
        TSN_STEP4_2X2_NO_OFFSET(s, x, w, k);  \
    } while (0)
#endif

/* Byte i of the 2x2 block (rows w, w + k; columns x, x + k). */
#define TSN_BYTE_2X2(s, x, w, k, i)            \
    do {                                       \
        (s).a0 += (w)[i] * (x)[i];             \
        (s).b0 += (w)[i] * (x)[(k) + (i)];     \
        (s).a1 += (w)[(k) + (i)] * (x)[i];     \
        (s).b1 += (w)[(k) + (i)] * (x)[(k) + (i)]; \
    } while (0)

/* Rows w, w + k against columns x, x + k over k, no input offset. */
static inline __attribute__((always_inline)) acc2x2
dot_2x2_no_offset(acc2x2 s, const int8_t *x, const int8_t *w, int32_t k)
{
    /* Whole 16s of k: up to three as one straight block; more (depths
     * known only at run time, or deep ones) through the loop inside the
     * assembly, whose exit mispredicts once per dot product (8 cycles)
     * but which saves 3 per 16 k over separate blocks. */
    const int32_t n16 = k >> 4;
    if (n16 >= 4 || (n16 >= 2 && !__builtin_constant_p(k))) {
        TSN_LOOP16_2X2_NO_OFFSET(s, x, w, k);
    } else if (n16 == 3) {
        TSN_STEP12_2X2_NO_OFFSET(s, x, w, k);
    } else if (n16 == 2) {
        TSN_STEP8_2X2_NO_OFFSET(s, x, w, k);
    } else if (n16 == 1) {
        TSN_STEP4_2X2_NO_OFFSET(s, x, w, k);
    }
    if (k & 8) {
        TSN_STEP2_2X2_NO_OFFSET(s, x, w, k);
    }
    if (k & 4) {
        TSN_STEP_2X2_NO_OFFSET(s, x, w, k);
    }
    /* the last k % 4 as straight-line steps: a byte loop's exit mispredicts */
    if (k & 2) {
        TSN_BYTE_2X2(s, x, w, k, 0);
        TSN_BYTE_2X2(s, x, w, k, 1);
        x += 2;
        w += 2;
    }
    if (k & 1) {
        TSN_BYTE_2X2(s, x, w, k, 0);
    }
    return s;
}

/* bias + input_offset * (sum of the filter row): the accumulator's start, so
 * the inner loop needs no offset. Wraps like the direct sum would. */
static int32_t row_start(const int8_t *w, int32_t k, const int32_t *bias, int32_t oc, int32_t input_offset)
{
    /* four bytes per USADA8: sum of (byte ^ 0x80) = sum of (byte + 128) */
    uint32_t biased = 0;
    int32_t i = 0;
    for (; i + 4 <= k; i += 4) {
        biased = __usada8((uint32_t)tsn_read_s8x4(w + i) ^ 0x80808080u, 0u, biased);
    }
    int32_t sum = (int32_t)biased - 128 * i;
    for (; i < k; i++) {
        sum += w[i];
    }
    return (int32_t)((uint32_t)(bias ? bias[oc] : 0) + (uint32_t)sum * (uint32_t)input_offset);
}

/* Requantisation of the channel pair (oc, oc + 1), worked out once. */
typedef struct {
    int32_t oc, m0, m1, e10, e11;
    int32_t ssat_only; /* both on the short route, no clamp beyond int8: one SSAT each */
    /* ssat_only, and no accumulator of the pair can leave [-2^30, 2^30)
     * (|start| + k * 128 * 128 below it) and e1 <= 21: every output is one
     * tsn_requant_ssat_small, no per-block range test */
    int32_t small;
    int32_t round0, round1, e20, e21;
} pair_quant;

static inline int32_t tsn_in_small_range(int32_t start, int32_t k)
{
    const int64_t reach = (int64_t)(start < 0 ? -(int64_t)start : start) + (int64_t)k * 128 * 128;
    return reach < ((int64_t)1 << 30);
}

/* c0, c1: the pair's start values, k its depth. try_small = 0 skips the
 * small route's set-up where a pq serves one block only (im2col): there the
 * per-block range test of store_2x2 costs less. */
static inline pair_quant pair_quant_of(int32_t oc, epilogue e, int32_t c0, int32_t c1, int32_t k,
                                       int32_t try_small)
{
    const int32_t q0 = e.per_channel ? oc : 0;
    const int32_t q1 = e.per_channel ? oc + 1 : 0;
    pair_quant pq;
    pq.oc = oc;
    pq.m0 = e.multiplier[q0];
    pq.m1 = e.multiplier[q1];
    pq.e10 = -e.shift[q0] - 1;
    pq.e11 = -e.shift[q1] - 1;
    pq.ssat_only = tsn_requant_is_short(pq.m0, e.shift[q0]) && tsn_requant_is_short(pq.m1, e.shift[q1]) &&
                   e.act_min == -128 && e.act_max == 127;
    pq.small = try_small && pq.ssat_only && pq.e10 <= 21 && pq.e11 <= 21 && tsn_in_small_range(c0, k) &&
               tsn_in_small_range(c1, k);
    pq.e20 = pq.e10 + 1;
    pq.e21 = pq.e11 + 1;
    /* (only used when small: e1 <= 21, so no shift here overflows) */
    pq.round0 = pq.small ? (1 << pq.e10) + e.out_offset * (1 << pq.e20) : 0;
    pq.round1 = pq.small ? (1 << pq.e11) + e.out_offset * (1 << pq.e21) : 0;
    return pq;
}

/* The 2x2 block's epilogue: o[0], o[1] for column a, o[stride], o[stride + 1] for b. */
static inline __attribute__((always_inline)) void store_2x2(acc2x2 s, const pair_quant *pq,
                                                            const epilogue *e, int8_t *o, int32_t stride)
{
    const int32_t off = e->out_offset;
    if (pq->small) {
        o[0] = tsn_requant_ssat_small(s.a0, pq->m0, pq->round0, pq->e20);
        o[1] = tsn_requant_ssat_small(s.a1, pq->m1, pq->round1, pq->e21);
        o[stride] = tsn_requant_ssat_small(s.b0, pq->m0, pq->round0, pq->e20);
        o[stride + 1] = tsn_requant_ssat_small(s.b1, pq->m1, pq->round1, pq->e21);
    } else if (pq->ssat_only && tsn_small4(s.a0, s.a1, s.b0, s.b1)) {
        o[0] = (int8_t)__ssat(tsn_requant_short_small(s.a0, pq->m0, pq->e10) + off, 8);
        o[1] = (int8_t)__ssat(tsn_requant_short_small(s.a1, pq->m1, pq->e11) + off, 8);
        o[stride] = (int8_t)__ssat(tsn_requant_short_small(s.b0, pq->m0, pq->e10) + off, 8);
        o[stride + 1] = (int8_t)__ssat(tsn_requant_short_small(s.b1, pq->m1, pq->e11) + off, 8);
    } else if (pq->ssat_only) {
        o[0] = (int8_t)__ssat(tsn_requant_short(s.a0, pq->m0, pq->e10) + off, 8);
        o[1] = (int8_t)__ssat(tsn_requant_short(s.a1, pq->m1, pq->e11) + off, 8);
        o[stride] = (int8_t)__ssat(tsn_requant_short(s.b0, pq->m0, pq->e10) + off, 8);
        o[stride + 1] = (int8_t)__ssat(tsn_requant_short(s.b1, pq->m1, pq->e11) + off, 8);
    } else {
        o[0] = requant(s.a0, pq->oc, *e);
        o[1] = requant(s.a1, pq->oc + 1, *e);
        o[stride] = requant(s.b0, pq->oc, *e);
        o[stride + 1] = requant(s.b1, pq->oc + 1, *e);
    }
}

/* One channel, both columns, no input offset (its start value holds it). */
static inline int32_t dot_1_no_offset(int32_t acc, const int8_t *x, const int8_t *w, int32_t k)
{
    int32_t i = 0;
    for (; i + 4 <= k; i += 4) {
        int32_t x_lo, x_hi, w_lo, w_hi;
        TSN_WIDEN(tsn_read_s8x4(x + i), x_lo, x_hi);
        TSN_WIDEN(tsn_read_s8x4(w + i), w_lo, w_hi);
        acc = __smlad(x_lo, w_lo, acc);
        acc = __smlad(x_hi, w_hi, acc);
    }
    for (; i < k; i++) {
        acc += w[i] * x[i];
    }
    return acc;
}

void tsn_nn_row_starts_s8(const int8_t *filter, int32_t k, const int32_t *bias, int32_t oc0, int32_t n,
                          int32_t input_offset, int32_t *start)
{
    for (int32_t j = 0; j < n; j++) {
        start[j] = row_start(filter + (oc0 + j) * k, k, bias, oc0 + j, input_offset);
    }
}

/* Aligned to a cache line: its loops' fetch and branch positions then no
 * longer move with unrelated code placed before it (a 2-3 % swing on the
 * im2col layers in the cycle model, as on the M7's 64-bit fetch). */
__attribute__((aligned(32))) void tsn_nn_mat_mult_2cols_s8(const int8_t *col, const int8_t *filter, const int32_t *start, int32_t k,
                              int32_t oc0, int32_t n, int32_t out_ch, int32_t output_offset,
                              const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                              int8_t *out)
{
    const epilogue e = {quant->multiplier, quant->shift, quant->per_channel,
                        output_offset, act_min, act_max};
    int32_t j = 0;
    for (; j + 1 < n; j += 2) {
        const int32_t oc = oc0 + j;
        acc2x2 s = {start[j], start[j + 1], start[j], start[j + 1]};
        s = dot_2x2_no_offset(s, col, filter + oc * k, k);
        const pair_quant pq = pair_quant_of(oc, e, start[j], start[j + 1], k, 0);
        store_2x2(s, &pq, &e, out + oc, out_ch);
    }
    if (j < n) {
        const int32_t oc = oc0 + j;
        const int8_t *w = filter + oc * k;
        out[oc] = requant(dot_1_no_offset(start[j], col, w, k), oc, e);
        out[out_ch + oc] = requant(dot_1_no_offset(start[j], col + k, w, k), oc, e);
    }
}

/* The pointwise body; start (per-channel accumulator start values, the input
 * offset folded in) is either given or, when NULL, worked out from bias and
 * input_offset per channel. */
static inline __attribute__((always_inline)) void
pointwise(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *bias, const int32_t *start,
          int32_t k, int32_t out_ch, int32_t input_offset, epilogue e, int8_t *out)
{
    const int32_t pair_channels = out_ch & ~1;
    /* Two channels outer, two pixels inner: the start values and the channel
     * parameters are worked out once per channel pair. */
    for (int32_t oc = 0; pixels >= 2 && oc < pair_channels; oc += 2) {
        const int8_t *w = filter + oc * k;
        const int32_t c0 = start ? start[oc] : row_start(w, k, bias, oc, input_offset);
        const int32_t c1 = start ? start[oc + 1] : row_start(w + k, k, bias, oc + 1, input_offset);
        const pair_quant pq = pair_quant_of(oc, e, c0, c1, k, 1);
        const int8_t *x = in;
        int8_t *o = out + oc;
        /* pairs of pixels; the loop ends on a pointer, so no counter stays
         * live across the block */
        const int8_t *const pairs_end = in + (pixels & ~1) * k;
        do {
            acc2x2 s = {c0, c1, c0, c1};
            s = dot_2x2_no_offset(s, x, w, k);
            store_2x2(s, &pq, &e, o, out_ch);
            x += 2 * k;
            o += 2 * out_ch;
        } while (x != pairs_end);
    }
    /* an odd last channel */
    if (out_ch & 1) {
        const int32_t oc = out_ch - 1;
        const int8_t *w = filter + oc * k;
        const int32_t c = start ? start[oc] : row_start(w, k, bias, oc, input_offset);
        for (int32_t p = 0; p < pixels; p++) {
            out[p * out_ch + oc] = requant(dot_1_no_offset(c, in + p * k, w, k), oc, e);
        }
    }
    if (pixels & 1) {
        /* the odd last pixel, two channels per pass: a 2x2 block on it and
         * its neighbour would redo the neighbour (a third more work than
         * this); start values are biases of a GEMM without input offset */
        const int32_t p = pixels - 1;
        mat_mult_1col(in + p * k, filter, start ? start : bias, k, pair_channels, start ? 0 : input_offset, e,
                      out + p * out_ch);
    }
}

void tsn_nn_pointwise_s8(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *bias,
                         int32_t k, int32_t out_ch, int32_t input_offset, int32_t output_offset,
                         const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                         int8_t *out)
{
    const epilogue e = {quant->multiplier, quant->shift, quant->per_channel,
                        output_offset, act_min, act_max};
    pointwise(in, pixels, filter, bias, NULL, k, out_ch, input_offset, e, out);
}

void tsn_nn_pointwise_start_s8(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *start,
                               int32_t k, int32_t out_ch, int32_t output_offset,
                               const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                               int8_t *out)
{
    const epilogue e = {quant->multiplier, quant->shift, quant->per_channel,
                        output_offset, act_min, act_max};
    /* Small depths get a copy each with k a constant: the 8/4/byte remainder
     * steps and their tests fold away, which counts where a 2x2 block has
     * few MACs against its loop bookkeeping and epilogue. */
    switch (k) {
    case 8:
        pointwise(in, pixels, filter, NULL, start, 8, out_ch, 0, e, out);
        return;
    case 16:
        pointwise(in, pixels, filter, NULL, start, 16, out_ch, 0, e, out);
        return;
    case 24:
        pointwise(in, pixels, filter, NULL, start, 24, out_ch, 0, e, out);
        return;
    case 32:
        pointwise(in, pixels, filter, NULL, start, 32, out_ch, 0, e, out);
        return;
    case 40:
        pointwise(in, pixels, filter, NULL, start, 40, out_ch, 0, e, out);
        return;
    case 48:
        pointwise(in, pixels, filter, NULL, start, 48, out_ch, 0, e, out);
        return;
    default:
        pointwise(in, pixels, filter, NULL, start, k, out_ch, 0, e, out);
    }
}

/* Accumulators of a 3x2 block: pixel p, channel c at pc. */
typedef struct {
    int32_t p0c0, p0c1, p1c0, p1c1, p2c0, p2c1;
} acc3x2;

/* One pixel's two outputs (channels oc, oc + 1), store_2x2's routes. */
static inline __attribute__((always_inline)) void store_1x2(int32_t a0, int32_t a1, const pair_quant *pq,
                                                            const epilogue *e, int8_t *o)
{
    const int32_t off = e->out_offset;
    if (pq->small) {
        o[0] = tsn_requant_ssat_small(a0, pq->m0, pq->round0, pq->e20);
        o[1] = tsn_requant_ssat_small(a1, pq->m1, pq->round1, pq->e21);
    } else if (pq->ssat_only) {
        o[0] = (int8_t)__ssat(tsn_requant_short(a0, pq->m0, pq->e10) + off, 8);
        o[1] = (int8_t)__ssat(tsn_requant_short(a1, pq->m1, pq->e11) + off, 8);
    } else {
        o[0] = requant(a0, pq->oc, *e);
        o[1] = requant(a1, pq->oc + 1, *e);
    }
}

/* Pixel triples as int16 pairs, four k per group of six words: (x0, x2) of
 * pixels 0, 1, 2, then (x1, x3) of the three, the order SXTB16 gives. */
static void widen_triples(const int8_t *in, int32_t triples, int32_t k, int32_t *dst)
{
    for (int32_t t = 0; t < triples; t++, in += 3 * k) {
        for (int32_t g = 0; g < k; g += 4, dst += 6) {
            /* the words read before any store: a store may alias them */
            const int32_t a = tsn_read_s8x4(in + g), b = tsn_read_s8x4(in + k + g),
                          c = tsn_read_s8x4(in + 2 * k + g);
            int32_t a_lo, a_hi, b_lo, b_hi, c_lo, c_hi;
            TSN_WIDEN(a, a_lo, a_hi);
            TSN_WIDEN(b, b_lo, b_hi);
            TSN_WIDEN(c, c_lo, c_hi);
            dst[0] = a_lo;
            dst[1] = b_lo;
            dst[2] = c_lo;
            dst[3] = a_hi;
            dst[4] = b_hi;
            dst[5] = c_hi;
        }
    }
}

/* Filter rows w (channel 0) and w + k (channel 1) as int16 pairs, four words
 * per four k: (w0, w2) of channels 0 and 1, then (w1, w3) of the two. */
static void widen_pair(const int8_t *w, int32_t k, int32_t *dst)
{
    for (int32_t g = 0; g < k; g += 4, dst += 4) {
        const int32_t a = tsn_read_s8x4(w + g), b = tsn_read_s8x4(w + k + g);
        int32_t a_lo, a_hi, b_lo, b_hi;
        TSN_WIDEN(a, a_lo, a_hi);
        TSN_WIDEN(b, b_lo, b_hi);
        dst[0] = a_lo;
        dst[1] = b_lo;
        dst[2] = a_hi;
        dst[3] = b_hi;
    }
}

/* Whether channel oc's output is the same for every accumulator the layer
 * can reach from start (inputs and weights int8: at most k * 2^14 away; no
 * int32 wrap in between), and that value: the requantisation is monotonic,
 * so the two ends decide. Dead channels of pruned or saturated layers (a
 * start of +-2^30, say) need no multiply at all. */
static inline int channel_constant(const epilogue *e, int32_t oc, int32_t start, int32_t k, int8_t *value)
{
    const int64_t reach = (int64_t)k * 128 * 128;
    /* (a live channel's start is bias plus offset times its row sum, far
     * below 2^24: only starts beyond it are worth the two requantisations;
     * calling a channel live is always exact) */
    if (start > -(1 << 24) && start < (1 << 24)) {
        return 0;
    }
    if ((int64_t)start - reach < INT32_MIN || (int64_t)start + reach > INT32_MAX) {
        return 0;
    }
    const int8_t lo = requant((int32_t)(start - reach), oc, *e), hi = requant((int32_t)(start + reach), oc, *e);
    *value = lo;
    return lo == hi;
}

#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
/* Four k of the 3x2 block from widened words: twelve SMLADs, each carrying
 * one of ten loads (a loaded word feeds SMLAD two cycles later), so twelve
 * cycles by the pairing rules ([J] in emulator/CYCLE_MODEL.md). X0 and W0,
 * W1 arrive loaded (the previous group's last loads); XO and WO are the
 * group's offsets from x and w; W0_LOAD and X0_LOAD load the next group's
 * first words (the second group's write the base back), W1O is the next W1's
 * offset then; TAIL_C11 and TAIL_C12 fill the last two free slots. */
#define TSN_3X2_GROUP(XO, WO, W0_LOAD, W1O, X0_LOAD, TAIL_C11, TAIL_C12) \
    "smlad  %[p0c0], %[X0], %[W0], %[p0c0]\n\t"                         \
    "ldr    %[X1], [%[x], #" #XO "+4]\n\t"                              \
    "smlad  %[p0c1], %[X0], %[W1], %[p0c1]\n\t"                         \
    "ldr    %[X0], [%[x], #" #XO "+8]\n\t"                              \
    "smlad  %[p1c0], %[X1], %[W0], %[p1c0]\n\t"                         \
    "ldr    %[W2], [%[w], #" #WO "+8]\n\t"                              \
    "smlad  %[p1c1], %[X1], %[W1], %[p1c1]\n\t"                         \
    "ldr    %[X1], [%[x], #" #XO "+12]\n\t"                             \
    "smlad  %[p2c0], %[X0], %[W0], %[p2c0]\n\t"                         \
    "ldr    %[W3], [%[w], #" #WO "+12]\n\t"                             \
    "smlad  %[p2c1], %[X0], %[W1], %[p2c1]\n\t"                         \
    "ldr    %[X0], [%[x], #" #XO "+16]\n\t"                             \
    "smlad  %[p0c0], %[X1], %[W2], %[p0c0]\n\t"                         \
    W0_LOAD                                                             \
    "smlad  %[p0c1], %[X1], %[W3], %[p0c1]\n\t"                         \
    "ldr    %[X1], [%[x], #" #XO "+20]\n\t"                             \
    "smlad  %[p1c0], %[X0], %[W2], %[p1c0]\n\t"                         \
    "ldr    %[W1], [%[w], #" #W1O "]\n\t"                               \
    "smlad  %[p1c1], %[X0], %[W3], %[p1c1]\n\t"                         \
    X0_LOAD                                                             \
    "smlad  %[p2c0], %[X1], %[W2], %[p2c0]\n\t"                         \
    TAIL_C11                                                            \
    "smlad  %[p2c1], %[X1], %[W3], %[p2c1]\n\t"                         \
    TAIL_C12

/* The dot product of one triple over k: the first group's words, then k / 8
 * passes of two groups; END names the memory operand holding the triple's end. */
#define TSN_3X2_DOT(END)                                                                              \
    "ldr    %[W0], [%[w]]\n\t"                                                                     \
    "ldr    %[X0], [%[x]]\n\t"                                                                     \
    "ldr    %[W1], [%[w], #4]\n\t"                                                                 \
    "1:\n\t" TSN_3X2_GROUP(0, 0, "ldr    %[W0], [%[w], #16]\n\t", 20, "ldr    %[X0], [%[x], #24]\n\t", "", "") \
        TSN_3X2_GROUP(24, 16, "ldr    %[W0], [%[w], #32]!\n\t", 4, "ldr    %[X0], [%[x], #48]!\n\t",      \
                      "ldr    %[W2], %[" END "]\n\t", "cmp    %[x], %[W2]\n\t") "bne    1b\n\t"

/* One triple against one channel pair: k / 8 passes of two groups, the
 * loads running a group ahead. The second group writes back w (+32, on the
 * next W0's load, so its W1 load is off the new base) and x (+48, on the
 * next X0's), and loads the end of the triple into W2 once its last SMLAD
 * has read it. The last pass's look-ahead reads 8 bytes past the widened
 * rows and 4 past the triple: inside the scratch (tsn_pointwise_wide_bytes). */
static inline __attribute__((always_inline)) acc3x2 dot_3x2_wide(acc3x2 s, const int32_t *x, const int32_t *w,
                                                                 const int32_t *x_end)
{
    int32_t W0, W1, W2, W3, X0, X1;
    __asm__ volatile(
        TSN_3X2_DOT("end")
        : [p0c0] "+r"(s.p0c0), [p0c1] "+r"(s.p0c1), [p1c0] "+r"(s.p1c0), [p1c1] "+r"(s.p1c1),
          [p2c0] "+r"(s.p2c0), [p2c1] "+r"(s.p2c1), [x] "+r"(x), [w] "+r"(w), [W0] "=&r"(W0), [W1] "=&r"(W1),
          [W2] "=&r"(W2), [W3] "=&r"(W3), [X0] "=&r"(X0), [X1] "=&r"(X1)
        : [end] "m"(x_end)
        : "cc", "memory");
    return s;
}

/* One channel pair over n triples, block set-up and epilogue included: the
 * block loop of the C caller spills around the fourteen registers the dot
 * product takes (about 100 cycles a block), here they are a few loads that
 * pair. Each output is ((SMMULR(2 acc, m) + sign + 2^e1) >> (e1 + 1)) + the
 * output offset, then SSAT: tsn_requant_ssat_small's rounding with the offset
 * added after the shift, so any e1 <= 29 fits (wide_pair_applies); the
 * pair's two bytes of a pixel go out as one halfword (out_ch is even). */
typedef struct {
    /* channel 0, channel 1 of each (one LDRD) */
    int32_t start[2], m[2], round[2], e2[2], out_off[2];
    const int32_t *rows;
    int8_t *o;
    int32_t out_ch;
    const int32_t *end; /* the last triple's end */
    int32_t triple_bytes;
} wide_pair;

/* One channel's part of wide_pair: short with e1 <= 29, and no accumulator
 * leaving [-2^30, 2^30) (2 acc, SMMULR + 2^e1 and the shift cannot
 * overflow); or constant (its output the same for every accumulator it can
 * reach), which the epilogue then gives as multiplier 0 plus the value. */
static inline int wide_channel(const epilogue *e, int32_t oc, int32_t start, int32_t k, int32_t constant,
                               int8_t value, int32_t *s, int32_t *m, int32_t *round, int32_t *e2, int32_t *off)
{
    const int32_t qi = e->per_channel ? oc : 0;
    const int32_t mult = e->multiplier[qi], shift = e->shift[qi];
    if (constant) {
        *s = *m = *round = *e2 = 0;
        *off = value;
        return 1;
    }
    const int32_t e1 = -shift - 1;
    if (!tsn_requant_is_short(mult, shift) || e1 > 29 || !tsn_in_small_range(start, k)) {
        return 0;
    }
    *s = start;
    *m = mult;
    *round = 1 << e1;
    *e2 = e1 + 1;
    *off = e->out_offset;
    return 1;
}

static void __attribute__((noinline)) pair_3x2(const int32_t *x, const wide_pair *pp)
{
    /* a copy on the stack: the assembly reads each field off sp, no
     * pointer to chase when every register is taken */
    wide_pair q = *pp;
    int32_t a00, a01, a10, a11, a20, a21, W0, W1, W2, W3, X0, X1;
    const int32_t *w;
    const int32_t *x_end;
    __asm__ volatile(
        "2:\n\t"
        "ldrd   %[p0c0], %[p0c1], %[st]\n\t"
        "ldr    %[W1], %[tb]\n\t"
        "ldr    %[w], %[rows]\n\t"
        "mov    %[p1c0], %[p0c0]\n\t"
        "add    %[W1], %[x], %[W1]\n\t"
        "mov    %[p2c0], %[p0c0]\n\t"
        "str    %[W1], %[xend]\n\t"
        "mov    %[p1c1], %[p0c1]\n\t"
        "mov    %[p2c1], %[p0c1]\n\t"
        TSN_3X2_DOT("xend")
        /* requantisation, ordered for the pairing rules: each SMMULR and
         * SSAT (older slot only) carries an add, a shift, a load or a store */
        "lsl    %[p0c0], %[p0c0], #1\n\t"
        "ldrd   %[W0], %[W1], %[mm]\n\t"
        "lsl    %[p1c0], %[p1c0], #1\n\t"
        "ldrd   %[W2], %[W3], %[rr]\n\t"
        "lsl    %[p2c0], %[p2c0], #1\n\t"
        "ldrd   %[X0], %[X1], %[ee]\n\t"
        "lsl    %[p0c1], %[p0c1], #1\n\t"
        "smmulr %[p0c0], %[p0c0], %[W0]\n\t"
        "smmulr %[p1c0], %[p1c0], %[W0]\n\t"
        "lsl    %[p1c1], %[p1c1], #1\n\t"
        "smmulr %[p2c0], %[p2c0], %[W0]\n\t"
        "lsl    %[p2c1], %[p2c1], #1\n\t"
        "smmulr %[p0c1], %[p0c1], %[W1]\n\t"
        "add    %[p0c0], %[p0c0], %[p0c0], asr #31\n\t"
        "smmulr %[p1c1], %[p1c1], %[W1]\n\t"
        "add    %[p1c0], %[p1c0], %[p1c0], asr #31\n\t"
        "smmulr %[p2c1], %[p2c1], %[W1]\n\t"
        "add    %[p2c0], %[p2c0], %[p2c0], asr #31\n\t"
        "add    %[p0c0], %[p0c0], %[W2]\n\t"
        "add    %[p0c1], %[p0c1], %[p0c1], asr #31\n\t"
        "add    %[p1c0], %[p1c0], %[W2]\n\t"
        "add    %[p1c1], %[p1c1], %[p1c1], asr #31\n\t"
        "add    %[p2c0], %[p2c0], %[W2]\n\t"
        "add    %[p2c1], %[p2c1], %[p2c1], asr #31\n\t"
        "asr    %[p0c0], %[p0c0], %[X0]\n\t"
        "asr    %[p1c0], %[p1c0], %[X0]\n\t"
        "add    %[p0c1], %[p0c1], %[W3]\n\t"
        "asr    %[p2c0], %[p2c0], %[X0]\n\t"
        "add    %[p1c1], %[p1c1], %[W3]\n\t"
        "ldrd   %[W0], %[W1], %[off]\n\t"
        "add    %[p2c1], %[p2c1], %[W3]\n\t"
        "asr    %[p0c1], %[p0c1], %[X1]\n\t"
        "asr    %[p1c1], %[p1c1], %[X1]\n\t"
        "add    %[p0c0], %[p0c0], %[W0]\n\t"
        "asr    %[p2c1], %[p2c1], %[X1]\n\t"
        "add    %[p1c0], %[p1c0], %[W0]\n\t"
        "ssat   %[p0c0], #8, %[p0c0]\n\t"
        "add    %[p2c0], %[p2c0], %[W0]\n\t"
        "ssat   %[p1c0], #8, %[p1c0]\n\t"
        "add    %[p0c1], %[p0c1], %[W1]\n\t"
        "ssat   %[p2c0], #8, %[p2c0]\n\t"
        "add    %[p1c1], %[p1c1], %[W1]\n\t"
        "ssat   %[p0c1], #8, %[p0c1]\n\t"
        "add    %[p2c1], %[p2c1], %[W1]\n\t"
        "ssat   %[p1c1], #8, %[p1c1]\n\t"
        "ldr    %[W2], %[o]\n\t"
        "ssat   %[p2c1], #8, %[p2c1]\n\t"
        "ldr    %[W3], %[och]\n\t"
        "bfi    %[p0c0], %[p0c1], #8, #8\n\t"
        "ldr    %[X0], %[end]\n\t"
        "bfi    %[p1c0], %[p1c1], #8, #8\n\t"
        "strh   %[p0c0], [%[W2]]\n\t"
        "bfi    %[p2c0], %[p2c1], #8, #8\n\t"
        "strh   %[p1c0], [%[W2], %[W3]]\n\t"
        "add    %[W2], %[W2], %[W3], lsl #1\n\t"
        "strh   %[p2c0], [%[W2]]\n\t"
        "add    %[W2], %[W2], %[W3]\n\t"
        "cmp    %[x], %[X0]\n\t"
        "str    %[W2], %[o]\n\t"
        "bne    2b\n\t"
        : [p0c0] "=&r"(a00), [p0c1] "=&r"(a01), [p1c0] "=&r"(a10), [p1c1] "=&r"(a11), [p2c0] "=&r"(a20),
          [p2c1] "=&r"(a21), [x] "+r"(x), [w] "=&r"(w), [W0] "=&r"(W0), [W1] "=&r"(W1), [W2] "=&r"(W2),
          [W3] "=&r"(W3), [X0] "=&r"(X0), [X1] "=&r"(X1), [xend] "=m"(x_end), [o] "+m"(q.o)
        : [st] "m"(q.start), [mm] "m"(q.m), [rr] "m"(q.round), [ee] "m"(q.e2), [off] "m"(q.out_off),
          [rows] "m"(q.rows),
          [och] "m"(q.out_ch), [end] "m"(q.end), [tb] "m"(q.triple_bytes)
        : "cc", "memory");
}
#else
static inline acc3x2 dot_3x2_wide(acc3x2 s, const int32_t *x, const int32_t *w, const int32_t *x_end)
{
    for (; x != x_end; x += 6, w += 4) {
        s.p0c0 = __smlad(x[0], w[0], __smlad(x[3], w[2], s.p0c0));
        s.p0c1 = __smlad(x[0], w[1], __smlad(x[3], w[3], s.p0c1));
        s.p1c0 = __smlad(x[1], w[0], __smlad(x[4], w[2], s.p1c0));
        s.p1c1 = __smlad(x[1], w[1], __smlad(x[4], w[3], s.p1c1));
        s.p2c0 = __smlad(x[2], w[0], __smlad(x[5], w[2], s.p2c0));
        s.p2c1 = __smlad(x[2], w[1], __smlad(x[5], w[3], s.p2c1));
    }
    return s;
}
#endif

void tsn_nn_pointwise_wide_start_s8(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *start,
                                    int32_t k, int32_t out_ch, int32_t output_offset,
                                    const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                                    void *scratch, int32_t scratch_bytes, int8_t *out)
{
    const epilogue e = {quant->multiplier, quant->shift, quant->per_channel,
                        output_offset, act_min, act_max};
    const int32_t triples = pixels / 3;
    const int32_t per_chunk = tsn_pointwise_wide_triples_within(pixels, k, scratch_bytes);
    if (per_chunk < 1) {
        tsn_nn_pointwise_start_s8(in, pixels, filter, start, k, out_ch, output_offset, quant, act_min, act_max, out);
        return;
    }
    int32_t *const chunk = (int32_t *)scratch;
    int32_t *const rows = chunk + per_chunk * 3 * k / 2;
    const int32_t triple_words = 3 * k / 2;
    for (int32_t t0 = 0; t0 < triples; t0 += per_chunk) {
        const int32_t n = TSN_MIN(per_chunk, triples - t0);
        widen_triples(in + t0 * 3 * k, n, k, chunk);
        int8_t *const out_chunk = out + t0 * 3 * out_ch;
        for (int32_t oc = 0; oc < out_ch; oc += 2) {
            const int32_t c0 = start[oc], c1 = start[oc + 1];
            int8_t v0 = 0, v1 = 0;
            const int32_t dead0 = channel_constant(&e, oc, c0, k, &v0), dead1 = channel_constant(&e, oc + 1, c1, k, &v1);
            if (dead0 && dead1) {
                int8_t *o = out_chunk + oc;
                for (int32_t p = 0; p < 3 * n; p++, o += out_ch) {
                    o[0] = v0;
                    o[1] = v1;
                }
                continue;
            }
            widen_pair(filter + oc * k, k, rows);
#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
            wide_pair pp;
            if (act_min == -128 && act_max == 127 &&
                wide_channel(&e, oc, c0, k, dead0, v0, &pp.start[0], &pp.m[0], &pp.round[0], &pp.e2[0],
                             &pp.out_off[0]) &&
                wide_channel(&e, oc + 1, c1, k, dead1, v1, &pp.start[1], &pp.m[1], &pp.round[1], &pp.e2[1],
                             &pp.out_off[1])) {
                pp.rows = rows;
                pp.o = out_chunk + oc;
                pp.out_ch = out_ch;
                pp.end = chunk + n * triple_words;
                pp.triple_bytes = triple_words * 4;
                pair_3x2(chunk, &pp);
                continue;
            }
#endif
            const pair_quant pq = pair_quant_of(oc, e, c0, c1, k, 1);
            const int32_t *x = chunk;
            int8_t *o = out_chunk + oc;
            for (int32_t t = 0; t < n; t++, x += triple_words, o += 3 * out_ch) {
                acc3x2 s = {c0, c1, c0, c1, c0, c1};
                s = dot_3x2_wide(s, x, rows, x + triple_words);
                store_1x2(s.p0c0, s.p0c1, &pq, &e, o);
                store_1x2(s.p1c0, s.p1c1, &pq, &e, o + out_ch);
                store_1x2(s.p2c0, s.p2c1, &pq, &e, o + 2 * out_ch);
            }
        }
    }
    const int32_t done = triples * 3;
    if (done < pixels) {
        tsn_nn_pointwise_start_s8(in + done * k, pixels - done, filter, start, k, out_ch, output_offset, quant,
                                  act_min, act_max, out + done * out_ch);
    }
}

void tsn_nn_mat_mult_s8(const int8_t *col, int32_t col_stride, int32_t cols, const int8_t *filter,
                        const int32_t *bias, int32_t k, int32_t out_ch,
                        int32_t input_offset, int32_t output_offset,
                        const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                        int8_t *out)
{
    const epilogue e = {quant->multiplier, quant->shift, quant->per_channel,
                        output_offset, act_min, act_max};
    /* (contiguous pixels and im2col columns take tsn_nn_pointwise_s8 and
     * tsn_nn_mat_mult_2cols_s8; this serves strided 1x1 and single pixels) */
    if (cols < 2) {
        mat_mult_1col(col, filter, bias, k, out_ch, input_offset, e, out);
    } else {
        mat_mult_2cols(col, col_stride, filter, bias, k, out_ch, input_offset, e, out);
    }
}

#else /* portable body */

void tsn_nn_mat_mult_s8(const int8_t *col, int32_t col_stride, int32_t cols, const int8_t *filter,
                        const int32_t *bias, int32_t k, int32_t out_ch,
                        int32_t input_offset, int32_t output_offset,
                        const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                        int8_t *out)
{
    const epilogue e = {quant->multiplier, quant->shift, quant->per_channel,
                        output_offset, act_min, act_max};
    for (int32_t p = 0; p < cols; p++) {
        const int8_t *x = col + p * col_stride;
        for (int32_t oc = 0; oc < out_ch; oc++) {
            const int8_t *w = filter + oc * k;
            int32_t acc = 0;
            for (int32_t i = 0; i < k; i++) {
                acc += w[i] * (x[i] + input_offset);
            }
            if (bias) {
                acc += bias[oc];
            }
            out[p * out_ch + oc] = requant(acc, oc, e);
        }
    }
}

void tsn_nn_pointwise_s8(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *bias,
                         int32_t k, int32_t out_ch, int32_t input_offset, int32_t output_offset,
                         const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                         int8_t *out)
{
    for (int32_t p = 0; p < pixels; p++) {
        tsn_nn_mat_mult_s8(in + p * k, k, 1, filter, bias, k, out_ch, input_offset, output_offset,
                           quant, act_min, act_max, out + p * out_ch);
    }
}

void tsn_nn_pointwise_start_s8(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *start,
                               int32_t k, int32_t out_ch, int32_t output_offset,
                               const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                               int8_t *out)
{
    /* the start values are the biases of a GEMM without input offset */
    tsn_nn_pointwise_s8(in, pixels, filter, start, k, out_ch, 0, output_offset, quant, act_min, act_max,
                        out);
}

void tsn_nn_pointwise_wide_start_s8(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *start,
                                    int32_t k, int32_t out_ch, int32_t output_offset,
                                    const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                                    void *scratch, int32_t scratch_bytes, int8_t *out)
{
    (void)scratch; /* the portable body has no widened route */
    (void)scratch_bytes;
    tsn_nn_pointwise_start_s8(in, pixels, filter, start, k, out_ch, output_offset, quant, act_min, act_max, out);
}

#endif
