/* 1x1 convolution / fully connected backward: input and weight gradients
 * (tsn_train.h). Summation orders are part of the contract with the Java
 * reference, so the loops must not be reordered. */
#include <string.h>
#include "tsn_train.h"

static int pointwise_shapes_ok(const tsn_dims *out, const tsn_dims *in, const tsn_tile *stride)
{
    return out != NULL && in != NULL && stride != NULL && stride->h > 0 && stride->w > 0 &&
           out->h > 0 && out->w > 0 && in->h > 0 && in->w > 0 &&
           (out->h - 1) * stride->h < in->h && (out->w - 1) * stride->w < in->w;
}

tsn_status tsn_pointwise_input_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                       const int8_t *weights, const float *w_scale,
                                       const tsn_tile *stride, const tsn_dims *input_dims,
                                       float *grad_in)
{
    if (grad_out == NULL || weights == NULL || w_scale == NULL || grad_in == NULL ||
        !pointwise_shapes_ok(output_dims, input_dims, stride)) {
        return TSN_ARG_ERROR;
    }
    const int32_t cout = output_dims->c;
    const int32_t cin = input_dims->c;
    if (stride->h != 1 || stride->w != 1 || output_dims->h != input_dims->h ||
        output_dims->w != input_dims->w) {
        /* pixels the stride skips get no gradient */
        memset(grad_in, 0, sizeof(float) * (uint32_t)(input_dims->h * input_dims->w * cin));
    }
    for (int32_t oy = 0; oy < output_dims->h; oy++) {
        for (int32_t ox = 0; ox < output_dims->w; ox++) {
            const float *g = grad_out + (oy * output_dims->w + ox) * cout;
            float *gi = grad_in + ((oy * stride->h) * input_dims->w + ox * stride->w) * cin;
            for (int32_t k = 0; k < cin; k++) {
                float acc = 0.0f;
                const int8_t *w = weights + k;
                for (int32_t c = 0; c < cout; c++) {
                    acc += (g[c] * w_scale[c]) * (float)w[c * cin];
                }
                gi[k] = acc;
            }
        }
    }
    return TSN_SUCCESS;
}

tsn_status tsn_pointwise_weight_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                        const int8_t *input, const tsn_dims *input_dims,
                                        int32_t input_offset, float x_scale,
                                        const tsn_tile *stride, int32_t c_begin, int32_t c_end,
                                        float *grad_w)
{
    if (grad_out == NULL || input == NULL || grad_w == NULL ||
        !pointwise_shapes_ok(output_dims, input_dims, stride) || c_begin < 0 ||
        c_end > output_dims->c || c_begin >= c_end) {
        return TSN_ARG_ERROR;
    }
    const int32_t cout = output_dims->c;
    const int32_t cin = input_dims->c;
    for (int32_t c = c_begin; c < c_end; c++) {
        float *gw = grad_w + (c - c_begin) * cin;
        for (int32_t k = 0; k < cin; k++) {
            float acc = 0.0f;
            for (int32_t oy = 0; oy < output_dims->h; oy++) {
                for (int32_t ox = 0; ox < output_dims->w; ox++) {
                    const int8_t *x =
                        input + ((oy * stride->h) * input_dims->w + ox * stride->w) * cin;
                    acc += grad_out[(oy * output_dims->w + ox) * cout + c] *
                           (float)(x[k] + input_offset);
                }
            }
            gw[k] = acc * x_scale;
        }
    }
    return TSN_SUCCESS;
}
