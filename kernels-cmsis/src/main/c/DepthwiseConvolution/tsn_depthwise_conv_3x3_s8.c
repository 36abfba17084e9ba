/*
 * 3x3 int8 depthwise convolution, depth multiplier 1, no dilation,
 * stride 1 or 2, padding <= 1 (the MobileNet case).
 *
 * Per output pixel the valid tap window [ky0,ky1) x [kx0,kx1) is computed once,
 * so the channel loops carry no bounds checks; interior pixels run all nine
 * taps. The DSP body handles four channels per pass with SXTAB16 widening and
 * SMLABB / SMLATT accumulation.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_depthwise_conv_3x3_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0;
}

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

    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *in = input_data + b * in_h * in_w * c;
        for (int32_t oy = 0; oy < output_dims->h; oy++) {
            const int32_t y0 = oy * p->stride.h - p->padding.h;
            const int32_t ky0 = TSN_MAX(0, -y0);
            const int32_t ky1 = TSN_MIN(3, in_h - y0);
            for (int32_t ox = 0; ox < output_dims->w; ox++) {
                const int32_t x0 = ox * p->stride.w - p->padding.w;
                const int32_t kx0 = TSN_MAX(0, -x0);
                const int32_t kx1 = TSN_MIN(3, in_w - x0);
                /* no valid column: skip the rows too, so no pointer is formed off the input */
                const int32_t ky_end = kx1 > kx0 ? ky1 : ky0;
                int8_t *out = output_data + ((b * output_dims->h + oy) * output_dims->w + ox) * c;
                /* Window origin as an index (may be negative on the padded border;
                 * only valid taps are ever added to it). */
                const int32_t base = (y0 * in_w + x0) * c;
                int32_t ch = 0;
#if TSN_USE_DSP
                const int32_t off2 = tsn_dup16(in_off);
                for (; ch + 4 <= c; ch += 4) {
                    int32_t acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
                    for (int32_t ky = ky0; ky < ky_end; ky++) {
                        /* walk the valid taps of one filter row with two pointers */
                        const int8_t *src = in + (base + (ky * in_w + kx0) * c + ch);
                        const int8_t *wp = filter_data + (ky * 3 + kx0) * c + ch;
                        for (int32_t kx = kx0; kx < kx1; kx++) {
                            int32_t x_lo, x_hi, w_lo, w_hi;
                            TSN_WIDEN_OFF(tsn_read_s8x4(src), off2, x_lo, x_hi);
                            TSN_WIDEN(tsn_read_s8x4(wp), w_lo, w_hi);
                            acc0 = __smlabb(x_lo, w_lo, acc0);
                            acc2 = __smlatt(x_lo, w_lo, acc2);
                            acc1 = __smlabb(x_hi, w_hi, acc1);
                            acc3 = __smlatt(x_hi, w_hi, acc3);
                            src += c;
                            wp += c;
                        }
                    }
                    int32_t acc[4] = {acc0, acc1, acc2, acc3};
                    for (int32_t j = 0; j < 4; j++) {
                        const int32_t oc = ch + j;
                        const int32_t qi = pc ? oc : 0;
                        const int32_t a = acc[j] + (bias_data ? bias_data[oc] : 0);
                        out[oc] = tsn_requant_clamp(a, qm[qi],
                                                    qs[qi], out_off, act_min, act_max);
                    }
                }
#endif
                /* Portable body; on the DSP path it finishes the last c % 4 channels. */
                for (; ch < c; ch++) {
                    int32_t acc = 0;
                    for (int32_t ky = ky0; ky < ky_end; ky++) {
                        for (int32_t kx = kx0; kx < kx1; kx++) {
                            acc += filter_data[(ky * 3 + kx) * c + ch] *
                                   (in[base + (ky * in_w + kx) * c + ch] + in_off);
                        }
                    }
                    if (bias_data) {
                        acc += bias_data[ch];
                    }
                    const int32_t qi = pc ? ch : 0;
                    out[ch] = tsn_requant_clamp(acc, qm[qi],
                                                qs[qi], out_off, act_min, act_max);
                }
            }
        }
    }
    return TSN_SUCCESS;
}
