/*
 * First-layer convolution: 3 input channels (an RGB image), 3x3 filter,
 * stride 1 or 2, no dilation, an even number of output channels, input
 * offset folded into start values (as tsn_convolve_start_s8).
 *
 * An im2col column of 27 bytes costs more to gather than to multiply. Here
 * each input pixel is widened to one word (R, G, B, 0) in a three-row window
 * of the input in scratch, so a window row is three aligned words; each word
 * gives the halfword pairs (R, B) and (G, 0) with two SXTB16, against weight
 * pairs packed once per call in the same order (the 0 lane meets a 0
 * weight). Two output pixels x two channels per pass: each widened word
 * meets two channels and each weight word two pixels.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

/* Per channel pair: 36 weight words (row r, column j: c0 (R,B), c1 (R,B),
 * c0 (G,0), c1 (G,0)) and its requantisation. */
typedef struct {
    int32_t w[36];
    int32_t start0, start1, m0, m1, round0, round1, e20, e21;
    int32_t shift0, shift1;
    int32_t small; /* both channels on tsn_requant_ssat_small's route */
} rgb_pair;

/* Window words per row: the widest padded input a 3x3 window row can span
 * (padding at most 2 on each side), plus one window for the partner of an odd
 * last pixel. */
static int32_t window_cols(const tsn_dims *in)
{
    return in->w + 2 * 2 + 3;
}

int tsn_convolve_rgb_start_s8_applies(const tsn_conv_params *p, const tsn_dims *input_dims,
                                      const tsn_dims *filter_dims)
{
    return input_dims->c == 3 && filter_dims->c == 3 && filter_dims->h == 3 && filter_dims->w == 3 &&
           filter_dims->n >= 2 && (filter_dims->n & 1) == 0 && p->dilation.h == 1 && p->dilation.w == 1 &&
           p->stride.h >= 1 && p->stride.h <= 2 && p->stride.w >= 1 && p->stride.w <= 2 && p->padding.h >= 0 &&
           p->padding.h <= 2 && p->padding.w >= 0 && p->padding.w <= 2;
}

int32_t tsn_convolve_rgb_start_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims)
{
    /* rows, packed pairs, and a spare output row for an odd last pixel's partner */
    return 3 * window_cols(input_dims) * 4 + (filter_dims->n / 2) * (int32_t)sizeof(rgb_pair) +
           ((filter_dims->n + 3) & ~3);
}

#if TSN_USE_DSP
/* Input row iy as words (R, G, B, 0) from padded column 0; outside the
 * input (padding) every byte is the input zero point, which the folded
 * offset cancels. */
static void widen_row(const int8_t *in, int32_t in_h, int32_t in_w, int32_t iy, int32_t pw, int32_t cols,
                      uint32_t pad_word, uint32_t *dst)
{
    if (iy < 0 || iy >= in_h) {
        for (int32_t x = 0; x < cols; x++) {
            dst[x] = pad_word;
        }
        return;
    }
    const uint8_t *src = (const uint8_t *)in + iy * in_w * 3;
    int32_t x = 0;
    for (; x < pw; x++) {
        dst[x] = pad_word;
    }
    for (uint32_t *d = dst + pw, *const end = dst + pw + in_w; d != end; d++, src += 3) {
        *d = (uint32_t)src[0] | ((uint32_t)src[1] << 8) | ((uint32_t)src[2] << 16);
    }
    for (x = pw + in_w; x < cols; x++) {
        dst[x] = pad_word;
    }
}

typedef struct {
    int32_t a0, a1, b0, b1;
} acc4;

#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
/* One window column of both pixels against channels 0 and 1, nine cycles of
 * pairs ([J] in emulator/CYCLE_MODEL.md: SXTB16 only in the older slot,
 * multiplies never pair, a loaded word feeds SXTB16 or a multiply two cycles
 * later). On entry RA, RB hold the column's words of pixels a and b, LA the
 * (R, B) halves of RA, L0 and L1 the channels' (R, B) weights and WH channel
 * 0's (G, 0) weight. SXTB16 gives RB's (R, B) into LB and both (G, 0) in
 * place; the next column's words land in LA and LB, its (R, B) weights in L1
 * and L0 and its (G, 0) weight in WH, and its a-half (R, B) in RA: the next
 * column swaps RA/LA, RB/LB and L0/L1. wo: this column's weights in bytes;
 * next: the next column's loads (TSN_RGB_NEXT), or none for the last. */
