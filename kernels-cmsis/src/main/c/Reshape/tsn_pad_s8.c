/*
 * int8 PAD of a 4-D tensor (n, h, w, c) with a constant value. Output shape is
 * input + before + after in each dimension; negative padding is rejected.
 * Works row by row: without channel padding an output (n, h) row is
 * [left pad | the input row | right pad] in three block moves; otherwise each
 * output (n, h, w) row is either all padding or
 * [before.c pad | copied input channels | after.c pad].
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_pad_s8_get_buffer_size(const tsn_dims *input_dims)
{
    (void)input_dims;
    return 0;
}

tsn_status tsn_pad_s8(const tsn_pad_params *params, const tsn_dims *input_dims,
                      const int8_t *input_data, const tsn_dims *output_dims, int8_t *output_data)
{
    if (!params || !input_dims || !input_data || !output_dims || !output_data) {
        return TSN_ARG_ERROR;
    }
    const int32_t in[4] = {input_dims->n, input_dims->h, input_dims->w, input_dims->c};
    const int32_t out[4] = {output_dims->n, output_dims->h, output_dims->w, output_dims->c};
    for (int32_t i = 0; i < 4; i++) {
        if (params->before[i] < 0 || params->after[i] < 0 ||
            out[i] != in[i] + params->before[i] + params->after[i]) {
            return TSN_ARG_ERROR;
        }
    }
    const int8_t v = params->pad_value;
    int8_t *dst = output_data;
    for (int32_t n = 0; n < out[0]; n++) {
        const int32_t in_n = n - params->before[0];
        for (int32_t h = 0; h < out[1]; h++) {
            const int32_t in_h = h - params->before[1];
            const int32_t row_in = in_n >= 0 && in_n < in[0] && in_h >= 0 && in_h < in[1];
            if (!row_in || (params->before[3] == 0 && params->after[3] == 0)) {
                /* no channel padding: [left pad | the input row, contiguous | right pad] */
                const int32_t left = row_in ? params->before[2] * out[3] : out[2] * out[3];
                const int32_t body = row_in ? in[2] * in[3] : 0;
                memset(dst, v, (size_t)left);
                if (body > 0) {
                    memcpy(dst + left, input_data + (in_n * in[1] + in_h) * in[2] * in[3], (size_t)body);
                }
                const int32_t right = out[2] * out[3] - left - body;
                memset(dst + left + body, v, (size_t)right);
                dst += out[2] * out[3];
                continue;
            }
            for (int32_t w = 0; w < out[2]; w++) {
                const int32_t in_w = w - params->before[2];
                if (in_n < 0 || in_n >= in[0] || in_h < 0 || in_h >= in[1] || in_w < 0 ||
                    in_w >= in[2]) {
                    memset(dst, v, (size_t)out[3]);
                } else {
                    const int8_t *src = input_data + ((in_n * in[1] + in_h) * in[2] + in_w) * in[3];
                    memset(dst, v, (size_t)params->before[3]);
                    memcpy(dst + params->before[3], src, (size_t)in[3]);
                    memset(dst + params->before[3] + in[3], v, (size_t)params->after[3]);
                }
                dst += out[3];
            }
        }
    }
    return TSN_SUCCESS;
}
