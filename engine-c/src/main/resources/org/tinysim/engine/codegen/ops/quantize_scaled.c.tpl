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
 * 2^-12 of an odd integer) takes the division. |x| above {{fastLimit}} (|x|/scale >= 256)
 * saturates, NaN maps to the zero point. Sign and range come from the float's bits, so the loop
 * has no float compare. In place over the float input is safe: value i is read before byte i
 * (inside value i/4 <= i) is written.
 */
/* 2|x|/scale with 12 fraction bits; |x| capped at the fast limit keeps the conversion defined. */
static inline __attribute__((always_inline)) int32_t {{fn}}_fixed(uint32_t abs_bits)
{
    const uint32_t capped = abs_bits < 0x{{fastLimitBits}}u ? abs_bits : 0x{{fastLimitBits}}u;
    float magnitude;
    __builtin_memcpy(&magnitude, &capped, sizeof magnitude);
    return (int32_t)(magnitude * {{scale8192}});
}

/* Beyond the fast limit, NaN, or within 2^-13 of a tie: the value needs {{fn}}_one. */
static inline __attribute__((always_inline)) uint32_t {{fn}}_rare(uint32_t abs_bits, int32_t a)
{
    return (abs_bits > 0x{{fastLimitBits}}u) | ((uint32_t)((a + 1) & 0x1FFF) - 0x1000u < 2u);
}

static inline __attribute__((always_inline)) int8_t {{fn}}_fast(uint32_t bits, int32_t a)
{
    const int32_t sign = (int32_t)bits >> 31;
    return (int8_t)__builtin_arm_ssat(((((a >> 12) + 1) >> 1) ^ sign) - sign + {{zeroPoint}}, 8);
}

static int8_t {{fn}}_one(uint32_t bits)
{
    const uint32_t abs_bits = bits & 0x7FFFFFFFu;
    const int32_t a = {{fn}}_fixed(abs_bits);
    if (!{{fn}}_rare(abs_bits, a)) {
        return {{fn}}_fast(bits, a);
    }
    int32_t q;
    if (abs_bits <= 0x{{fastLimitBits}}u) {
        float x;
        __builtin_memcpy(&x, &bits, sizeof x);
        q = {{fn}}_divided(x);
    } else if (abs_bits <= 0x7F800000u) {
        q = (int32_t)bits < 0 ? -256 : 256;
    } else {
        q = 0;
    }
    return (int8_t)__builtin_arm_ssat(q + {{zeroPoint}}, 8);
}

/* Four values per pass with one branch: their multiply/convert chains overlap. All four are
 * read before their four bytes (inside the first of them) are written. */
static tsn_status {{fn}}(void)
{
    const uint8_t *in = (const uint8_t *){{input}};
    int8_t *out = {{output}};
    int32_t i = 0;
    for (; i + 4 <= {{size}}; i += 4) {
        uint32_t b[4];
        __builtin_memcpy(b, in + 4 * i, sizeof b);
        const int32_t a0 = {{fn}}_fixed(b[0] & 0x7FFFFFFFu);
        const int32_t a1 = {{fn}}_fixed(b[1] & 0x7FFFFFFFu);
        const int32_t a2 = {{fn}}_fixed(b[2] & 0x7FFFFFFFu);
        const int32_t a3 = {{fn}}_fixed(b[3] & 0x7FFFFFFFu);
        if ({{fn}}_rare(b[0] & 0x7FFFFFFFu, a0) | {{fn}}_rare(b[1] & 0x7FFFFFFFu, a1)
            | {{fn}}_rare(b[2] & 0x7FFFFFFFu, a2) | {{fn}}_rare(b[3] & 0x7FFFFFFFu, a3)) {
            out[i] = {{fn}}_one(b[0]);
            out[i + 1] = {{fn}}_one(b[1]);
            out[i + 2] = {{fn}}_one(b[2]);
            out[i + 3] = {{fn}}_one(b[3]);
        } else {
            out[i] = {{fn}}_fast(b[0], a0);
            out[i + 1] = {{fn}}_fast(b[1], a1);
            out[i + 2] = {{fn}}_fast(b[2], a2);
            out[i + 3] = {{fn}}_fast(b[3], a3);
        }
    }
    for (; i < {{size}}; i++) {
        uint32_t bits;
        __builtin_memcpy(&bits, in + 4 * i, sizeof bits);
        out[i] = {{fn}}_one(bits);
    }
    return TSN_SUCCESS;
}
