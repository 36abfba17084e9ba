/*
 * int8 elementwise ADD (TFLite int8 Add, equal shapes):
 *   a = (x1 + input1_offset) << left_shift, rescaled by input1 multiplier/shift
 *   b = (x2 + input2_offset) << left_shift, rescaled by input2 multiplier/shift
 *   out = clamp(requant(a + b, output multiplier/shift) + output_offset)
 * TFLite's converter always produces shifts <= 0 here, for which its
 * SmallerThanOneExp rescale equals tsn_requantize.
 *
 * Single body on both paths: per element the cost is three 32x32->64
 * requantisations, which no DSP instruction shortens.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_add_s8_get_buffer_size(int32_t size)
{
    (void)size;
    return 0;
}

tsn_status tsn_add_s8(const tsn_add_params *params, const int8_t *input1_data,
                      const int8_t *input2_data, int8_t *output_data, int32_t size)
{
    if (!params || !input1_data || !input2_data || !output_data || size < 0 ||
        params->left_shift < 0 || params->left_shift > 30) {
        return TSN_ARG_ERROR;
    }
    const tsn_add_params *p = params;
    for (int32_t i = 0; i < size; i++) {
        const int32_t a = (int32_t)((uint32_t)(input1_data[i] + p->input1_offset) << p->left_shift);
        const int32_t b = (int32_t)((uint32_t)(input2_data[i] + p->input2_offset) << p->left_shift);
        const int32_t sa = tsn_requantize(a, p->input1_multiplier, p->input1_shift);
        const int32_t sb = tsn_requantize(b, p->input2_multiplier, p->input2_shift);
        int32_t r = tsn_requantize(sa + sb, p->output_multiplier, p->output_shift) + p->output_offset;
        r = TSN_CLAMP(r, p->activation.min, p->activation.max);
        output_data[i] = (int8_t)r;
    }
    return TSN_SUCCESS;
}
