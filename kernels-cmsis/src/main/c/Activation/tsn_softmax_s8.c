/*
 * int8 softmax along the innermost dimension (TFLite quantised Softmax):
 * differences to the row maximum are scaled to Q5.26 (kScaledDiffIntegerBits
 * = 5), exponentiated in fixed point, summed in Q12.19, inverted with a
 * Newton-Raphson reciprocal, and the result is written with zero point -128 and
 * scale 1/256. Entries with diff < diff_min contribute nothing and output -128.
 *
 * The exponentials are recomputed in the second pass instead of being stored,
 * so the kernel needs no scratch. Single body on both paths: the work is
 * 32-bit fixed-point arithmetic with no 16-bit SIMD form.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_softmax_s8_get_buffer_size(int32_t row_size)
{
    (void)row_size;
    return 0;
}

tsn_status tsn_softmax_s8(const tsn_softmax_params *params, const int8_t *input_data,
                          int32_t num_rows, int32_t row_size, int8_t *output_data)
{
    if (!params || !input_data || !output_data || num_rows < 0 || row_size < 1 ||
        params->diff_min > 0) {
        return TSN_ARG_ERROR;
    }
    const int32_t mult = params->input_multiplier;
    const int32_t lshift = params->input_left_shift;
    const int32_t diff_min = params->diff_min;

    for (int32_t r = 0; r < num_rows; r++) {
        const int8_t *in = input_data + r * row_size;
        int8_t *out = output_data + r * row_size;

        int32_t max = in[0];
        for (int32_t c = 1; c < row_size; c++) {
            max = TSN_MAX(max, in[c]);
        }

        int32_t sum_q12 = 0;
        for (int32_t c = 0; c < row_size; c++) {
            const int32_t diff = in[c] - max;
            if (diff >= diff_min) {
                const int32_t x = tsn_requantize_gt_one(diff, mult, lshift);
                sum_q12 += tsn_rounding_divide_by_pot(tsn_exp_on_negative_values_q5(x), 12);
            }
        }

        /* 1/sum: normalise sum to [1, 2) as 1 + x, invert, remember the exponent. */
        const int32_t headroom_plus_one = tsn_clz32((uint32_t)sum_q12);
        const int32_t bits_over_unit = 12 - headroom_plus_one;
        const int32_t shifted_sum_minus_one =
            (int32_t)(((uint32_t)sum_q12 << headroom_plus_one) - (1u << 31));
        const int32_t scale = tsn_one_over_one_plus_x(shifted_sum_minus_one);

        for (int32_t c = 0; c < row_size; c++) {
            const int32_t diff = in[c] - max;
            if (diff >= diff_min) {
                const int32_t x = tsn_requantize_gt_one(diff, mult, lshift);
                const int32_t e = tsn_exp_on_negative_values_q5(x);
                int32_t v = tsn_rounding_divide_by_pot(tsn_sat_round_doubling_high_mul(scale, e),
                                                       bits_over_unit + 31 - 8) - 128;
                out[c] = (int8_t)TSN_CLAMP(v, -128, 127);
            } else {
                out[c] = -128;
            }
        }
    }
    return TSN_SUCCESS;
}
