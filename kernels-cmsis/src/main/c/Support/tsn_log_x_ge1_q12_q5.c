/*
 * Fixed-point natural log for x >= 1, Q12.19 in, Q5.26 out: TFLite's
 * log_x_for_x_greater_than_or_equal_to_1<5>(FixedPoint<int32, 12>), used by
 * the int8 log-softmax.
 */
#include "tsn_nnsupportfunctions.h"

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
int32_t tsn_log_x_ge1_q12_q5(int32_t x)
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
