/*
 * General int8 depthwise convolution (TFLite DepthwiseConvPerChannel):
 * any kernel size, stride, dilation, padding and depth multiplier.
 * Output channel oc = ic * ch_mult + m reads input channel ic.
 *
 * The reduction runs over filter taps, which are not contiguous in memory, so
 * SMLAD's pairwise sum does not fit; the DSP body instead keeps four channels
 * in flight, widening four int8 at once with SXTAB16 and accumulating with
 * SMLABB / SMLATT (one 16x16 MAC per lane).
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_depthwise_conv_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0;
}

/* Requantisation parameters as plain values: int8 stores may alias the
 * parameter structs, so reading through them would reload after every byte. */
typedef struct {
    const int32_t *multiplier;
    const int32_t *shift;
    int32_t per_channel;
    int32_t out_offset;
    int32_t act_min;
    int32_t act_max;
} epilogue;

static inline void store(int32_t acc, int32_t oc, epilogue e, int8_t *out)
{
    const int32_t qi = e.per_channel ? oc : 0;
    out[oc] = tsn_requant_clamp(acc, e.multiplier[qi], e.shift[qi], e.out_offset, e.act_min, e.act_max);
}

/* First tap index k with origin + k*dil >= 0. */
static inline int32_t tap_begin(int32_t origin, int32_t dil)
{
    return origin >= 0 ? 0 : (-origin + dil - 1) / dil;
}

/* One past the last tap k < k_size with origin + k*dil < size. */
static inline int32_t tap_end(int32_t origin, int32_t dil, int32_t size, int32_t k_size)
{
    const int32_t room = size - origin;
    const int32_t n = room <= 0 ? 0 : (room + dil - 1) / dil;
    return TSN_MIN(n, k_size);
}

tsn_status tsn_depthwise_conv_s8(const tsn_context *ctx, const tsn_dw_conv_params *dw_conv_params,
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
    if (p->ch_mult < 1 || output_dims->c != input_dims->c * p->ch_mult ||
        filter_dims->c != output_dims->c || p->stride.h < 1 || p->stride.w < 1 ||
        p->dilation.h < 1 || p->dilation.w < 1) {
        return TSN_ARG_ERROR;
    }

    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t dh = p->dilation.h, dw = p->dilation.w;
    const int32_t out_c = output_dims->c;
    const int32_t mult = p->ch_mult;
    const int32_t in_off = p->input_offset;
    const epilogue ep = {quant_params->multiplier, quant_params->shift, quant_params->per_channel,
                         p->output_offset, p->activation.min, p->activation.max};

    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *in = input_data + b * in_h * in_w * in_c;
        for (int32_t oy = 0; oy < output_dims->h; oy++) {
            const int32_t y0 = oy * p->stride.h - p->padding.h;
            /* taps with 0 <= y0 + ky*dh < in_h, found once per row instead of per tap */
            const int32_t ky0 = tap_begin(y0, dh);
            const int32_t ky1 = tap_end(y0, dh, in_h, k_h);
            for (int32_t ox = 0; ox < output_dims->w; ox++) {
                const int32_t x0 = ox * p->stride.w - p->padding.w;
                const int32_t kx0 = tap_begin(x0, dw);
                const int32_t kx1 = tap_end(x0, dw, in_w, k_w);
                /* no valid column: skip the rows too, so no pointer is formed off the input */
                const int32_t ky_end = kx1 > kx0 ? ky1 : ky0;
                int8_t *out = output_data + ((b * output_dims->h + oy) * output_dims->w + ox) * out_c;
                int32_t oc = 0;
#if TSN_USE_DSP
                const int32_t off2 = tsn_dup16(in_off);
                for (; oc + 4 <= out_c; oc += 4) {
                    /* input channel of each of the four outputs (all oc when mult == 1) */
                    const int32_t c0 = oc / mult, c1 = (oc + 1) / mult;
                    const int32_t c2 = (oc + 2) / mult, c3 = (oc + 3) / mult;
                    int32_t acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
/* One tap of four channels: x lanes {0,2} meet w lanes {0,2}, {1,3} meet {1,3}. */
#define TAP(xw, wp)                                          \
    do {                                                     \
        int32_t x_lo_, x_hi_, w_lo_, w_hi_;                  \
        TSN_WIDEN_OFF((xw), off2, x_lo_, x_hi_);             \
        TSN_WIDEN(tsn_read_s8x4(wp), w_lo_, w_hi_);          \
        acc0 = __smlabb(x_lo_, w_lo_, acc0);                 \
        acc2 = __smlatt(x_lo_, w_lo_, acc2);                 \
        acc1 = __smlabb(x_hi_, w_hi_, acc1);                 \
        acc3 = __smlatt(x_hi_, w_hi_, acc3);                 \
    } while (0)
                    if (mult == 1) {
                        /* four contiguous channels; taps two per pass */
                        const int32_t step = dw * in_c;
                        for (int32_t ky = ky0; ky < ky_end; ky++) {
                            const int8_t *src = in + ((y0 + ky * dh) * in_w + (x0 + kx0 * dw)) * in_c + oc;
                            const int8_t *wp = filter_data + (ky * k_w + kx0) * out_c + oc;
                            int32_t n = kx1 - kx0;
                            for (; n >= 2; n -= 2) {
                                TAP(tsn_read_s8x4(src), wp);
                                TAP(tsn_read_s8x4(src + step), wp + out_c);
                                src += 2 * step;
                                wp += 2 * out_c;
                            }
                            if (n > 0) {
                                TAP(tsn_read_s8x4(src), wp);
                            }
                        }
                    } else {
                        for (int32_t ky = ky0; ky < ky_end; ky++) {
                            const int8_t *src = in + ((y0 + ky * dh) * in_w + (x0 + kx0 * dw)) * in_c;
                            const int8_t *wp = filter_data + (ky * k_w + kx0) * out_c + oc;
                            for (int32_t kx = kx0; kx < kx1; kx++) {
                                const int32_t xw = (int32_t)(((uint32_t)(uint8_t)src[c0]) |
                                                             ((uint32_t)(uint8_t)src[c1] << 8) |
                                                             ((uint32_t)(uint8_t)src[c2] << 16) |
                                                             ((uint32_t)(uint8_t)src[c3] << 24));
                                TAP(xw, wp);
                                src += dw * in_c;
                                wp += out_c;
                            }
                        }
                    }
#undef TAP
                    if (bias_data) {
                        acc0 += bias_data[oc];
                        acc1 += bias_data[oc + 1];
                        acc2 += bias_data[oc + 2];
                        acc3 += bias_data[oc + 3];
                    }
                    store(acc0, oc, ep, out);
                    store(acc1, oc + 1, ep, out);
                    store(acc2, oc + 2, ep, out);
                    store(acc3, oc + 3, ep, out);
                }
#endif
                /* Portable body; on the DSP path it finishes the last out_c % 4 channels. */
                for (; oc < out_c; oc++) {
                    const int32_t ic = oc / mult;
                    int32_t acc = 0;
                    for (int32_t ky = ky0; ky < ky_end; ky++) {
                        const int32_t iy = y0 + ky * dh;
                        for (int32_t kx = kx0; kx < kx1; kx++) {
                            const int32_t ix = x0 + kx * dw;
                            acc += filter_data[(ky * k_w + kx) * out_c + oc] *
                                   (in[(iy * in_w + ix) * in_c + ic] + in_off);
                        }
                    }
                    if (bias_data) {
                        acc += bias_data[oc];
                    }
                    store(acc, oc, ep, out);
                }
            }
        }
    }
    return TSN_SUCCESS;
}
