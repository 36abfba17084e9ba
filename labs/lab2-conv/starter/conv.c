/*
 * Lab 2 starter: a naive int8 3x3 convolution. It is bit-exact but slow: one multiply per
 * MAC, a bounds test per tap, byte loads everywhere. Make it fast (SMLAD, SXTB16) and keep
 * it bit-exact. `tinysim lab check 2 DIR` grades it.
 */
#include "lab2.h"
#include "tsn_nnsupportfunctions.h"

void lab2_conv3x3_s8(const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const int32_t *multiplier, const int32_t *shift, int8_t *output)
{
    for (int oy = 0; oy < LAB2_H; oy++) {
        for (int ox = 0; ox < LAB2_W; ox++) {
            for (int oc = 0; oc < LAB2_COUT; oc++) {
                int32_t acc = bias[oc];
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        int iy = oy + ky - 1;
                        int ix = ox + kx - 1;
                        if (iy < 0 || iy >= LAB2_H || ix < 0 || ix >= LAB2_W) {
                            continue;
                        }
                        for (int ic = 0; ic < LAB2_CIN; ic++) {
                            int32_t in = input[(iy * LAB2_W + ix) * LAB2_CIN + ic];
                            int32_t w = filter[((oc * 3 + ky) * 3 + kx) * LAB2_CIN + ic];
                            acc += (in + LAB2_INPUT_OFFSET) * w;
                        }
                    }
                }
                output[(oy * LAB2_W + ox) * LAB2_COUT + oc] = tsn_requant_clamp(acc,
                    multiplier[oc], shift[oc], LAB2_OUTPUT_OFFSET, LAB2_ACT_MIN, LAB2_ACT_MAX);
            }
        }
    }
}
