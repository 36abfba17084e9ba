/*
 * int8 log-softmax along the innermost dimension (TFLite int8 LogSoftmax):
 * log(sum(exp(diff))) is computed in fixed point (Q12 sum -> Q5 log) and
 * subtracted from each scaled difference; output zero point 127, scale 16/256.
 * The log itself is Support/tsn_log_x_ge1_q12_q5.c.
 * Single body on both paths (32-bit fixed-point arithmetic only).
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_log_softmax_s8_get_buffer_size(int32_t row_size)
{
    (void)row_size;
    return 0;
}

tsn_status tsn_log_softmax_s8(const tsn_log_softmax_params *params, const int8_t *input_data,
                              int32_t num_rows, int32_t row_size, int8_t *output_data)
{
    if (!params || !input_data || !output_data || num_rows < 0 || row_size < 1 ||
        params->diff_min > 0) {
        return TSN_ARG_ERROR;
    }
    const int32_t mult = params->input_multiplier;
    const int32_t shift = params->input_shift;
    const int32_t diff_min = params->diff_min;

    for (int32_t r = 0; r < num_rows; r++) {
        const int8_t *in = input_data + r * row_size;
        int8_t *out = output_data + r * row_size;

        int32_t max = -128;
        for (int32_t c = 0; c < row_size; c++) {
            max = TSN_MAX(max, in[c]);
        }

        int32_t sum_q12 = 0;
        for (int32_t c = 0; c < row_size; c++) {
            const int32_t diff = in[c] - max;
            if (diff >= diff_min) {
                const int32_t x = tsn_requantize(diff, mult, shift);
                sum_q12 += tsn_rounding_divide_by_pot(tsn_exp_on_negative_values_q5(x), 12);
            }
        }

        const int32_t log_sum_q5 = tsn_log_x_ge1_q12_q5(sum_q12);
        /* Differences below this threshold would underflow the output: emit -128. */
        const int32_t shifted_log_sum = (int32_t)((uint32_t)log_sum_q5 + 0x80000000u);
        const int32_t adjusted_diff_min =
            TSN_MAX(diff_min - 1, tsn_requantize(shifted_log_sum, params->reverse_multiplier,
                                                 -params->reverse_shift));

        for (int32_t c = 0; c < row_size; c++) {
            const int32_t diff = in[c] - max;
            if (diff > adjusted_diff_min) {
                const int32_t x = tsn_requantize(diff, mult, shift);
                int32_t v = tsn_rounding_divide_by_pot(x - log_sum_q5, 31 - 5 - 4) + 127;
                out[c] = (int8_t)TSN_CLAMP(v, -128, 127);
            } else {
                out[c] = -128;
            }
        }
    }
    return TSN_SUCCESS;
}
