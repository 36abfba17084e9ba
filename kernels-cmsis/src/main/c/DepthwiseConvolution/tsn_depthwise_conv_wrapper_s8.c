/*
 * Depthwise dispatcher: the 3x3 kernel when its preconditions hold,
 * the general kernel otherwise. Neither needs scratch.
 */
#include "tsn_nnfunctions.h"

static int use_3x3(const tsn_dw_conv_params *p, const tsn_dims *filter_dims)
{
    return filter_dims->h == 3 && filter_dims->w == 3 && p->ch_mult == 1 &&
           p->dilation.h == 1 && p->dilation.w == 1 &&
           p->stride.h >= 1 && p->stride.h <= 2 && p->stride.w >= 1 && p->stride.w <= 2 &&
           p->padding.h >= 0 && p->padding.h <= 1 && p->padding.w >= 0 && p->padding.w <= 1;
}

int32_t tsn_depthwise_conv_wrapper_s8_get_buffer_size(const tsn_dw_conv_params *dw_conv_params,
                                                      const tsn_dims *input_dims,
                                                      const tsn_dims *filter_dims)
{
    if (use_3x3(dw_conv_params, filter_dims)) {
        return tsn_depthwise_conv_3x3_s8_get_buffer_size(input_dims, filter_dims);
    }
    return tsn_depthwise_conv_s8_get_buffer_size(input_dims, filter_dims);
}

tsn_status tsn_depthwise_conv_wrapper_s8(const tsn_context *ctx, const tsn_dw_conv_params *dw_conv_params,
                                         const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                         const int8_t *input_data, const tsn_dims *filter_dims,
                                         const int8_t *filter_data, const int32_t *bias_data,
                                         const tsn_dims *output_dims, int8_t *output_data)
{
    if (!dw_conv_params || !filter_dims) {
        return TSN_ARG_ERROR;
    }
    if (use_3x3(dw_conv_params, filter_dims)) {
        return tsn_depthwise_conv_3x3_s8(ctx, dw_conv_params, quant_params, input_dims, input_data,
                                         filter_dims, filter_data, bias_data, output_dims, output_data);
    }
    return tsn_depthwise_conv_s8(ctx, dw_conv_params, quant_params, input_dims, input_data,
                                 filter_dims, filter_data, bias_data, output_dims, output_data);
}
