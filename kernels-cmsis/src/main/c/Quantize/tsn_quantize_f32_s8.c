/*
 * float -> int8 (TFLite AffineQuantize): q = clamp(round(x / scale) + zero_point)
 * with the division in float and rounding half away from zero. NaN maps to
 * the zero point (TFLite leaves it undefined).
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_quantize_f32_s8_get_buffer_size(int32_t size)
{
    (void)size;
    return 0;
}

/* Round half away from zero without libm, limited to +-2^20 (far outside the
 * int8 range); NaN gives 0. */
static inline int32_t round_away(float x)
{
#if defined(__arm__) && defined(__ARM_FP) && defined(__ARM_ARCH_7EM__)
    /* The M7's FPv5 VCVTA rounds exactly so (ties away, NaN to 0, saturating),
     * with no branch on the fraction to mispredict. */
    float r;
    int32_t t;
    __asm__("vcvta.s32.f32 %0, %1" : "=t"(r) : "t"(x));
    memcpy(&t, &r, sizeof t);
    return TSN_CLAMP(t, -1048576, 1048576);
#else
    /* The int conversion is defined after the limit; the fraction x - trunc(x)
     * is exact in float for such magnitudes. */
    if (x != x) {
        return 0;
    }
    x = x > 1048576.0f ? 1048576.0f : (x < -1048576.0f ? -1048576.0f : x);
    int32_t t = (int32_t)x;
    const float frac = x - (float)t;
    if (frac >= 0.5f) {
        t++;
    } else if (frac <= -0.5f) {
        t--;
    }
    return t;
#endif
}

tsn_status tsn_quantize_f32_s8(const float *input_data, int8_t *output_data, int32_t size,
                               float scale, int32_t zero_point)
{
    if (!input_data || !output_data || size < 0 || !(scale > 0.0f)) {
        return TSN_ARG_ERROR;
    }
    for (int32_t i = 0; i < size; i++) {
        const int32_t q = round_away(input_data[i] / scale) + zero_point;
        output_data[i] = (int8_t)TSN_CLAMP(q, -128, 127);
    }
    return TSN_SUCCESS;
}
