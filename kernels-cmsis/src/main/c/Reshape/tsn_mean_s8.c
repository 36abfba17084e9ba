/*
 * int8 MEAN over H and W (TFLite reference_integer_ops::Mean): per batch and
 * channel, sum (x + input_offset), requantise by multiplier/shift
 * (input_scale / output_scale), divide by H*W rounding half away from zero,
 * add output_offset, clamp to int8. Output shape n x 1 x 1 x c.
 *
 * DSP body: four channels per pass summed with SXTAB16 into 16-bit lanes,
 * flushed to 32-bit every 256 pixels so the lanes cannot overflow; the offset
 * is added once as count * input_offset (same integer as per-element adds).
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_mean_s8_get_buffer_size(const tsn_dims *input_dims)
{
    (void)input_dims;
    return 0;
}

static inline int8_t finish(int32_t acc, int32_t count, const tsn_mean_params *p)
{
    acc = tsn_requantize(acc, p->multiplier, p->shift);
    acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
    acc += p->output_offset;
    return (int8_t)TSN_CLAMP(acc, -128, 127);
}

tsn_status tsn_mean_s8(const tsn_mean_params *params, const tsn_dims *input_dims,
                       const int8_t *input_data, int8_t *output_data)
{
    if (!params || !input_dims || !input_data || !output_data) {
        return TSN_ARG_ERROR;
    }
    const int32_t count = input_dims->h * input_dims->w;
    const int32_t c = input_dims->c;
    if (count < 1) {
        return TSN_ARG_ERROR;
    }
    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *in = input_data + b * count * c;
        int8_t *out = output_data + b * c;
        int32_t ch = 0;
#if TSN_USE_DSP
        for (; ch + 4 <= c; ch += 4) {
            int32_t acc[4] = {0, 0, 0, 0};
            for (int32_t start = 0; start < count; start += 256) {
                const int32_t end = TSN_MIN(count, start + 256);
                int32_t s02 = 0, s13 = 0;
                for (int32_t i = start; i < end; i++) {
                    const int32_t v = tsn_read_s8x4(in + i * c + ch);
                    s02 = __sxtab16(s02, v);
                    s13 = tsn_sxtab16_ror8(s13, v);
                }
                acc[0] += (int16_t)(s02 & 0xFFFF);
                acc[1] += (int16_t)(s13 & 0xFFFF);
                acc[2] += (int16_t)((uint32_t)s02 >> 16);
                acc[3] += (int16_t)((uint32_t)s13 >> 16);
            }
            for (int32_t j = 0; j < 4; j++) {
                out[ch + j] = finish(acc[j] + count * params->input_offset, count, params);
            }
        }
#endif
        /* Portable body; on the DSP path it finishes the last c % 4 channels. */
        for (; ch < c; ch++) {
            int32_t acc = 0;
            for (int32_t i = 0; i < count; i++) {
                acc += in[i * c + ch] + params->input_offset;
            }
            out[ch] = finish(acc, count, params);
        }
    }
    return TSN_SUCCESS;
}
