/*
 * int8 average pooling (TFLite AveragePool int8): the window is clipped to the
 * input, padding is not counted, the mean is rounded half away from zero and
 * clamped to the activation range. Zero points cancel out (same in and out).
 *
 * DSP body: four channels per pass, summed in two int16x2 registers with
 * SXTAB16 (one instruction adds two sign-extended bytes). 16-bit lanes are
 * exact for windows of up to 256 taps (|sum| <= 256 * 128); larger windows
 * take the portable loop.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_avgpool_s8_get_buffer_size(const tsn_dims *output_dims, int32_t ch)
{
    (void)output_dims;
    (void)ch;
    return 0;
}

static inline int8_t finish(int32_t sum, int32_t count, int32_t act_min, int32_t act_max)
{
    int32_t avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    avg = TSN_CLAMP(avg, act_min, act_max);
    return (int8_t)avg;
}

tsn_status tsn_avgpool_s8(const tsn_context *ctx, const tsn_pool_params *pool_params,
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
                const int32_t count = (ky1 - ky0) * (kx1 - kx0);
                if (ky1 <= ky0 || kx1 <= kx0) {
                    return TSN_ARG_ERROR; /* window entirely in padding */
                }
                int8_t *out = output_data + ((b * output_dims->h + oy) * output_dims->w + ox) * c;
                int32_t ch = 0;
#if TSN_USE_DSP
                if (count <= 256) {
                    for (; ch + 4 <= c; ch += 4) {
                        int32_t s02 = 0, s13 = 0; /* lanes: ch+0|ch+2, ch+1|ch+3 */
                        for (int32_t ky = ky0; ky < ky1; ky++) {
                            const int8_t *row = in + ((y0 + ky) * in_w + (x0 + kx0)) * c + ch;
                            for (int32_t kx = kx0; kx < kx1; kx++) {
                                const int32_t v = tsn_read_s8x4(row + (kx - kx0) * c);
                                s02 = __sxtab16(s02, v);
                                s13 = tsn_sxtab16_ror8(s13, v);
                            }
                        }
                        out[ch + 0] = finish((int16_t)(s02 & 0xFFFF), count, act_min, act_max);
                        out[ch + 1] = finish((int16_t)(s13 & 0xFFFF), count, act_min, act_max);
                        out[ch + 2] = finish((int16_t)((uint32_t)s02 >> 16), count, act_min, act_max);
                        out[ch + 3] = finish((int16_t)((uint32_t)s13 >> 16), count, act_min, act_max);
                    }
                }
#endif
                /* Portable body; on the DSP path it finishes the last c % 4 channels. */
                for (; ch < c; ch++) {
                    int32_t sum = 0;
                    for (int32_t ky = ky0; ky < ky1; ky++) {
                        for (int32_t kx = kx0; kx < kx1; kx++) {
                            sum += in[((y0 + ky) * in_w + (x0 + kx)) * c + ch];
                        }
                    }
                    out[ch] = finish(sum, count, act_min, act_max);
                }
            }
        }
    }
    return TSN_SUCCESS;
}
