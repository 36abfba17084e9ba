/*
 * tsn_convolve_1x1_s8 with the input offset folded into per-channel start
 * values (start[oc] = bias[oc] + input_offset * sum of filter row oc), worked
 * out at compile time by a code generator: no row sums at run time.
 * Scratch: the strided gather (required), then the widened route's chunk
 * (optional: tsn_nn_pointwise_wide_start_s8 where it applies and fits).
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_convolve_1x1_start_s8_get_buffer_size(const tsn_conv_params *conv_params, const tsn_dims *input_dims,
                                                  const tsn_dims *filter_dims)
{
    const int32_t gather = tsn_convolve_1x1_s8_get_buffer_size(conv_params, input_dims, filter_dims);
    const int32_t pixels = ((input_dims->h + conv_params->stride.h - 1) / conv_params->stride.h) *
                           ((input_dims->w + conv_params->stride.w - 1) / conv_params->stride.w);
    return gather + tsn_pointwise_wide_bytes(pixels, input_dims->c, filter_dims->n);
}

/* Without scratch for the widened route (an op at the arena's peak), its chunk
 * can borrow the last TSN_WIDE_BORROW_BYTES of the output, which the route
 * writes last, when the output does not overlap the input: the first pixels
 * run widened with the chunk there, then the 2x2 blocks overwrite it with the
 * last pixels' outputs. Worth it where chunks of several triples fit in so
 * few bytes (shallow layers, the ones at the peak). Returns the pixels done. */
#define TSN_WIDE_BORROW_BYTES 2048
static int32_t borrowed_wide(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *start, int32_t k,
                             int32_t out_ch, int32_t output_offset, const tsn_quant_params *quant, int32_t act_min,
                             int32_t act_max, int8_t *out)
{
    const uintptr_t out_lo = (uintptr_t)out, out_hi = out_lo + (uintptr_t)pixels * (uintptr_t)out_ch;
    const uintptr_t in_lo = (uintptr_t)in, in_hi = in_lo + (uintptr_t)pixels * (uintptr_t)k;
    if (out_lo < in_hi && in_lo < out_hi) {
        return 0;
    }
    const uintptr_t chunk = (out_hi - TSN_WIDE_BORROW_BYTES) & ~(uintptr_t)3;
    if (out_hi - out_lo < 2 * TSN_WIDE_BORROW_BYTES) {
        return 0;
    }
    const int32_t first = (int32_t)((chunk - out_lo) / (uintptr_t)out_ch) / 3 * 3;
    const int32_t bytes = (int32_t)(out_hi - chunk);
    if (tsn_pointwise_wide_triples_within(first, k, bytes) < 4) {
        return 0;
    }
    tsn_nn_pointwise_wide_start_s8(in, first, filter, start, k, out_ch, output_offset, quant, act_min, act_max,
                                   (void *)chunk, bytes, out);
    return first;
}

tsn_status tsn_convolve_1x1_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                     const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                     const int8_t *input_data, const tsn_dims *filter_dims,
                                     const int8_t *filter_data, const int32_t *start,
                                     const tsn_dims *output_dims, int8_t *output_data)
{
    if (!conv_params || !quant_params || !input_dims || !input_data || !filter_dims ||
        !filter_data || !start || !output_dims || !output_data) {
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
        const int32_t wide = tsn_pointwise_wide_bytes(pixels, k, out_ch);
        int32_t done = 0;
        if (wide > 0 && ctx && ctx->buf && ((uintptr_t)ctx->buf & 3) == 0 && ctx->size >= scratch + wide) {
            tsn_nn_pointwise_wide_start_s8(src, pixels, filter_data, start, k, out_ch, conv_params->output_offset,
                                           quant_params, act_min, act_max, (int8_t *)ctx->buf + scratch, wide,
                                           out);
            done = pixels;
        } else if (wide > 0) {
            done = borrowed_wide(src, pixels, filter_data, start, k, out_ch, conv_params->output_offset,
                                 quant_params, act_min, act_max, out);
        }
        if (done < pixels) {
            tsn_nn_pointwise_start_s8(src + done * k, pixels - done, filter_data, start, k, out_ch,
                                      conv_params->output_offset, quant_params, act_min, act_max,
                                      out + done * out_ch);
        }
    }
    return TSN_SUCCESS;
}