#define TSN_RGB_STEP(RA, RB, LA, LB, L0, L1, wo, next)               \
    "sxtb16 %[" #LB "], %[" #RB "]\n\t"                               \
    "smlad  %[a0], %[" #LA "], %[" #L0 "], %[a0]\n\t"                 \
    "sxtb16 %[" #RA "], %[" #RA "], ror #8\n\t"                       \
    "smlad  %[a1], %[" #LA "], %[" #L1 "], %[a1]\n\t"                 \
    "sxtb16 %[" #RB "], %[" #RB "], ror #8\n\t"                       \
    "smlad  %[b0], %[" #LB "], %[" #L0 "], %[b0]\n\t"                 \
    "ldr    %[" #L0 "], [%[w], #" #wo "+12]\n\t"                      \
    "smlad  %[b1], %[" #LB "], %[" #L1 "], %[b1]\n\t"                 \
    next(RA, RB, LA, LB, L0, L1, wo)
/* the rest of a column that loads the next one: j, the next column's index
 * in its row; row, "add p, p, rb" when it starts a row */
#define TSN_RGB_NEXT(j, s, row) TSN_RGB_NEXT_I(j, s, row)
#define TSN_RGB_NEXT_I(j, s, row) TSN_RGB_NEXT_##j##_##s##_##row
#define TSN_RGB_TAIL(RA, RB, LA, LB, L0, L1, wo, ja, jb, row)             \
    "ldr    %[" #L1 "], [%[w], #" #wo "+16]\n\t"                          \
    "smlad  %[a0], %[" #RA "], %[wh], %[a0]\n\t" row                      \
    "ldr    %[" #LA "], [%[p], #" #ja "]\n\t"                             \
    "smlad  %[b0], %[" #RB "], %[wh], %[b0]\n\t"                          \
    "ldr    %[wh], [%[w], #" #wo "+24]\n\t"                               \
    "smlad  %[a1], %[" #RA "], %[" #L0 "], %[a1]\n\t"                     \
    "ldr    %[" #LB "], [%[p], #" #jb "]\n\t"                             \
    "smlad  %[b1], %[" #RB "], %[" #L0 "], %[b1]\n\t"                     \
    "sxtb16 %[" #RA "], %[" #LA "]\n\t"                                   \
    "ldr    %[" #L0 "], [%[w], #" #wo "+20]\n\t"
#define TSN_RGB_LAST(RA, RB, LA, LB, L0, L1, wo)                          \
    "smlad  %[a0], %[" #RA "], %[wh], %[a0]\n\t"                          \
    "smlad  %[b0], %[" #RB "], %[wh], %[b0]\n\t"                          \
    "smlad  %[a1], %[" #RA "], %[" #L0 "], %[a1]\n\t"                     \
    "smlad  %[b1], %[" #RB "], %[" #L0 "], %[b1]\n\t"
#define TSN_RGB_ADD_ROW "add    %[p], %[p], %[rb]\n\t"
/* next-column loaders for stride 1 and 2: column j of pixel a at 4j bytes,
 * of pixel b at 4 (j + s) */
#define TSN_RGB_NEXT_1_1_0(RA, RB, LA, LB, L0, L1, wo) TSN_RGB_TAIL(RA, RB, LA, LB, L0, L1, wo, 4, 8, "")
#define TSN_RGB_NEXT_2_1_0(RA, RB, LA, LB, L0, L1, wo) TSN_RGB_TAIL(RA, RB, LA, LB, L0, L1, wo, 8, 12, "")
#define TSN_RGB_NEXT_0_1_1(RA, RB, LA, LB, L0, L1, wo) \
    TSN_RGB_TAIL(RA, RB, LA, LB, L0, L1, wo, 0, 4, TSN_RGB_ADD_ROW)
