/*
 * int8 -> float (TFLite Dequantize): x = scale * (q - zero_point).
 * TFLite multiplies in double and rounds to float; with a float scale and a
 * 9-bit integer the double product is exact, so one float multiply (correctly
 * rounded) gives the identical result without double arithmetic.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_dequantize_s8_f32_get_buffer_size(int32_t size)
{
    (void)size;
    return 0;
}

tsn_status tsn_dequantize_s8_f32(const int8_t *input_data, float *output_data, int32_t size,
                                 float scale, int32_t zero_point)
{
    if (!input_data || !output_data || size < 0) {
        return TSN_ARG_ERROR;
    }
    for (int32_t i = 0; i < size; i++) {
        output_data[i] = scale * (float)(input_data[i] - zero_point);
    }
    return TSN_SUCCESS;
}
