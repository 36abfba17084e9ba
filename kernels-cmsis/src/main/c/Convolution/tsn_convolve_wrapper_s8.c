/*
 * Convolution dispatcher: 1x1 kernels without padding go to the pointwise
 * kernel (no im2col), everything else to the general one. The buffer-size
 * companion follows the same routing so callers size scratch exactly.
 */
#include "tsn_nnfunctions.h"

static int use_1x1(const tsn_conv_params *p, const tsn_dims *filter_dims)
{
    return filter_dims->h == 1 && filter_dims->w == 1 && p->padding.h == 0 && p->padding.w == 0;
}

int32_t tsn_convolve_wrapper_s8_get_buffer_size(const tsn_conv_params *conv_params,
                                                const tsn_dims *input_dims,
                                                const tsn_dims *filter_dims)
{
    if (use_1x1(conv_params, filter_dims)) {
        return tsn_convolve_1x1_s8_get_buffer_size(conv_params, input_dims, filter_dims);
    }
    return tsn_convolve_s8_get_buffer_size(input_dims, filter_dims);
}

tsn_status tsn_convolve_wrapper_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                   const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                   const int8_t *input_data, const tsn_dims *filter_dims,
                                   const int8_t *filter_data, const int32_t *bias_data,
                                   const tsn_dims *output_dims, int8_t *output_data)
{
    if (!conv_params || !filter_dims) {
        return TSN_ARG_ERROR;
    }
    if (use_1x1(conv_params, filter_dims)) {
        return tsn_convolve_1x1_s8(ctx, conv_params, quant_params, input_dims, input_data,
                                   filter_dims, filter_data, bias_data, output_dims, output_data);
    }
    return tsn_convolve_s8(ctx, conv_params, quant_params, input_dims, input_data, filter_dims,
                           filter_data, bias_data, output_dims, output_data);
}
