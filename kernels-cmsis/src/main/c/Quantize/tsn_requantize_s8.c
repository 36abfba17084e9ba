/*
 * int8 -> int8 with new scale / zero point (TFLite Requantize):
 * out = clamp(requant(x + input_offset, multiplier, shift) + output_offset).
 * The DSP body only differs in saturating with SSAT.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_requantize_s8_get_buffer_size(int32_t size)
{
    (void)size;
    return 0;
}

tsn_status tsn_requantize_s8(const int8_t *input_data, int8_t *output_data, int32_t size,
                             int32_t input_offset, int32_t multiplier, int32_t shift,
                             int32_t output_offset)
{
    if (!input_data || !output_data || size < 0) {
        return TSN_ARG_ERROR;
    }
    for (int32_t i = 0; i < size; i++) {
        const int32_t v = tsn_requantize(input_data[i] + input_offset, multiplier, shift) + output_offset;
        output_data[i] = tsn_sat_s8(v);
    }
    return TSN_SUCCESS;
}
