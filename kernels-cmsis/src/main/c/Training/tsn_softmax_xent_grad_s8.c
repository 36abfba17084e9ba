/* Softmax cross-entropy gradient from the int8 softmax output (tsn_train.h). */
#include "tsn_train.h"

tsn_status tsn_softmax_xent_grad_s8(const int8_t *probs, int32_t classes, int32_t label,
                                    float *grad)
{
    if (probs == NULL || grad == NULL || classes <= 0 || label < 0 || label >= classes) {
        return TSN_ARG_ERROR;
    }
    for (int32_t i = 0; i < classes; i++) {
        /* scale 1/256, zero point -128: exact in float */
        float p = (float)(probs[i] + 128) * (1.0f / 256.0f);
        grad[i] = i == label ? p - 1.0f : p;
    }
    return TSN_SUCCESS;
}
