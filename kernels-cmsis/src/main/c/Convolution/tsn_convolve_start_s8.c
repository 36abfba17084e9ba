/*
 * tsn_convolve_s8 with the input offset folded into per-channel start values
 * (start[oc] = bias[oc] + input_offset * sum of filter row oc), which a code
 * generator works out at compile time from the constant weights: no row sums
 * at run time and no input offset in the inner loop. Padded taps still hold
 * the input zero point, whose product with the folded offset cancels.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_convolve_start_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims)
{
    return tsn_convolve_s8_get_buffer_size(input_dims, filter_dims);
}

#if TSN_USE_DSP
/* Output channels per pass of the one-channel 3x3 route (their parameters
 * live on the stack, 320 bytes). */
#define ONE_CH_GROUP 8

/* One output channel of that route, worked out once per layer: the nine
 * weights as five int16 pairs (the ninth with a zero partner), the start
 * value and the requantisation (round, e2: tsn_requant_ssat_small's). */
typedef struct {
    int32_t w[5];
    int32_t start, multiplier, shift, round, e2;
} one_ch;

/* lo and hi as the two int16 halves of an SMLAD operand */
static inline int32_t pack16(int32_t lo, int32_t hi)
{
    return (int32_t)(((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16));
}

static inline __attribute__((always_inline)) int32_t dot9(const one_ch *c, const int32_t *x)
{
    int32_t acc = c->start;
    acc = __smlad(x[0], c->w[0], acc);
    acc = __smlad(x[1], c->w[1], acc);
    acc = __smlad(x[2], c->w[2], acc);
    acc = __smlad(x[3], c->w[3], acc);
    return __smlad(x[4], c->w[4], acc);
}

/* One input channel, 3x3, undilated (a depthwise layer with a depth
 * multiplier on a greyscale image, compiled as a convolution): an im2col
 * column is 9 bytes, too short for the GEMM's 4-byte steps, so each window's
 * taps are widened once into five int16 pairs and every channel of the group
 * takes five SMLAD against its weight pairs. The ninth tap pairs with a zero
 * weight, so its upper half (the tap's sign) adds nothing. Padded taps hold
 * the input zero point, as in the GEMM route. */
static void __attribute__((noinline))
conv_3x3_one_channel(const int8_t *in, int32_t in_h, int32_t in_w, const tsn_conv_params *p,
                     const int8_t *filter, const int32_t *start, const tsn_quant_params *q, int32_t oh,
                     int32_t ow, int32_t out_ch, int8_t *out)
{
    const int32_t sh = p->stride.h, sw = p->stride.w, ph = p->padding.h, pw = p->padding.w;
    const int32_t pad_val = -p->input_offset;
    const int32_t out_off = p->output_offset, act_min = p->activation.min, act_max = p->activation.max;
    for (int32_t oc0 = 0; oc0 < out_ch; oc0 += ONE_CH_GROUP) {
        const int32_t n = TSN_MIN(ONE_CH_GROUP, out_ch - oc0);
        one_ch ch[ONE_CH_GROUP];
        /* every channel on tsn_requant_ssat_small's route: |start| < 2^29 and
         * nine taps of |x * w| <= 2^14 keep |acc| < 2^30, and e1 <= 21 */
        int32_t small = 1;
        for (int32_t j = 0; j < n; j++) {
            const int8_t *w = filter + (oc0 + j) * 9;
            one_ch *c = &ch[j];
            c->w[0] = pack16(w[0], w[1]);
            c->w[1] = pack16(w[2], w[3]);
            c->w[2] = pack16(w[4], w[5]);
            c->w[3] = pack16(w[6], w[7]);
            c->w[4] = pack16(w[8], 0);
            const int32_t qi = q->per_channel ? oc0 + j : 0;
            c->start = start[oc0 + j];
            c->multiplier = q->multiplier[qi];
            c->shift = q->shift[qi];
            small &= tsn_requant_is_short(c->multiplier, c->shift) && -c->shift - 1 <= 21 &&
                     c->start > -(1 << 29) && c->start < (1 << 29);
        }
        for (int32_t j = 0; j < n; j++) {
            /* (only used when small: 1 <= e2 <= 22, so no shift here overflows) */
            ch[j].e2 = small ? -ch[j].shift : 0;
            ch[j].round = small ? (1 << (ch[j].e2 - 1)) + out_off * (1 << ch[j].e2) : 0;
        }
        const one_ch *const ch_end = ch + n;
        for (int32_t oy = 0; oy < oh; oy++) {
            const int32_t y0 = oy * sh - ph;
            for (int32_t ox = 0; ox < ow; ox++) {
                const int32_t x0 = ox * sw - pw;
                int32_t x[5];
                if (y0 >= 0 && y0 + 3 <= in_h && x0 >= 0 && x0 + 3 <= in_w) {
                    const int8_t *r0 = in + y0 * in_w + x0;
                    const int8_t *r1 = r0 + in_w;
                    const int8_t *r2 = r1 + in_w;
                    x[0] = pack16(r0[0], r0[1]);
                    x[1] = pack16(r0[2], r1[0]);
                    x[2] = pack16(r1[1], r1[2]);
                    x[3] = pack16(r2[0], r2[1]);
                    x[4] = r2[2];
                } else {
                    int32_t v[9];
                    for (int32_t ky = 0; ky < 3; ky++) {
                        for (int32_t kx = 0; kx < 3; kx++) {
                            const int32_t iy = y0 + ky, ix = x0 + kx;
                            v[ky * 3 + kx] =
                                iy >= 0 && iy < in_h && ix >= 0 && ix < in_w ? in[iy * in_w + ix] : pad_val;
                        }
                    }
                    x[0] = pack16(v[0], v[1]);
                    x[1] = pack16(v[2], v[3]);
                    x[2] = pack16(v[4], v[5]);
                    x[3] = pack16(v[6], v[7]);
                    x[4] = v[8];
                }
                int8_t *o = out + (oy * ow + ox) * out_ch + oc0;
                if (small) {
                    for (const one_ch *c = ch; c != ch_end; c++, o++) {
                        const int32_t acc = dot9(c, x);
                        const int32_t h = tsn_smmulr((int32_t)((uint32_t)acc << 1), c->multiplier);
                        const int32_t v = (h + (h >> 31) + c->round) >> c->e2;
                        *o = (int8_t)TSN_CLAMP(v, act_min, act_max);
                    }
                } else {
                    for (const one_ch *c = ch; c != ch_end; c++, o++) {
                        *o = tsn_requant_clamp(dot9(c, x), c->multiplier, c->shift, out_off, act_min,
                                               act_max);
                    }
                }
            }
        }
    }
}
#endif

tsn_status tsn_convolve_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                 const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                 const int8_t *input_data, const tsn_dims *filter_dims,
                                 const int8_t *filter_data, const int32_t *start,
                                 const tsn_dims *output_dims, int8_t *output_data)
{
    if (!conv_params || !quant_params || !input_dims || !input_data || !filter_dims ||
        !filter_data || !start || !output_dims || !output_data) {
        return TSN_ARG_ERROR;
    }
    if (input_dims->c != filter_dims->c || output_dims->c != filter_dims->n ||
        conv_params->stride.h < 1 || conv_params->stride.w < 1 ||
        conv_params->dilation.h < 1 || conv_params->dilation.w < 1 ||
        conv_params->input_offset < -127 || conv_params->input_offset > 128) {
        return TSN_ARG_ERROR;
    }
    const int32_t need = tsn_convolve_start_s8_get_buffer_size(input_dims, filter_dims);
    if (!ctx || !ctx->buf || ctx->size < need) {
        return TSN_ARG_ERROR;
    }

    const int32_t k = filter_dims->h * filter_dims->w * input_dims->c;
    const int32_t out_ch = output_dims->c;
    const int32_t ow = output_dims->w;
    const int32_t pixels = output_dims->h * ow;
    const int8_t pad_val = (int8_t)(-conv_params->input_offset);
    int8_t *col = (int8_t *)ctx->buf;
    const int32_t act_min = conv_params->activation.min;
    const int32_t act_max = conv_params->activation.max;

#if TSN_USE_DSP
    /* one input channel given the plane as scratch */
    {
        const int32_t plane = tsn_convolve_plane_start_s8_get_buffer_size(conv_params, input_dims, filter_dims);
        if (plane > 0 && ctx->size >= plane &&
            tsn_convolve_plane_start_s8(ctx, conv_params, quant_params, input_dims, input_data, filter_dims,
                                        filter_data, start, output_dims, output_data) == TSN_SUCCESS) {
            return TSN_SUCCESS;
        }
    }
    /* an RGB first layer given the route's scratch */
    if (tsn_convolve_rgb_start_s8_applies(conv_params, input_dims, filter_dims) &&
        ctx->size >= tsn_convolve_rgb_start_s8_get_buffer_size(input_dims, filter_dims) &&
        tsn_convolve_rgb_start_s8(ctx, conv_params, quant_params, input_dims, input_data, filter_dims,
                                  filter_data, start, output_dims, output_data) == TSN_SUCCESS) {
        return TSN_SUCCESS;
    }
#endif
    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *in = input_data + b * input_dims->h * input_dims->w * input_dims->c;
        int8_t *out = output_data + b * pixels * out_ch;
#if TSN_USE_DSP
        if (input_dims->c == 1 && filter_dims->h == 3 && filter_dims->w == 3 &&
            conv_params->dilation.h == 1 && conv_params->dilation.w == 1) {
            conv_3x3_one_channel(in, input_dims->h, input_dims->w, conv_params, filter_data, start,
                                 quant_params, output_dims->h, ow, out_ch, out);
            continue;
        }
        if (pixels >= 2) {
            for (int32_t p = 0; p < pixels; p += 2) {
                /* an odd last pixel is paired with the one before it (written twice, same values) */
                const int32_t pa = p + 1 < pixels ? p : p - 1;
                tsn_im2col_s8(in, input_dims, filter_dims, conv_params, pa / ow, pa % ow, pad_val, col);
                tsn_im2col_s8(in, input_dims, filter_dims, conv_params, (pa + 1) / ow, (pa + 1) % ow,
                              pad_val, col + k);
                tsn_nn_mat_mult_2cols_s8(col, filter_data, start, k, 0, out_ch, out_ch,
                                         conv_params->output_offset, quant_params, act_min, act_max,
                                         out + pa * out_ch);
            }
            continue;
        }
#endif
        /* the start values are the biases of a GEMM without input offset */
        for (int32_t p = 0; p < pixels; p += 2) {
            const int32_t cols = p + 1 < pixels ? 2 : 1;
            for (int32_t j = 0; j < cols; j++) {
                tsn_im2col_s8(in, input_dims, filter_dims, conv_params, (p + j) / ow, (p + j) % ow,
                              pad_val, col + j * k);
            }
            tsn_nn_mat_mult_s8(col, k, cols, filter_data, start, k, out_ch, 0,
                               conv_params->output_offset, quant_params, act_min, act_max,
                               out + p * out_ch);
        }
    }
    return TSN_SUCCESS;
}
