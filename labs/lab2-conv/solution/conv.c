/*
 * Lab 2 reference solution: per output pixel, the 3x3xCIN patch is copied once into an int16
 * column (input offset added, out-of-image taps 0) in SXTB16 order, so each filter word gives
 * two SMLADs: 4 MACs for one LDR of weights, one LDRD of column, two SXTB16.
 */
#include <string.h>
#include <arm_acle.h>
#include "lab2.h"
#include "tsn_nnsupportfunctions.h"

#define LAB2_K (9 * LAB2_CIN)

/* Inputs i0 i1 i2 i3 are stored i0 i2 i1 i3: SXTB16(w) pairs w0,w2 and SXTB16(ROR(w, 8))
 * pairs w1,w3, so the two halfword pairs line up with the weights without repacking. */
static int16_t column[LAB2_K] __attribute__((aligned(8)));

static void fill_column(const int8_t *input, int oy, int ox)
{
    int16_t *c = column;
    for (int ky = 0; ky < 3; ky++) {
        for (int kx = 0; kx < 3; kx++) {
            int iy = oy + ky - 1;
            int ix = ox + kx - 1;
            if (iy < 0 || iy >= LAB2_H || ix < 0 || ix >= LAB2_W) {
                memset(c, 0, LAB2_CIN * sizeof(int16_t));
                c += LAB2_CIN;
                continue;
            }
            const int8_t *p = input + (iy * LAB2_W + ix) * LAB2_CIN;
            for (int ic = 0; ic < LAB2_CIN; ic += 4) {
                c[0] = (int16_t)(p[ic] + LAB2_INPUT_OFFSET);
                c[1] = (int16_t)(p[ic + 2] + LAB2_INPUT_OFFSET);
                c[2] = (int16_t)(p[ic + 1] + LAB2_INPUT_OFFSET);
                c[3] = (int16_t)(p[ic + 3] + LAB2_INPUT_OFFSET);
                c += 4;
            }
        }
    }
}

void lab2_conv3x3_s8(const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const int32_t *multiplier, const int32_t *shift, int8_t *output)
{
    for (int oy = 0; oy < LAB2_H; oy++) {
        for (int ox = 0; ox < LAB2_W; ox++) {
            fill_column(input, oy, ox);
            int8_t *out = output + (oy * LAB2_W + ox) * LAB2_COUT;
            for (int oc = 0; oc < LAB2_COUT; oc++) {
                const int8_t *w = filter + oc * LAB2_K;
                const int32_t *col = (const int32_t *)column;
                int32_t acc = bias[oc];
                for (int k = 0; k < LAB2_K; k += 4) {
                    int32_t word;
                    memcpy(&word, w + k, 4);
                    acc = __smlad(__sxtb16(word), col[0], acc);
                    acc = __smlad(__sxtb16((int32_t)(((uint32_t)word >> 8) | ((uint32_t)word << 24))), col[1], acc);
                    col += 2;
                }
                out[oc] = tsn_requant_clamp(acc, multiplier[oc], shift[oc], LAB2_OUTPUT_OFFSET,
                                            LAB2_ACT_MIN, LAB2_ACT_MAX);
            }
        }
    }
}
