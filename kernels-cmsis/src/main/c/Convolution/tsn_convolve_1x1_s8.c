/*
 * Pointwise (1x1) int8 convolution, no padding, any stride.
 *
 * A 1x1 receptive field is one input pixel's channel vector, already
 * contiguous in NHWC, so at stride 1 the GEMM core reads the input in place:
 * no im2col and no scratch. With a stride the pixels it reads are first
 * gathered contiguous into scratch (the layer's input / stride^2 bytes), so
 * it runs through the same stride-1 pointwise path.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_convolve_1x1_s8_get_buffer_size(const tsn_conv_params *conv_params, const tsn_dims *input_dims,
                                            const tsn_dims *filter_dims)
{
    (void)filter_dims;
    return tsn_1x1_scratch_bytes(conv_params, input_dims);
}

tsn_status tsn_convolve_1x1_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                               const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                               const int8_t *input_data, const tsn_dims *filter_dims,
                               const int8_t *filter_data, const int32_t *bias_data,
                               const tsn_dims *output_dims, int8_t *output_data)
{
    if (!conv_params || !quant_params || !input_dims || !input_data || !filter_dims ||
        !filter_data || !output_dims || !output_data) {
        return TSN_ARG_ERROR;
    }
    if (!tsn_1x1_shapes_ok(conv_params, input_dims, filter_dims, output_dims)) {
        return TSN_ARG_ERROR;
    }
    const int32_t scratch = tsn_1x1_scratch_bytes(conv_params, input_dims);
    if (scratch > 0 && (!ctx || !ctx->buf || ctx->size < scratch)) {
        return TSN_ARG_ERROR;
    }

    const int32_t k = input_dims->c;
    const int32_t out_ch = output_dims->c;
    const int32_t ow = output_dims->w;
    const int32_t pixels = output_dims->h * ow;
    const int32_t act_min = conv_params->activation.min;
    const int32_t act_max = conv_params->activation.max;

    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *in = input_data + b * input_dims->h * input_dims->w * k;
        int8_t *out = output_data + b * pixels * out_ch;
        const int8_t *src = in;
        if (scratch > 0) {
            tsn_1x1_gather_strided(in, input_dims, conv_params, output_dims->h, ow, (int8_t *)ctx->buf);
            src = (const int8_t *)ctx->buf;
        }
        tsn_nn_pointwise_s8(src, pixels, filter_data, bias_data, k, out_ch, conv_params->input_offset,
                            conv_params->output_offset, quant_params, act_min, act_max, out);
    }
    return TSN_SUCCESS;
}
