/* Out-of-line RoundingDivideByPOT (see tsn_nnsupportfunctions.h). */
#include "tsn_nnsupportfunctions.h"

int32_t tsn_rounding_divide_by_power_of_two(int32_t x, int32_t exponent)
{
    return tsn_rounding_divide_by_pot(x, exponent);
}
