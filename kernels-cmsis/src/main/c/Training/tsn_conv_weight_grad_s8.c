/* Weight gradient of a general k x k convolution (tsn_train.h). */
#include "tsn_train.h"

tsn_status tsn_conv_weight_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                   const int8_t *input, const tsn_dims *input_dims,
                                   int32_t input_offset, float x_scale,
                                   const tsn_dims *filter_dims, const tsn_tile *stride,
                                   const tsn_tile *padding, int32_t c_begin, int32_t c_end,
                                   float *grad_w)
{
    if (grad_out == NULL || input == NULL || grad_w == NULL || output_dims == NULL ||
        input_dims == NULL || filter_dims == NULL || stride == NULL || padding == NULL ||
        stride->h <= 0 || stride->w <= 0 || filter_dims->c != input_dims->c || c_begin < 0 ||
        c_end > output_dims->c || c_begin >= c_end) {
        return TSN_ARG_ERROR;
    }
    const int32_t cin = input_dims->c;
    const int32_t cout = output_dims->c;
    float *gw = grad_w;
    for (int32_t c = c_begin; c < c_end; c++) {
        for (int32_t ky = 0; ky < filter_dims->h; ky++) {
            for (int32_t kx = 0; kx < filter_dims->w; kx++) {
                for (int32_t k = 0; k < cin; k++) {
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
                            acc += grad_out[(oy * output_dims->w + ox) * cout + c] *
                                   (float)(input[(iy * input_dims->w + ix) * cin + k] +
                                           input_offset);
                        }
                    }
                    *gw++ = acc * x_scale;
                }
            }
        }
    }
    return TSN_SUCCESS;
}
