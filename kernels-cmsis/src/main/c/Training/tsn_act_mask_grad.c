/* Activation clamp mask on a float gradient (tsn_train.h). */
#include "tsn_train.h"

tsn_status tsn_act_mask_grad(const int8_t *out, int32_t n, int32_t act_min, int32_t act_max,
                             float *grad)
{
    if (out == NULL || grad == NULL || n < 0 || act_min > act_max) {
        return TSN_ARG_ERROR;
    }
    for (int32_t i = 0; i < n; i++) {
        if (out[i] <= act_min || out[i] >= act_max) {
            grad[i] = 0.0f;
        }
    }
    return TSN_SUCCESS;
}
