/*
 * Lab 2: the kernel you write. lab2_config.h (written by the grader) defines the sizes and the
 * quantisation constants:
 *   LAB2_H, LAB2_W, LAB2_CIN, LAB2_COUT   input HxWxCIN (HWC), COUT output channels
 *   LAB2_INPUT_OFFSET                      -input zero point (add it to every input value)
 *   LAB2_OUTPUT_OFFSET                     output zero point (add it after requantising)
 *   LAB2_ACT_MIN, LAB2_ACT_MAX             clamp range of the output
 * 3x3 filter, stride 1, padding 1 (output HxWxCOUT); out-of-image taps contribute nothing.
 */
#ifndef LAB2_H
#define LAB2_H

#include <stdint.h>
#include "lab2_config.h"

/*
 * input  [LAB2_H][LAB2_W][LAB2_CIN]
 * filter [LAB2_COUT][3][3][LAB2_CIN]      (OHWI, as TFLite stores it)
 * bias, multiplier, shift [LAB2_COUT]     per output channel
 * output [LAB2_H][LAB2_W][LAB2_COUT]
 * output = clamp(requantize(bias + sum((input + LAB2_INPUT_OFFSET) * filter)) + LAB2_OUTPUT_OFFSET)
 * with requantize = tsn_requantize(acc, multiplier[oc], shift[oc]) (tsn_nnsupportfunctions.h);
 * tsn_requant_clamp does the whole epilogue.
 */
void lab2_conv3x3_s8(const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const int32_t *multiplier, const int32_t *shift, int8_t *output);

#endif
