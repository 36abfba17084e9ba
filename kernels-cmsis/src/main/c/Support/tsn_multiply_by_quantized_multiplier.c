/* Out-of-line MultiplyByQuantizedMultiplier (see tsn_nnsupportfunctions.h). */
#include "tsn_nnsupportfunctions.h"

int32_t tsn_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int32_t shift)
{
    return tsn_requantize(x, multiplier, shift);
}
