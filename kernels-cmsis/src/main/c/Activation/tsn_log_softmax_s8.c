/*
 * int8 log-softmax along the innermost dimension (TFLite int8 LogSoftmax):
 * log(sum(exp(diff))) is computed in fixed point (Q12 sum -> Q5 log) and
 * subtracted from each scaled difference; output zero point 127, scale 16/256.
 * Single body on both paths (32-bit fixed-point arithmetic only).
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_log_softmax_s8_get_buffer_size(int32_t row_size)
{
    (void)row_size;
    return 0;
}

static inline int32_t sat_add(int32_t a, int32_t b)
{
    const int64_t s = (int64_t)a + b;
    return (int32_t)TSN_CLAMP(s, (int64_t)INT32_MIN, (int64_t)INT32_MAX);
}

static inline int32_t sat_sub(int32_t a, int32_t b)
{
    const int64_t s = (int64_t)a - b;
    return (int32_t)TSN_CLAMP(s, (int64_t)INT32_MIN, (int64_t)INT32_MAX);
}

/* log(x) for x >= 1: input Q12.19, output Q5.26. Accumulates in Q6.25 (one
 * bit of headroom) and evaluates a rational approximation of log around
 * sqrt(sqrt(1/2)) after normalising x to [sqrt(1/2), 1) times a power of two;
 * of two normalisations (with and without a sqrt(1/2) premultiply) the one with
 * the smaller mantissa is used. */
static int32_t log_q12_to_q5(int32_t x)
{
    const int32_t log_2 = 1488522236;
    const int32_t sqrt_sqrt_half = 1805811301;
    const int32_t sqrt_half = 1518500250;
    const int32_t one_quarter = 536870912;
    const int32_t alpha_n = 117049297;
    const int32_t alpha_d = 127690142;
    const int32_t alpha_i = 1057819769;
    const int32_t alpha_f = 638450708;
    const int32_t in_int_bits = 12;
    const int32_t acc_int_bits = 6;

    const int32_t shifted_quarter = tsn_rounding_divide_by_pot(one_quarter, acc_int_bits);

    const int32_t za_hp1 = tsn_clz32((uint32_t)x);
    const int32_t ra_tmp = tsn_sat_shift_left(x, za_hp1 - 1);
    const int32_t ra = tsn_sat_shift_left(tsn_sat_round_doubling_high_mul(ra_tmp, sqrt_half), 1);
    const int32_t za_pow2_adj =
        sat_add(tsn_sat_shift_left(in_int_bits - za_hp1, 31 - acc_int_bits), shifted_quarter);

    const int32_t zb = tsn_sat_round_doubling_high_mul(x, sqrt_half);
    const int32_t zb_headroom = tsn_clz32((uint32_t)zb) - 1;
    const int32_t rb = tsn_sat_shift_left(x, zb_headroom);
    const int32_t zb_pow2_adj =
        sat_sub(tsn_sat_shift_left(in_int_bits - zb_headroom, 31 - acc_int_bits), shifted_quarter);

    const int32_t r = TSN_MIN(ra, rb);
    const int32_t z_pow2_adj = TSN_MAX(za_pow2_adj, zb_pow2_adj);

    const int32_t p = tsn_rounding_half_sum(r, sqrt_sqrt_half);
    int32_t q = r - sqrt_sqrt_half;
    q = q + q;
    const int32_t common_sq = tsn_sat_round_doubling_high_mul(q, q);
    const int32_t num = tsn_sat_round_doubling_high_mul(q, r) +
                        tsn_sat_round_doubling_high_mul(tsn_sat_round_doubling_high_mul(q, common_sq), alpha_n);
    const int32_t denom_minus_one =
        tsn_sat_round_doubling_high_mul(p, alpha_i + q + tsn_sat_round_doubling_high_mul(alpha_d, common_sq)) +
        tsn_sat_round_doubling_high_mul(alpha_f, q);
    const int32_t recip_denom = tsn_one_over_one_plus_x(denom_minus_one);
    const int32_t num_scaled = tsn_rounding_divide_by_pot(num, acc_int_bits);
    const int32_t acc = tsn_sat_round_doubling_high_mul(z_pow2_adj, log_2) +
                        tsn_sat_round_doubling_high_mul(num_scaled, recip_denom);
    return tsn_sat_shift_left(acc, 1); /* Q6.25 -> Q5.26 */
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

        const int32_t log_sum_q5 = log_q12_to_q5(sum_q12);
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
