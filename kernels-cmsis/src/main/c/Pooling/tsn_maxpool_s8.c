/*
 * int8 max pooling (TFLite MaxPool int8): maximum over the window clipped to
 * the input, then clamped to the activation range.
 *
 * DSP body: four channels per pass. SSUB8 sets the per-byte GE flags where
 * v >= m and SEL picks those bytes: a 4-lane signed max in two instructions.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_maxpool_s8_get_buffer_size(const tsn_dims *output_dims, int32_t ch)
{
    (void)output_dims;
    (void)ch;
    return 0;
}

tsn_status tsn_maxpool_s8(const tsn_context *ctx, const tsn_pool_params *pool_params,
                          const tsn_dims *input_dims, const int8_t *input_data,
                          const tsn_dims *filter_dims, const tsn_dims *output_dims,
                          int8_t *output_data)
{
    (void)ctx;
    if (!tsn_pool_args_valid(pool_params, input_dims, input_data, filter_dims, output_dims, output_data)) {
        return TSN_ARG_ERROR;
    }
    const int32_t in_h = input_dims->h, in_w = input_dims->w, c = input_dims->c;
    const int32_t act_min = pool_params->activation.min;
    const int32_t act_max = pool_params->activation.max;

    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *in = input_data + b * in_h * in_w * c;
        for (int32_t oy = 0; oy < output_dims->h; oy++) {
            const tsn_window_axis wy = tsn_pool_axis(oy, pool_params->stride.h, pool_params->padding.h,
                                                     filter_dims->h, in_h);
            const int32_t y0 = wy.origin, ky0 = wy.k0, ky1 = wy.k1;
            for (int32_t ox = 0; ox < output_dims->w; ox++) {
                const tsn_window_axis wx = tsn_pool_axis(ox, pool_params->stride.w, pool_params->padding.w,
                                                         filter_dims->w, in_w);
                const int32_t x0 = wx.origin, kx0 = wx.k0, kx1 = wx.k1;
                if (ky1 <= ky0 || kx1 <= kx0) {
                    return TSN_ARG_ERROR; /* window entirely in padding */
                }
                int8_t *out = output_data + ((b * output_dims->h + oy) * output_dims->w + ox) * c;
                int32_t ch = 0;
#if TSN_USE_DSP
                for (; ch + 4 <= c; ch += 4) {
                    int32_t m = (int32_t)0x80808080u; /* four times -128 */
                    for (int32_t ky = ky0; ky < ky1; ky++) {
                        const int8_t *row = in + ((y0 + ky) * in_w + (x0 + kx0)) * c + ch;
                        for (int32_t kx = kx0; kx < kx1; kx++) {
                            const int32_t v = tsn_read_s8x4(row + (kx - kx0) * c);
                            (void)__ssub8(v, m);
                            m = (int32_t)__sel((uint32_t)v, (uint32_t)m);
                        }
                    }
                    for (int32_t j = 0; j < 4; j++) {
                        const int32_t v = (int8_t)((uint32_t)m >> (8 * j));
                        out[ch + j] = (int8_t)TSN_CLAMP(v, act_min, act_max);
                    }
                }
#endif
                /* Portable body; on the DSP path it finishes the last c % 4 channels. */
                for (; ch < c; ch++) {
                    int32_t m = -128;
                    for (int32_t ky = ky0; ky < ky1; ky++) {
                        for (int32_t kx = kx0; kx < kx1; kx++) {
                            const int32_t v = in[((y0 + ky) * in_w + (x0 + kx)) * c + ch];
                            m = TSN_MAX(m, v);
                        }
                    }
                    out[ch] = (int8_t)TSN_CLAMP(m, act_min, act_max);
                }
            }
        }
    }
    return TSN_SUCCESS;
}
