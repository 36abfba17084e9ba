/* Bias gradient, global average pool backward and residual join (tsn_train.h). */
#include "tsn_train.h"

tsn_status tsn_bias_grad(const float *grad_out, int32_t pixels, int32_t channels,
                         int32_t c_begin, int32_t c_end, float *grad_b)
{
    if (grad_out == NULL || grad_b == NULL || pixels <= 0 || c_begin < 0 || c_end > channels ||
        c_begin >= c_end) {
        return TSN_ARG_ERROR;
    }
    for (int32_t c = c_begin; c < c_end; c++) {
        float acc = 0.0f;
        for (int32_t p = 0; p < pixels; p++) {
            acc += grad_out[p * channels + c];
        }
        grad_b[c - c_begin] = acc;
    }
    return TSN_SUCCESS;
}

tsn_status tsn_global_avgpool_grad(const float *grad_out, int32_t pixels, int32_t channels,
                                   float *grad_in)
{
    if (grad_out == NULL || grad_in == NULL || pixels <= 0 || channels <= 0) {
        return TSN_ARG_ERROR;
    }
    for (int32_t p = 0; p < pixels; p++) {
        for (int32_t c = 0; c < channels; c++) {
            grad_in[p * channels + c] = grad_out[c] / (float)pixels;
        }
    }
    return TSN_SUCCESS;
}

tsn_status tsn_grad_accumulate(float *dst, const float *src, int32_t n)
{
    if (dst == NULL || src == NULL || n < 0) {
        return TSN_ARG_ERROR;
    }
    for (int32_t i = 0; i < n; i++) {
        dst[i] += src[i];
    }
    return TSN_SUCCESS;
}
