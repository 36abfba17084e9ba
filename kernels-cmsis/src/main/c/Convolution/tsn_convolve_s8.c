/*
 * General int8 convolution (TFLite ConvPerChannel semantics): any kernel
 * size, stride, dilation and top/left padding.
 *
 * Each output pixel's receptive field is copied into an int8 im2col column in
 * caller scratch; padded taps are filled with the input zero point so that
 * (value + input_offset) is exactly 0 there, as if skipped. Columns are
 * produced two at a time and handed to the GEMM core (Support/), whose DSP
 * body computes two channels x two pixels with SMLAD.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_convolve_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims)
{
    const int32_t k = filter_dims->h * filter_dims->w * input_dims->c;
    /* Two columns; rounded to a word so the caller can pack buffers. */
    return (2 * k + 3) & ~3;
}

static void im2col_s8(const int8_t *in, const tsn_dims *input_dims, const tsn_dims *filter_dims,
                      const tsn_conv_params *p, int32_t oy, int32_t ox, int8_t pad_val, int8_t *col)
{
    const int32_t c = input_dims->c;
    const int32_t y0 = oy * p->stride.h - p->padding.h;
    const int32_t x0 = ox * p->stride.w - p->padding.w;
    const int32_t kw = filter_dims->w;
    /* the whole filter row inside the input and undilated: one contiguous copy */
    const int32_t row_inside = p->dilation.w == 1 && x0 >= 0 && x0 + kw <= input_dims->w;
    for (int32_t ky = 0; ky < filter_dims->h; ky++) {
        const int32_t iy = y0 + ky * p->dilation.h;
        if (row_inside && iy >= 0 && iy < input_dims->h) {
            memcpy(col, in + (iy * input_dims->w + x0) * c, (size_t)(kw * c));
            col += kw * c;
            continue;
        }
        for (int32_t kx = 0; kx < kw; kx++) {
            const int32_t ix = x0 + kx * p->dilation.w;
            if (iy < 0 || iy >= input_dims->h || ix < 0 || ix >= input_dims->w) {
                memset(col, pad_val, (size_t)c);
            } else {
                memcpy(col, in + (iy * input_dims->w + ix) * c, (size_t)c);
            }
            col += c;
        }
    }
}

tsn_status tsn_convolve_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                           const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                           const int8_t *input_data, const tsn_dims *filter_dims,
                           const int8_t *filter_data, const int32_t *bias_data,
                           const tsn_dims *output_dims, int8_t *output_data)
{
    if (!conv_params || !quant_params || !input_dims || !input_data || !filter_dims ||
        !filter_data || !output_dims || !output_data) {
        return TSN_ARG_ERROR;
    }
    if (input_dims->c != filter_dims->c || output_dims->c != filter_dims->n ||
        conv_params->stride.h < 1 || conv_params->stride.w < 1 ||
        conv_params->dilation.h < 1 || conv_params->dilation.w < 1 ||
        conv_params->input_offset < -127 || conv_params->input_offset > 128) {
        return TSN_ARG_ERROR;
    }
    const int32_t need = tsn_convolve_s8_get_buffer_size(input_dims, filter_dims);
    if (!ctx || !ctx->buf || ctx->size < need) {
        return TSN_ARG_ERROR;
    }

    const int32_t k = filter_dims->h * filter_dims->w * input_dims->c;
    const int32_t out_ch = output_dims->c;
    const int32_t pixels = output_dims->h * output_dims->w;
    const int8_t pad_val = (int8_t)(-conv_params->input_offset);
    int8_t *col = (int8_t *)ctx->buf;
    const int32_t act_min = conv_params->activation.min;
    const int32_t act_max = conv_params->activation.max;

    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *in = input_data + b * input_dims->h * input_dims->w * input_dims->c;
        int8_t *out = output_data + b * pixels * out_ch;
#if TSN_USE_DSP
        /* Up to 32 channels at a time with the input offset folded into their
         * start values (bias + offset * row sum, on the stack), so the 2x2
         * block is the pointwise kernel's; padded taps hold the zero point
         * (-offset), which the folded offset cancels as before. */
        enum { CHUNK = 32 };
        int32_t start[CHUNK];
        for (int32_t oc0 = 0; oc0 < out_ch && pixels >= 2; oc0 += CHUNK) {
            const int32_t n = TSN_MIN(CHUNK, out_ch - oc0);
            tsn_nn_row_starts_s8(filter_data, k, bias_data, oc0, n, conv_params->input_offset, start);
            for (int32_t p = 0; p < pixels; p += 2) {
                /* an odd last pixel is paired with the one before it (written twice, same values) */
                const int32_t pa = p + 1 < pixels ? p : p - 1;
                im2col_s8(in, input_dims, filter_dims, conv_params, pa / output_dims->w,
                          pa % output_dims->w, pad_val, col);
                im2col_s8(in, input_dims, filter_dims, conv_params, (pa + 1) / output_dims->w,
                          (pa + 1) % output_dims->w, pad_val, col + k);
                tsn_nn_mat_mult_2cols_s8(col, filter_data, start, k, oc0, n, out_ch,
                                         conv_params->output_offset, quant_params, act_min, act_max,
                                         out + pa * out_ch);
            }
        }
        if (pixels >= 2) {
            continue;
        }
#endif
        for (int32_t p = 0; p < pixels; p += 2) {
            const int32_t cols = p + 1 < pixels ? 2 : 1;
            for (int32_t j = 0; j < cols; j++) {
                im2col_s8(in, input_dims, filter_dims, conv_params, (p + j) / output_dims->w,
                          (p + j) % output_dims->w, pad_val, col + j * k);
            }
            tsn_nn_mat_mult_s8(col, k, cols, filter_data, bias_data, k, out_ch,
                               conv_params->input_offset, conv_params->output_offset,
                               quant_params, act_min, act_max, out + p * out_ch);
        }
    }
    return TSN_SUCCESS;
}
