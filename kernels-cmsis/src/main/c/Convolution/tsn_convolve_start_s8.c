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

    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *in = input_data + b * input_dims->h * input_dims->w * input_dims->c;
        int8_t *out = output_data + b * pixels * out_ch;
#if TSN_USE_DSP
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
