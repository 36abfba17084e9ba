#include <math.h>

/*
 * float32 LOG_SOFTMAX over the last dimension, as TFLite's float reference: x - max - log(sum
 * exp(x - max)). Subtracting the row max first keeps expf <= 1, so the sum cannot overflow.
 */
static tsn_status {{fn}}(void)
{
    const float *in = {{input}};
    float *out = {{output}};
    for (int32_t row = 0; row < {{rows}}; row++) {
        float max = in[0];
        for (int32_t c = 1; c < {{rowSize}}; c++) {
            max = in[c] > max ? in[c] : max;
        }
        float sum = 0.0f;
        for (int32_t c = 0; c < {{rowSize}}; c++) {
            sum += expf(in[c] - max);
        }
        const float log_sum = logf(sum);
        for (int32_t c = 0; c < {{rowSize}}; c++) {
            out[c] = in[c] - max - log_sum;
        }
        in += {{rowSize}};
        out += {{rowSize}};
    }
    return TSN_SUCCESS;
}
