/*
 * Depthwise dispatcher: the plane kernel where it is faster and the caller
 * gave its scratch, else the 3x3 kernel when its preconditions hold (with its
 * widened copy where the caller gave that scratch), else the general kernel.
 * The scratch is optional: without it the 3x3 kernel takes its direct route.
 */
#include "tsn_nnfunctions.h"

static int use_3x3(const tsn_dw_conv_params *p, const tsn_dims *filter_dims)
{
    return filter_dims->h == 3 && filter_dims->w == 3 && p->ch_mult == 1 &&
           p->dilation.h == 1 && p->dilation.w == 1 &&
           p->stride.h >= 1 && p->stride.h <= 2 && p->stride.w >= 1 && p->stride.w <= 2 &&
           p->padding.h >= 0 && p->padding.h <= 1 && p->padding.w >= 0 && p->padding.w <= 1;
}

/* Where the plane kernel beats the others (measured on the emulated board,
 * cycle model v3): stride 1 on inputs at least 2 K wide, and at least 12
 * for 3x3. On smaller maps and with stride 2 it spends more on copying the
 * plane, on row ends and (large K) on taps over the padding, which the
 * others skip. */
static int use_plane(const tsn_dw_conv_params *p, const tsn_dims *input_dims, const tsn_dims *filter_dims)
{
    const int32_t k = filter_dims->h;
    return filter_dims->w == k && (k == 3 || k == 5 || k == 7) && p->ch_mult == 1 && p->dilation.h == 1 &&
           p->dilation.w == 1 && p->stride.h == 1 && p->stride.w == 1 && p->padding.h >= 0 &&
           p->padding.w >= 0 && p->padding.h < k && p->padding.w < k && input_dims->w >= 2 * k && (k > 3 || input_dims->w >= 12);
}

int32_t tsn_depthwise_conv_wrapper_s8_get_buffer_size(const tsn_dw_conv_params *dw_conv_params,
                                                      const tsn_dims *input_dims,
                                                      const tsn_dims *filter_dims)
{
    if (use_plane(dw_conv_params, input_dims, filter_dims)) {
        return tsn_depthwise_conv_plane_s8_get_buffer_size(dw_conv_params, input_dims, filter_dims);
    }
    if (use_3x3(dw_conv_params, filter_dims)) {
        return tsn_depthwise_conv_3x3_s8_get_buffer_size(dw_conv_params, input_dims, filter_dims);
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
    if (ctx && ctx->buf && input_dims && output_dims && use_plane(dw_conv_params, input_dims, filter_dims) &&
        ctx->size >= tsn_depthwise_conv_plane_s8_get_buffer_size(dw_conv_params, input_dims, filter_dims) &&
        tsn_depthwise_conv_plane_s8_applies(dw_conv_params, input_dims, filter_dims, output_dims)) {
        return tsn_depthwise_conv_plane_s8(ctx, dw_conv_params, quant_params, input_dims, input_data,
                                           filter_dims, filter_data, bias_data, output_dims, output_data);
    }
    if (use_3x3(dw_conv_params, filter_dims)) {
        return tsn_depthwise_conv_3x3_s8(ctx, dw_conv_params, quant_params, input_dims, input_data,
                                         filter_dims, filter_data, bias_data, output_dims, output_data);
    }
    return tsn_depthwise_conv_s8(ctx, dw_conv_params, quant_params, input_dims, input_data,
                                 filter_dims, filter_data, bias_data, output_dims, output_data);
}
