/* Out-of-line SaturatingRoundingDoublingHighMul (see tsn_nnsupportfunctions.h). */
#include "tsn_nnsupportfunctions.h"

int32_t tsn_saturating_rounding_doubling_high_mul(int32_t a, int32_t b)
{
    return tsn_sat_round_doubling_high_mul(a, b);
}