#define TSN_RGB_NEXT_1_2_0(RA, RB, LA, LB, L0, L1, wo) TSN_RGB_TAIL(RA, RB, LA, LB, L0, L1, wo, 4, 12, "")
#define TSN_RGB_NEXT_2_2_0(RA, RB, LA, LB, L0, L1, wo) TSN_RGB_TAIL(RA, RB, LA, LB, L0, L1, wo, 8, 16, "")
#define TSN_RGB_NEXT_0_2_1(RA, RB, LA, LB, L0, L1, wo) \
    TSN_RGB_TAIL(RA, RB, LA, LB, L0, L1, wo, 0, 8, TSN_RGB_ADD_ROW)

/* The nine columns of a pass; s: the stride in columns. */
#define TSN_RGB_PASS(s)                                                             \
    "ldr    %[l0], [%[w]]\n\t"                                                      \
    "ldr    %[l1], [%[w], #4]\n\t"                                                  \
    "ldr    %[x], [%[p]]\n\t"                                                       \
    "ldr    %[wh], [%[w], #8]\n\t"                                                  \
    "ldr    %[y], [%[p], #" #s "*4]\n\t"                                            \
    "sxtb16 %[l], %[x]\n\t"                                                         \
    TSN_RGB_STEP(x, y, l, m, l0, l1, 0, TSN_RGB_NEXT(1, s, 0))                      \
    TSN_RGB_STEP(l, m, x, y, l1, l0, 16, TSN_RGB_NEXT(2, s, 0))                     \
    TSN_RGB_STEP(x, y, l, m, l0, l1, 32, TSN_RGB_NEXT(0, s, 1))                     \
    TSN_RGB_STEP(l, m, x, y, l1, l0, 48, TSN_RGB_NEXT(1, s, 0))                     \
    TSN_RGB_STEP(x, y, l, m, l0, l1, 64, TSN_RGB_NEXT(2, s, 0))                     \
    TSN_RGB_STEP(l, m, x, y, l1, l0, 80, TSN_RGB_NEXT(0, s, 1))                     \
    TSN_RGB_STEP(x, y, l, m, l0, l1, 96, TSN_RGB_NEXT(1, s, 0))                     \
    TSN_RGB_STEP(l, m, x, y, l1, l0, 112, TSN_RGB_NEXT(2, s, 0))                    \
    TSN_RGB_STEP(x, y, l, m, l0, l1, 128, TSN_RGB_LAST)                             \
    "sub    %[p], %[p], %[rb], lsl #1\n\t"

/* 14 registers: four accumulators, four word registers, three weights, p, rb, w. */
static inline __attribute__((always_inline)) acc4 pass(acc4 a, const uint32_t *p, int32_t rb, const int32_t *w,
                                                       int32_t s)
{
    int32_t x, y, l, m, l0, l1, wh;
    if (s == 1) {
        __asm__(TSN_RGB_PASS(1)
                : [a0] "+r"(a.a0), [a1] "+r"(a.a1), [b0] "+r"(a.b0), [b1] "+r"(a.b1), [x] "=&r"(x), [y] "=&r"(y),
                  [l] "=&r"(l), [m] "=&r"(m), [l0] "=&r"(l0), [l1] "=&r"(l1), [wh] "=&r"(wh), [p] "+&r"(p)
                : [rb] "r"(rb), [w] "r"(w)
                : "memory");
    } else {
        __asm__(TSN_RGB_PASS(2)
                : [a0] "+r"(a.a0), [a1] "+r"(a.a1), [b0] "+r"(a.b0), [b1] "+r"(a.b1), [x] "=&r"(x), [y] "=&r"(y),
                  [l] "=&r"(l), [m] "=&r"(m), [l0] "=&r"(l0), [l1] "=&r"(l1), [wh] "=&r"(wh), [p] "+&r"(p)
                : [rb] "r"(rb), [w] "r"(w)
                : "memory");
    }
    return a;
}
#else
static inline acc4 pass(acc4 a, const uint32_t *p, int32_t rb, const int32_t *w, int32_t s)
{
    for (int32_t r = 0; r < 3; r++) {
        const uint32_t *row = (const uint32_t *)((const int8_t *)p + r * rb);
        for (int32_t j = 0; j < 3; j++) {
            const int32_t *wj = w + 4 * (3 * r + j);
            const int32_t xa = (int32_t)row[j], xb = (int32_t)row[j + s];
            a.a0 = __smlad(__sxtb16(xa), wj[0], a.a0);
            a.a1 = __smlad(__sxtb16(xa), wj[1], a.a1);
            a.b0 = __smlad(__sxtb16(xb), wj[0], a.b0);
            a.b1 = __smlad(__sxtb16(xb), wj[1], a.b1);
            a.a0 = __smlad(tsn_sxtb16_ror8(xa), wj[2], a.a0);
            a.a1 = __smlad(tsn_sxtb16_ror8(xa), wj[3], a.a1);
            a.b0 = __smlad(tsn_sxtb16_ror8(xb), wj[2], a.b0);
            a.b1 = __smlad(tsn_sxtb16_ror8(xb), wj[3], a.b1);
        }
    }
    return a;
}
#endif

