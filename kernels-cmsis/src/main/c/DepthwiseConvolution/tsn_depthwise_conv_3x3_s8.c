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

int32_t tsn_depthwise_conv_3x3_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0;
}

#if TSN_USE_DSP
/* Tap positions of the largest padded image taken as a copy: an 8x8 one,
 * i.e. a 6x6 input with padding 1, 256 bytes of stack. */
#define PLANE_WORDS 64

/* Four channels [ch, ch + 4) of the layer, prepared once per pass over the
 * image: the nine taps' weights widened (lanes {0,2} in lo, {1,3} in hi),
 * the accumulators' start (bias) and the requantisation. */
typedef struct {
    int32_t w_lo[9], w_hi[9];
    int32_t start[4];
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

static inline __attribute__((always_inline)) void store4(const dw_group *g, acc4 a, int8_t *o)
{
    if (g->small) {
        o[0] = tsn_requant_ssat_small(a.a0, g->multiplier[0], g->round[0], g->e2[0]);
        o[1] = tsn_requant_ssat_small(a.a1, g->multiplier[1], g->round[1], g->e2[1]);
        o[2] = tsn_requant_ssat_small(a.a2, g->multiplier[2], g->round[2], g->e2[2]);
        o[3] = tsn_requant_ssat_small(a.a3, g->multiplier[3], g->round[3], g->e2[3]);
    } else if (g->ssat_only && tsn_small4(a.a0, a.a1, a.a2, a.a3)) {
        const int32_t off = g->out_off;
        o[0] = (int8_t)__ssat(tsn_requant_short_small(a.a0, g->multiplier[0], g->e1[0]) + off, 8);
        o[1] = (int8_t)__ssat(tsn_requant_short_small(a.a1, g->multiplier[1], g->e1[1]) + off, 8);
        o[2] = (int8_t)__ssat(tsn_requant_short_small(a.a2, g->multiplier[2], g->e1[2]) + off, 8);
        o[3] = (int8_t)__ssat(tsn_requant_short_small(a.a3, g->multiplier[3], g->e1[3]) + off, 8);
    } else if (g->ssat_only) {
        /* no activation clamp beyond int8: one SSAT */
        const int32_t off = g->out_off;
        o[0] = (int8_t)__ssat(tsn_requant_short(a.a0, g->multiplier[0], g->e1[0]) + off, 8);
        o[1] = (int8_t)__ssat(tsn_requant_short(a.a1, g->multiplier[1], g->e1[1]) + off, 8);
        o[2] = (int8_t)__ssat(tsn_requant_short(a.a2, g->multiplier[2], g->e1[2]) + off, 8);
        o[3] = (int8_t)__ssat(tsn_requant_short(a.a3, g->multiplier[3], g->e1[3]) + off, 8);
    } else if (g->all_short) {
        o[0] = tsn_requant_clamp_short(a.a0, g->multiplier[0], g->e1[0], g->out_off, g->act_min, g->act_max);
        o[1] = tsn_requant_clamp_short(a.a1, g->multiplier[1], g->e1[1], g->out_off, g->act_min, g->act_max);
        o[2] = tsn_requant_clamp_short(a.a2, g->multiplier[2], g->e1[2], g->out_off, g->act_min, g->act_max);
        o[3] = tsn_requant_clamp_short(a.a3, g->multiplier[3], g->e1[3], g->out_off, g->act_min, g->act_max);
    } else {
        o[0] = tsn_requant_clamp(a.a0, g->multiplier[0], g->shift[0], g->out_off, g->act_min, g->act_max);
        o[1] = tsn_requant_clamp(a.a1, g->multiplier[1], g->shift[1], g->out_off, g->act_min, g->act_max);
        o[2] = tsn_requant_clamp(a.a2, g->multiplier[2], g->shift[2], g->out_off, g->act_min, g->act_max);
        o[3] = tsn_requant_clamp(a.a3, g->multiplier[3], g->shift[3], g->out_off, g->act_min, g->act_max);
    }
}

/* n interior pixels of one output row: all nine taps inside the input, as
 * straight-line code (no tap loop to mispredict). s: the first window's top
 * left tap; step: input bytes between windows; c: bytes between the taps of a
 * row; row: input row bytes; o: the first output; o_step: bytes between
 * outputs. */
static void __attribute__((noinline)) interior_run(const dw_group *g, const int8_t *s, int32_t n,
                                                   int32_t step, int32_t c, int32_t row, int8_t *o,
                                                   int32_t o_step)
{
    const int32_t off2 = g->off2;
    for (; n > 0; n--, s += step, o += o_step) {
        acc4 a = {g->start[0], g->start[1], g->start[2], g->start[3]};
        const int8_t *s1 = s + row;
        const int8_t *s2 = s1 + row;
        a = tap(a, s, g->w_lo[0], g->w_hi[0], off2);
        a = tap(a, s + c, g->w_lo[1], g->w_hi[1], off2);
        a = tap(a, s + 2 * c, g->w_lo[2], g->w_hi[2], off2);
        a = tap(a, s1, g->w_lo[3], g->w_hi[3], off2);
        a = tap(a, s1 + c, g->w_lo[4], g->w_hi[4], off2);
        a = tap(a, s1 + 2 * c, g->w_lo[5], g->w_hi[5], off2);
        a = tap(a, s2, g->w_lo[6], g->w_hi[6], off2);
        a = tap(a, s2 + c, g->w_lo[7], g->w_hi[7], off2);
        a = tap(a, s2 + 2 * c, g->w_lo[8], g->w_hi[8], off2);
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
            a = tap(a, in + ((y0 + ky) * in_w + x0 + kx) * c, g->w_lo[t], g->w_hi[t], g->off2);
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
    (void)ctx;
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
            for (int32_t t = 0; t < 9; t++) {
                const int32_t w = tsn_read_s8x4(filter_data + t * c + ch);
                g.w_lo[t] = __sxtb16(w);
                g.w_hi[t] = tsn_sxtb16_ror8(w);
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
