/*
 * tsn_convolve_wrapper_s8 for folded start values (see tsn_convolve_start_s8):
 * 1x1 kernels without padding go to tsn_convolve_1x1_start_s8, everything
 * else to tsn_convolve_start_s8. Same routing, so the same scratch, plus the
 * optional part of the routes where they apply: the widened pointwise chunk
 * (tsn_convolve_1x1_start_s8), the RGB first layer's window rows, a
 * one-channel input's plane (with only the im2col columns,
 * tsn_convolve_start_s8 takes im2col).
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_convolve_wrapper_start_s8_get_buffer_size(const tsn_conv_params *conv_params,
                                                      const tsn_dims *input_dims,
                                                      const tsn_dims *filter_dims)
{
    const int32_t im2col = tsn_convolve_wrapper_s8_get_buffer_size(conv_params, input_dims, filter_dims);
    if (!conv_params || !input_dims || !filter_dims) {
        return im2col;
    }
    if (filter_dims->h == 1 && filter_dims->w == 1 && conv_params->padding.h == 0 &&
        conv_params->padding.w == 0) {
        return tsn_convolve_1x1_start_s8_get_buffer_size(conv_params, input_dims, filter_dims);
    }
    if (tsn_convolve_rgb_start_s8_applies(conv_params, input_dims, filter_dims)) {
        return TSN_MAX(im2col, tsn_convolve_rgb_start_s8_get_buffer_size(input_dims, filter_dims));
    }
    return TSN_MAX(im2col, tsn_convolve_plane_start_s8_get_buffer_size(conv_params, input_dims, filter_dims));
}

tsn_status tsn_convolve_wrapper_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                         const tsn_quant_params *quant_params,
                                         const tsn_dims *input_dims, const int8_t *input_data,
                                         const tsn_dims *filter_dims, const int8_t *filter_data,
                                         const int32_t *start, const tsn_dims *output_dims,
                                         int8_t *output_data)
{
    if (!conv_params || !filter_dims) {
        return TSN_ARG_ERROR;
    }
    if (filter_dims->h == 1 && filter_dims->w == 1 && conv_params->padding.h == 0 &&
        conv_params->padding.w == 0) {
        return tsn_convolve_1x1_start_s8(ctx, conv_params, quant_params, input_dims, input_data,
                                         filter_dims, filter_data, start, output_dims, output_data);
    }
    return tsn_convolve_start_s8(ctx, conv_params, quant_params, input_dims, input_data, filter_dims,
                                 filter_data, start, output_dims, output_data);
}
