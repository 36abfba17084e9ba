/* See conv.h. On the target the kernel runs from ITCM RAM. */
#include "conv.h"

#ifdef __arm__
#include "runtime.h"
#define CONV_PLACE TINYSIM_ITCM
#else
#define CONV_PLACE
#endif

static uint32_t lcg_next(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s;
}

void conv_make_data(int8_t *in, int8_t *w, int32_t *bias)
{
    uint32_t s = 0xC0FFEEu;
    for (int i = 0; i < CONV_H * CONV_W * CONV_CIN; i++) {
        in[i] = (int8_t)(lcg_next(&s) >> 24);
    }
    for (int i = 0; i < CONV_COUT * CONV_K * CONV_K * CONV_CIN; i++) {
        w[i] = (int8_t)(lcg_next(&s) >> 24);
    }
    for (int o = 0; o < CONV_COUT; o++) {
        bias[o] = (int32_t)(lcg_next(&s) >> 20) - 2048;
    }
}

/* round(acc * mult / 2^(31 + shift)), the gemmlowp-style fixed-point scale. */
static int32_t requant(int32_t acc, const struct conv_params *p)
{
    int64_t prod = (int64_t)acc * p->mult;
    int total = 31 + p->shift;
    return (int32_t)((prod + ((int64_t)1 << (total - 1))) >> total);
}

CONV_PLACE void conv3x3_relu(const int8_t *in, const int8_t *w, const int32_t *bias,
                             const struct conv_params *p, int8_t *out)
{
    for (int y = 0; y < CONV_H; y++) {
        for (int x = 0; x < CONV_W; x++) {
            for (int o = 0; o < CONV_COUT; o++) {
                int32_t acc = bias[o];
                for (int ky = 0; ky < CONV_K; ky++) {
                    int iy = y + ky - 1;
                    if (iy < 0 || iy >= CONV_H) {
                        continue;
                    }
                    for (int kx = 0; kx < CONV_K; kx++) {
                        int ix = x + kx - 1;
                        if (ix < 0 || ix >= CONV_W) {
                            continue;
                        }
                        const int8_t *pi = &in[(iy * CONV_W + ix) * CONV_CIN];
                        const int8_t *pw = &w[((o * CONV_K + ky) * CONV_K + kx) * CONV_CIN];
                        for (int c = 0; c < CONV_CIN; c++) {
                            acc += pi[c] * pw[c];
                        }
                    }
                }
                int32_t v = requant(acc, p);
                out[(y * CONV_W + x) * CONV_COUT + o] = (int8_t)(v < 0 ? 0 : (v > 127 ? 127 : v));
            }
        }
    }
}

uint32_t conv_checksum(const int8_t *out, int n)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < n; i++) {
        h = (h ^ (uint8_t)out[i]) * 16777619u;
    }
    return h;
}
