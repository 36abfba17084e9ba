/* round(x / {{scale}}) half away from zero, as the division would give it (value within a
 * rounding tie's error band only). */
static int32_t {{fn}}_divided(float x)
{
    if (x != x) {
        return 0;
    }
    float y = x / {{scale}};
    y = y > 1048576.0f ? 1048576.0f : (y < -1048576.0f ? -1048576.0f : y);
    int32_t t = (int32_t)y;
    const float frac = y - (float)t;
    if (frac >= 0.5f) {
        t++;
    } else if (frac <= -0.5f) {
        t--;
    }
    return t;
}

/*
 * float -> int8 as TFLite's AffineQuantize (float division, round half away from zero, + zero
 * point, saturate) without dividing: u = |x| * (8192 / scale) holds 2|x|/scale with 12 fraction
 * bits, so round(|x|/scale) = ((u >> 12) + 1) >> 1. The product differs from the division by
 * under 3 float ulps (< 2^-14 below 256); only a value within 2^-13 of a tie (2|x|/scale within
 * 2^-12 of an odd integer), out of range or NaN takes the division. In place over the float
 * input is safe: value i is read before byte i (inside value i/4 <= i) is written.
 */
static tsn_status {{fn}}(void)
{
    const float *in = {{input}};
    int8_t *out = {{output}};
    for (int32_t i = 0; i < {{size}}; i++) {
        const float x = in[i];
        const float u = (x < 0.0f ? -x : x) * {{scale8192}};
        int32_t q;
        if (u < 2097152.0f) {
            const int32_t a = (int32_t)u;
            if ((uint32_t)((a + 1) & 0x1FFF) - 0x1000u < 2u) {
                q = {{fn}}_divided(x);
            } else {
                const int32_t r = ((a >> 12) + 1) >> 1;
                q = x < 0.0f ? -r : r;
            }
        } else {
            q = {{fn}}_divided(x);
        }
        q += {{zeroPoint}};
        out[i] = (int8_t)(q < -128 ? -128 : (q > 127 ? 127 : q));
    }
    return TSN_SUCCESS;
}
