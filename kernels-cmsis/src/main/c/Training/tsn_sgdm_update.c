/* SGD with momentum on int8 weights, int32 biases and fp32 master copies,
 * with quantisation-aware scaling (tsn_train.h). */
#include "tsn_train.h"

static uint32_t xorshift32(uint32_t *state)
{
    uint32_t r = *state;
    r ^= r << 13;
    r ^= r >> 17;
    r ^= r << 5;
    *state = r;
    return r;
}

static int32_t floor_to_int(float t)
{
    int32_t i = (int32_t)t;
    return (float)i > t ? i - 1 : i;
}

static int32_t round_half_away(float d)
{
    return (int32_t)(d >= 0.0f ? d + 0.5f : d - 0.5f);
}

static int32_t clamp_weight(int32_t v)
{
    return v < -127 ? -127 : (v > 127 ? 127 : v);
}

static int8_t update_one(int8_t w, float grad, float *m, float s, const tsn_sgd_params *p,
                         uint32_t *rng)
{
    const float g = p->qas ? grad / s : grad * s;
    *m = p->momentum * *m + g;
    const float v = (float)w - p->lr * *m;
    const float u = (float)(xorshift32(rng) >> 8) * (1.0f / 16777216.0f);
    /* keep the float->int conversion in range before flooring */
    const float t = v + u;
    const float bounded = t < -1000.0f ? -1000.0f : (t > 1000.0f ? 1000.0f : t);
    return (int8_t)clamp_weight(floor_to_int(bounded));
}

static int update_args_ok(const void *w, const float *g, const float *m, const float *s,
                          const tsn_sgd_params *p, const uint32_t *rng)
{
    return w != NULL && g != NULL && m != NULL && s != NULL && p != NULL && rng != NULL;
}

tsn_status tsn_sgdm_update_s8(int8_t *weights, const float *grad_w, float *momentum,
                              int32_t row_len, int32_t c_begin, int32_t c_end,
                              const float *w_scale, const tsn_sgd_params *params,
                              uint32_t *rng)
{
    if (!update_args_ok(weights, grad_w, momentum, w_scale, params, rng) || row_len <= 0 ||
        c_begin < 0 || c_begin >= c_end) {
        return TSN_ARG_ERROR;
    }
    for (int32_t c = c_begin; c < c_end; c++) {
        const int32_t row = (c - c_begin) * row_len;
        int8_t *w = weights + c * row_len;
        for (int32_t k = 0; k < row_len; k++) {
            w[k] = update_one(w[k], grad_w[row + k], &momentum[row + k], w_scale[c], params, rng);
        }
    }
    return TSN_SUCCESS;
}

tsn_status tsn_sgdm_update_dw_s8(int8_t *weights, const float *grad_w, float *momentum,
                                 int32_t taps, int32_t channels, int32_t c_begin, int32_t c_end,
                                 const float *w_scale, const tsn_sgd_params *params,
                                 uint32_t *rng)
{
    if (!update_args_ok(weights, grad_w, momentum, w_scale, params, rng) || taps <= 0 ||
        c_begin < 0 || c_end > channels || c_begin >= c_end) {
        return TSN_ARG_ERROR;
    }
    const int32_t n = c_end - c_begin;
    for (int32_t t = 0; t < taps; t++) {
        for (int32_t c = c_begin; c < c_end; c++) {
            const int32_t i = t * n + (c - c_begin);
            int8_t *w = &weights[t * channels + c];
            *w = update_one(*w, grad_w[i], &momentum[i], w_scale[c], params, rng);
        }
    }
    return TSN_SUCCESS;
}

tsn_status tsn_sgdm_update_bias_s32(int32_t *bias, const float *grad_b, float *momentum,
                                    int32_t c_begin, int32_t c_end, const float *w_scale,
                                    float x_scale, const tsn_sgd_params *params)
{
    if (bias == NULL || grad_b == NULL || momentum == NULL || w_scale == NULL ||
        params == NULL || c_begin < 0 || c_begin >= c_end) {
        return TSN_ARG_ERROR;
    }
    for (int32_t c = c_begin; c < c_end; c++) {
        const int32_t i = c - c_begin;
        const float g = params->qas ? (grad_b[i] / w_scale[c]) / x_scale
                                    : (grad_b[i] * w_scale[c]) * x_scale;
        momentum[i] = params->momentum * momentum[i] + g;
        float d = params->lr * momentum[i];
        d = d < -1073741824.0f ? -1073741824.0f : (d > 1073741824.0f ? 1073741824.0f : d);
        const int64_t b = (int64_t)bias[c] - round_half_away(d);
        bias[c] = b < INT32_MIN ? INT32_MIN : (b > INT32_MAX ? INT32_MAX : (int32_t)b);
    }
    return TSN_SUCCESS;
}

tsn_status tsn_sgdm_update_f32(float *param, const float *grad, float *momentum, int32_t n,
                               const tsn_sgd_params *params)
{
    if (param == NULL || grad == NULL || momentum == NULL || params == NULL || n < 0) {
        return TSN_ARG_ERROR;
    }
    for (int32_t i = 0; i < n; i++) {
        momentum[i] = params->momentum * momentum[i] + grad[i];
        param[i] = param[i] - params->lr * momentum[i];
    }
    return TSN_SUCCESS;
}

tsn_status tsn_requantize_params_f32(const float *param, int32_t row_len, int32_t c_begin,
                                     int32_t c_end, const float *w_scale, float x_scale,
                                     int8_t *weights, int32_t *bias)
{
    if (param == NULL || w_scale == NULL || (weights == NULL) == (bias == NULL) ||
        c_begin < 0 || c_begin >= c_end || (weights != NULL && row_len <= 0)) {
        return TSN_ARG_ERROR;
    }
    for (int32_t c = c_begin; c < c_end; c++) {
        if (bias != NULL) {
            float q = (param[c - c_begin] / w_scale[c]) / x_scale;
            q = q < -1073741824.0f ? -1073741824.0f : (q > 1073741824.0f ? 1073741824.0f : q);
            bias[c] = round_half_away(q);
            continue;
        }
        for (int32_t k = 0; k < row_len; k++) {
            float q = param[(c - c_begin) * row_len + k] / w_scale[c];
            q = q < -1000.0f ? -1000.0f : (q > 1000.0f ? 1000.0f : q);
            weights[c * row_len + k] = (int8_t)clamp_weight(round_half_away(q));
        }
    }
    return TSN_SUCCESS;
}
