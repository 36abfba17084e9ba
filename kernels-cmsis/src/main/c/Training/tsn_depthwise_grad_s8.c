/* Depthwise convolution backward (multiplier 1): input and weight gradients
 * (tsn_train.h). Loop nesting is the summation order the Java reference uses. */
#include <string.h>
#include "tsn_train.h"

static int dw_shapes_ok(const tsn_dims *out, const tsn_dims *filter, const tsn_dims *in,
                        const tsn_tile *stride, const tsn_tile *padding)
{
    return out != NULL && filter != NULL && in != NULL && stride != NULL && padding != NULL &&
           stride->h > 0 && stride->w > 0 && out->c == in->c && filter->c == in->c &&
           filter->h > 0 && filter->w > 0 && padding->h >= 0 && padding->w >= 0;
}

tsn_status tsn_depthwise_input_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                       const int8_t *weights, const tsn_dims *filter_dims,
                                       const float *w_scale, const tsn_tile *stride,
                                       const tsn_tile *padding, const tsn_dims *input_dims,
                                       float *grad_in)
{
    if (grad_out == NULL || weights == NULL || w_scale == NULL || grad_in == NULL ||
        !dw_shapes_ok(output_dims, filter_dims, input_dims, stride, padding)) {
        return TSN_ARG_ERROR;
    }
    const int32_t ch = input_dims->c;
    memset(grad_in, 0, sizeof(float) * (uint32_t)(input_dims->h * input_dims->w * ch));
    for (int32_t oy = 0; oy < output_dims->h; oy++) {
        for (int32_t ox = 0; ox < output_dims->w; ox++) {
            const float *g = grad_out + (oy * output_dims->w + ox) * ch;
            for (int32_t ky = 0; ky < filter_dims->h; ky++) {
                const int32_t iy = oy * stride->h - padding->h + ky;
                if (iy < 0 || iy >= input_dims->h) {
                    continue;
                }
                for (int32_t kx = 0; kx < filter_dims->w; kx++) {
                    const int32_t ix = ox * stride->w - padding->w + kx;
                    if (ix < 0 || ix >= input_dims->w) {
                        continue;
                    }
                    const int8_t *w = weights + (ky * filter_dims->w + kx) * ch;
                    float *gi = grad_in + (iy * input_dims->w + ix) * ch;
                    for (int32_t c = 0; c < ch; c++) {
                        gi[c] += (g[c] * w_scale[c]) * (float)w[c];
                    }
                }
            }
        }
    }
    return TSN_SUCCESS;
}

tsn_status tsn_depthwise_weight_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                        const int8_t *input, const tsn_dims *input_dims,
                                        int32_t input_offset, float x_scale,
                                        const tsn_dims *filter_dims, const tsn_tile *stride,
                                        const tsn_tile *padding, int32_t c_begin, int32_t c_end,
                                        float *grad_w)
{
    if (grad_out == NULL || input == NULL || grad_w == NULL ||
        !dw_shapes_ok(output_dims, filter_dims, input_dims, stride, padding) || c_begin < 0 ||
        c_end > input_dims->c || c_begin >= c_end) {
        return TSN_ARG_ERROR;
    }
    const int32_t ch = input_dims->c;
    const int32_t n = c_end - c_begin;
    for (int32_t ky = 0; ky < filter_dims->h; ky++) {
        for (int32_t kx = 0; kx < filter_dims->w; kx++) {
            float *gw = grad_w + (ky * filter_dims->w + kx) * n;
            for (int32_t c = c_begin; c < c_end; c++) {
                float acc = 0.0f;
                for (int32_t oy = 0; oy < output_dims->h; oy++) {
                    const int32_t iy = oy * stride->h - padding->h + ky;
                    if (iy < 0 || iy >= input_dims->h) {
                        continue;
                    }
                    for (int32_t ox = 0; ox < output_dims->w; ox++) {
                        const int32_t ix = ox * stride->w - padding->w + kx;
                        if (ix < 0 || ix >= input_dims->w) {
                            continue;
                        }
                        acc += grad_out[(oy * output_dims->w + ox) * ch + c] *
                               (float)(input[(iy * input_dims->w + ix) * ch + c] + input_offset);
                    }
                }
                gw[c - c_begin] = acc * x_scale;
            }
        }
    }
    return TSN_SUCCESS;
}