static inline int32_t pack16(int32_t lo, int32_t hi)
{
    return (int32_t)(((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16));
}
#endif

tsn_status tsn_convolve_rgb_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                     const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                     const int8_t *input_data, const tsn_dims *filter_dims,
                                     const int8_t *filter_data, const int32_t *start,
                                     const tsn_dims *output_dims, int8_t *output_data)
{
    const tsn_conv_params *p = conv_params;
    if (!ctx || !p || !quant_params || !input_dims || !input_data || !filter_dims || !filter_data || !start ||
        !output_dims || !output_data || !tsn_convolve_rgb_start_s8_applies(p, input_dims, filter_dims) ||
        output_dims->c != filter_dims->n || !ctx->buf || ((uintptr_t)ctx->buf & 3) != 0 ||
        ctx->size < tsn_convolve_rgb_start_s8_get_buffer_size(input_dims, filter_dims)) {
        return TSN_ARG_ERROR;
    }
    const int32_t oh = output_dims->h, ow = output_dims->w, out_ch = output_dims->c;
    const int32_t sh = p->stride.h, sw = p->stride.w;
    const int32_t cols = window_cols(input_dims);
    /* an odd last pixel is computed with a partner window that must fit too */
    const int32_t ow_even = (ow + 1) & ~1;
    if ((ow_even - 1) * sw + 3 > cols) {
        return TSN_ARG_ERROR;
    }
#if TSN_USE_DSP
    const int32_t out_off = p->output_offset;
    uint32_t *const rows = (uint32_t *)ctx->buf;
    rgb_pair *const pairs = (rgb_pair *)(rows + 3 * cols);
    const int32_t npairs = out_ch / 2;
    const int32_t act_min = p->activation.min, act_max = p->activation.max;
    for (int32_t j = 0; j < npairs; j++) {
        rgb_pair *pr = &pairs[j];
        /* tsn_requant_ssat_small's route needs |start| < 2^29 (27 taps of
         * |x + offset| <= 255 times |w| <= 128 add less than 2^20), e1 <= 21
         * and no clamp beyond int8; other pairs take tsn_requant_clamp */
        int32_t small = act_min == -128 && act_max == 127;
        for (int32_t c = 0; c < 2; c++) {
            const int32_t oc = 2 * j + c;
            const int8_t *f = filter_data + oc * 27;
            for (int32_t t = 0; t < 9; t++) {
                pr->w[4 * t + c] = pack16(f[3 * t], f[3 * t + 2]);
                pr->w[4 * t + 2 + c] = pack16(f[3 * t + 1], 0);
            }
            const int32_t qi = quant_params->per_channel ? oc : 0;
            const int32_t m = quant_params->multiplier[qi], sh_q = quant_params->shift[qi];
            small &= tsn_requant_is_short(m, sh_q) && -sh_q - 1 <= 21 && start[oc] > -(1 << 29) &&
                     start[oc] < (1 << 29);
            const int32_t e2 = -sh_q;
            const int32_t round = small ? (1 << (e2 - 1)) + out_off * (1 << e2) : 0;
            if (c == 0) {
                pr->start0 = start[oc];
                pr->m0 = m;
                pr->shift0 = sh_q;
                pr->e20 = e2;
                pr->round0 = round;
            } else {
                pr->start1 = start[oc];
                pr->m1 = m;
                pr->shift1 = sh_q;
                pr->e21 = e2;
                pr->round1 = round;
            }
        }
        /* (round0 was worked out before channel 1 could clear small) */
        pr->small = small;
        pr->round0 = small ? pr->round0 : 0;
    }
    int8_t *const spare = (int8_t *)(pairs + npairs);
    const uint32_t zp = (uint8_t)(-p->input_offset);
    const uint32_t pad_word = zp | (zp << 8) | (zp << 16);
    const int32_t rb = cols * 4;
    for (int32_t n = 0; n < input_dims->n; n++) {
        const int8_t *in = input_data + n * input_dims->h * input_dims->w * 3;
        int8_t *out = output_data + n * oh * ow * out_ch;
        int32_t have = -1000; /* input row in window row 0 */
        for (int32_t oy = 0; oy < oh; oy++) {
            const int32_t iy0 = oy * sh - p->padding.h;
            /* slide the window: rows still in it move up, the rest are widened */
            const int32_t keep = have >= iy0 - 2 && have <= iy0 ? 3 - (iy0 - have) : 0;
            if (keep > 0 && iy0 != have) {
                __builtin_memmove(rows, rows + (iy0 - have) * cols, (size_t)keep * (size_t)rb);
            }
            for (int32_t r = keep; r < 3; r++) {
                widen_row(in, input_dims->h, input_dims->w, iy0 + r, p->padding.w, cols, pad_word,
                          rows + r * cols);
            }
            have = iy0;
            int8_t *o = out + oy * ow * out_ch;
            for (int32_t ox = 0; ox < ow; ox += 2) {
                const uint32_t *win = rows + ox * sw;
                /* an odd last pixel's partner is written to the spare row */
                int8_t *ob = ox + 1 < ow ? o + out_ch : spare;
                for (int32_t j = 0; j < npairs; j++) {
                    const rgb_pair *pr = &pairs[j];
                    acc4 a = {pr->start0, pr->start1, pr->start0, pr->start1};
                    a = pass(a, win, rb, pr->w, sw);
                    if (pr->small) {
                        o[2 * j] = tsn_requant_ssat_small(a.a0, pr->m0, pr->round0, pr->e20);
                        o[2 * j + 1] = tsn_requant_ssat_small(a.a1, pr->m1, pr->round1, pr->e21);
                        ob[2 * j] = tsn_requant_ssat_small(a.b0, pr->m0, pr->round0, pr->e20);
                        ob[2 * j + 1] = tsn_requant_ssat_small(a.b1, pr->m1, pr->round1, pr->e21);
                    } else {
                        o[2 * j] = tsn_requant_clamp(a.a0, pr->m0, pr->shift0, out_off, act_min, act_max);
                        o[2 * j + 1] = tsn_requant_clamp(a.a1, pr->m1, pr->shift1, out_off, act_min, act_max);
                        ob[2 * j] = tsn_requant_clamp(a.b0, pr->m0, pr->shift0, out_off, act_min, act_max);
                        ob[2 * j + 1] = tsn_requant_clamp(a.b1, pr->m1, pr->shift1, out_off, act_min, act_max);
                    }
                }
                o += 2 * out_ch;
            }
        }
    }
    return TSN_SUCCESS;
#else
    /* the portable body has no such route: callers take im2col */
    (void)oh;
    (void)out_ch;
    (void)sh;
    return TSN_ARG_ERROR;
#endif
}
