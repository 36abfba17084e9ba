/*
 * tinysim int8 kernels: inline helpers shared by the kernels.
 *
 * The requantisation helpers reproduce TFLite's reference arithmetic bit for
 * bit (gemmlowp's SaturatingRoundingDoublingHighMul / RoundingDivideByPOT and
 * TFLite's MultiplyByQuantizedMultiplier, double-rounding variant). Both the
 * portable and the DSP bodies use these same helpers for their epilogues, so
 * the two bodies can only differ in how they accumulate.
 */
#ifndef TSN_NNSUPPORTFUNCTIONS_H
#define TSN_NNSUPPORTFUNCTIONS_H

#include <stdint.h>
#include <string.h>
#include "tsn_types.h"

/* ---- path selection ---------------------------------------------------- */

/* TSN_USE_DSP selects the SIMD body. TSN_FORCE_PORTABLE lets the same ARM
 * build use the portable body so both can be compared on the board. */
#if defined(__ARM_FEATURE_DSP) && !defined(TSN_FORCE_PORTABLE)
#define TSN_USE_DSP 1
#include <arm_acle.h>
#else
#define TSN_USE_DSP 0
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define TSN_MAX(a, b) ((a) > (b) ? (a) : (b))
#define TSN_MIN(a, b) ((a) < (b) ? (a) : (b))
#define TSN_CLAMP(x, lo, hi) TSN_MIN(TSN_MAX((x), (lo)), (hi))

/* ---- requantisation (public TFLite/gemmlowp semantics) ------------------ */

/* round(a * b / 2^31) with ties towards +inf; saturates the single overflow
 * case INT32_MIN * INT32_MIN.
 * TFLite writes this as (ab + nudge) / 2^31 with a sign-dependent nudge and a
 * truncating division. For ab < 0 that is ceil((ab + 1 - 2^30) / 2^31), which
 * equals floor((ab + 2^30) / 2^31); for ab >= 0 both are the same floor. So one
 * add and one arithmetic shift give the identical result (SMULL, ADDS/ADC and
 * two shifts on the M7 instead of a sign-dependent 64-bit division). Relies on
 * >> of a negative int64_t being arithmetic, as it is with GCC and Clang. */
static inline int32_t tsn_sat_round_doubling_high_mul(int32_t a, int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN) {
        return INT32_MAX;
    }
    const int64_t ab = (int64_t)a * (int64_t)b;
    return (int32_t)((ab + ((int64_t)1 << 30)) >> 31);
}

/* x / 2^exponent rounded to nearest, ties away from zero. 0 <= exponent <= 31. */
static inline int32_t tsn_rounding_divide_by_pot(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)((((int64_t)1) << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLite MultiplyByQuantizedMultiplier: left shift before, rounding right
 * shift after the doubling high multiply. */
static inline int32_t tsn_requantize(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left_shift = shift > 0 ? shift : 0;
    const int32_t right_shift = shift > 0 ? 0 : -shift;
    /* Shift as unsigned: same bits as TFLite's x * (1 << left_shift), no UB. */
    const int32_t shifted = (int32_t)((uint32_t)x << left_shift);
    return tsn_rounding_divide_by_pot(tsn_sat_round_doubling_high_mul(shifted, multiplier), right_shift);
}

/* TFLite MultiplyByQuantizedMultiplierGreaterThanOne (softmax input scaling). */
static inline int32_t tsn_requantize_gt_one(int32_t x, int32_t multiplier, int32_t left_shift)
{
    return tsn_sat_round_doubling_high_mul((int32_t)((uint32_t)x << left_shift), multiplier);
}

/* The usual requantisation (positive multiplier, right shift 1..31) has a
 * shorter route to the same bits: with m > 0 the high multiply h cannot
 * saturate and |h| < 2^31 - 1; rounding h / 2^e half away from zero is
 * rounding u = h - (h < 0) half up, i.e. ((u >> (e - 1)) + 1) >> 1. */
static inline int tsn_requant_is_short(int32_t multiplier, int32_t shift)
{
    return multiplier > 0 && shift < 0 && shift >= -31;
}

/* tsn_requant_clamp for a channel with tsn_requant_is_short(m, shift), given
 * e1 = -shift - 1: no tests, so kernels that check their channels once can
 * use it per output. */
static inline int32_t tsn_requant_short(int32_t acc, int32_t multiplier, int32_t e1)
{
    const int64_t ab = (int64_t)acc * (int64_t)multiplier;
    const int32_t h = (int32_t)((ab + ((int64_t)1 << 30)) >> 31);
    const int32_t u = h + (h >> 31);
    return ((u >> e1) + 1) >> 1;
}

static inline int8_t tsn_requant_clamp_short(int32_t acc, int32_t multiplier, int32_t e1,
                                             int32_t out_offset, int32_t act_min, int32_t act_max)
{
    int32_t v = tsn_requant_short(acc, multiplier, e1) + out_offset;
    v = TSN_CLAMP(v, act_min, act_max);
    return (int8_t)v;
}

/* SMMULR: (a * b + 2^31) >> 32, the high word rounded. */
#if defined(__arm__) && defined(__ARM_FEATURE_DSP) && !defined(TSN_HOST_ACLE)
static inline int32_t tsn_smmulr(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("smmulr %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
#else
static inline int32_t tsn_smmulr(int32_t a, int32_t b)
{
    return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 31)) >> 32);
}
#endif

/* tsn_requant_short for |acc| < 2^30: the high multiply is one SMMULR of
 * 2 * acc, since (2a * m + 2^31) >> 32 = (a * m + 2^30) >> 31. */
static inline int32_t tsn_requant_short_small(int32_t acc, int32_t multiplier, int32_t e1)
{
    const int32_t h = tsn_smmulr((int32_t)((uint32_t)acc << 1), multiplier);
    const int32_t u = h + (h >> 31);
    return ((u >> e1) + 1) >> 1;
}

/* v clamped to int8: one SSAT on the DSP path instead of two compares. */
static inline int8_t tsn_sat_s8(int32_t v)
{
#if TSN_USE_DSP
    return (int8_t)__ssat(v, 8);
#else
    return (int8_t)TSN_CLAMP(v, -128, 127);
#endif
}

/* tsn_requant_short_small plus out_offset and the int8 clamp, with
 * round = 2^e1 + out_offset * 2^(e1 + 1), e2 = e1 + 1 (both per channel):
 * ((u >> e1) + 1) >> 1 is (u + 2^e1) >> (e1 + 1), and adding a multiple of
 * 2^e2 before the shift adds the offset after it. Exact while |acc| < 2^30
 * (so |u| < 2^30) and e1 <= 21 (so |round| < 2^30): no sum overflows. */
static inline int8_t tsn_requant_ssat_small(int32_t acc, int32_t multiplier, int32_t round, int32_t e2)
{
    const int32_t h = tsn_smmulr((int32_t)((uint32_t)acc << 1), multiplier);
    return tsn_sat_s8((h + (h >> 31) + round) >> e2);
}

/* All four accumulators in [-2^30, 2^30): tsn_requant_short_small applies. */
static inline int tsn_small4(int32_t a, int32_t b, int32_t c, int32_t d)
{
    const uint32_t half = 1u << 30;
    return (((uint32_t)a + half) | ((uint32_t)b + half) | ((uint32_t)c + half) | ((uint32_t)d + half)) <
           (1u << 31);
}

/* Epilogue shared by every MAC kernel: requantise, add offset, clamp. */
static inline int8_t tsn_requant_clamp(int32_t acc, int32_t multiplier, int32_t shift,
                                       int32_t out_offset, int32_t act_min, int32_t act_max)
{
    if (tsn_requant_is_short(multiplier, shift)) {
        return tsn_requant_clamp_short(acc, multiplier, -shift - 1, out_offset, act_min, act_max);
    }
    int32_t v = tsn_requantize(acc, multiplier, shift) + out_offset;
    v = TSN_CLAMP(v, act_min, act_max);
    return (int8_t)v;
}

/* ---- gemmlowp-style fixed point used by softmax / log-softmax ----------- */

/* Saturating x * 2^exponent for exponent >= 0 (gemmlowp's threshold test:
 * anything below -threshold saturates, so -2^(31-e) itself saturates too). */
static inline int32_t tsn_sat_shift_left(int32_t x, int32_t exponent)
{
    if (exponent == 0) {
        return x;
    }
    const int32_t threshold = (int32_t)((1u << (31 - exponent)) - 1u);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return (int32_t)((uint32_t)x << exponent);
}

/* (a + b) / 2 rounded away from zero, without overflow. */
static inline int32_t tsn_rounding_half_sum(int32_t a, int32_t b)
{
    const int64_t sum = (int64_t)a + (int64_t)b;
    const int64_t sign = sum >= 0 ? 1 : -1;
    return (int32_t)((sum + sign) / 2);
}

static inline int32_t tsn_clz32(uint32_t x)
{
#if defined(__GNUC__)
    return x == 0u ? 32 : __builtin_clz(x);
#else
    int32_t n = 0;
    if (x == 0u) {
        return 32;
    }
    while ((x & 0x80000000u) == 0u) {
        x <<= 1;
        n++;
    }
    return n;
#endif
}

/* exp(a) for a in [-1/4, 0); Q0.31 in and out. Taylor series around -1/8. */
static inline int32_t tsn_exp_on_interval_neg_quarter_to_0(int32_t a)
{
    const int32_t exp_minus_one_eighth = 1895147668;
    const int32_t one_third = 715827883;
    const int32_t x = a + (1 << 28);
    const int32_t x2 = tsn_sat_round_doubling_high_mul(x, x);
    const int32_t x3 = tsn_sat_round_doubling_high_mul(x2, x);
    const int32_t x4 = tsn_sat_round_doubling_high_mul(x2, x2);
    const int32_t x4_over_4 = tsn_rounding_divide_by_pot(x4, 2);
    const int32_t poly = tsn_rounding_divide_by_pot(
        tsn_sat_round_doubling_high_mul(x4_over_4 + x3, one_third) + x2, 1);
    return exp_minus_one_eighth + tsn_sat_round_doubling_high_mul(exp_minus_one_eighth, x + poly);
}

/* exp(a) for a <= 0 given in Q5.26; result Q0.31. The argument is split into
 * a part in [-1/4, 0) and multiples of 1/4 .. 16 applied by a barrel of
 * constant multiplications exp(-2^k). */
static inline int32_t tsn_exp_on_negative_values_q5(int32_t a)
{
    const int32_t frac_bits = 26;
    const int32_t one_quarter = 1 << (frac_bits - 2);
    const int32_t mask = one_quarter - 1;
    const int32_t a_mod_quarter_minus_quarter = (a & mask) - one_quarter;
    int32_t result = tsn_exp_on_interval_neg_quarter_to_0(tsn_sat_shift_left(a_mod_quarter_minus_quarter, 5));
    const int32_t remainder = a_mod_quarter_minus_quarter - a;
    /* exp(-1/4), exp(-1/2), exp(-1), exp(-2), exp(-4), exp(-8), exp(-16) in Q0.31 */
    static const int32_t k_barrel[7] = {1672461947, 1302514674, 790015084, 290630308,
                                        39332535, 720401, 242};
    for (int32_t i = 0; i < 7; i++) {
        if (remainder & (1 << (frac_bits - 2 + i))) {
            result = tsn_sat_round_doubling_high_mul(result, k_barrel[i]);
        }
    }
    return a == 0 ? INT32_MAX : result;
}

/* 1 / (1 + x) for x in [0, 1); Q0.31 in and out. Three Newton-Raphson steps
 * in Q2.29 starting from 48/17 - 32/17 * d. */
static inline int32_t tsn_one_over_one_plus_x(int32_t a)
{
    const int32_t half_denominator = tsn_rounding_half_sum(a, INT32_MAX);
    const int32_t c_48_over_17 = 1515870810;
    const int32_t c_neg_32_over_17 = -1010580540;
    const int32_t one_q2 = 1 << 29;
    int32_t x = c_48_over_17 + tsn_sat_round_doubling_high_mul(half_denominator, c_neg_32_over_17);
    for (int32_t i = 0; i < 3; i++) {
        const int32_t hd_x = tsn_sat_round_doubling_high_mul(half_denominator, x);
        const int32_t one_minus = one_q2 - hd_x;
        x = x + tsn_sat_shift_left(tsn_sat_round_doubling_high_mul(x, one_minus), 2);
    }
    /* Q2.29 -> value/2 in Q1.30 -> Q0.31 */
    return tsn_sat_shift_left(x, 1);
}

/* ---- memory / SIMD helpers --------------------------------------------- */

/* Four int8 as one word. memcpy compiles to a single LDR on Cortex-M7
 * (unaligned word loads are allowed) and is alias-safe everywhere. */
static inline int32_t tsn_read_s8x4(const int8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline void tsn_write_s8x4(int8_t *p, int32_t v)
{
    memcpy(p, &v, 4);
}

#if TSN_USE_DSP
/* GCC 12's <arm_acle.h> has no __ror; clang's and the host test shim do. */
#if defined(__clang__) || defined(TSN_HOST_ACLE)
#define TSN_ROR(x, n) __ror((uint32_t)(x), (n))
#else
static inline uint32_t tsn_ror(uint32_t x, uint32_t n)
{
    return (x >> n) | (x << ((32u - n) & 31u));
}
#define TSN_ROR(x, n) tsn_ror((uint32_t)(x), (n))
#endif

/* SXTB16 / SXTAB16 of w rotated right by 8 (bytes 1 and 3). GCC 12 does not
 * fold a C rotate into the instructions' ROR operand and spends a separate
 * MOV on it, so on the core the rotation is spelled out. */
#if defined(__arm__) && !defined(TSN_HOST_ACLE)
static inline int32_t tsn_sxtb16_ror8(int32_t w)
{
    int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(w));
    return r;
}

static inline int32_t tsn_sxtab16_ror8(int32_t a, int32_t w)
{
    int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(w));
    return r;
}
#else
static inline int32_t tsn_sxtb16_ror8(int32_t w)
{
    return __sxtb16((int32_t)TSN_ROR(w, 8));
}

static inline int32_t tsn_sxtab16_ror8(int32_t a, int32_t w)
{
    return __sxtab16(a, (int32_t)TSN_ROR(w, 8));
}
#endif

/* Widen bytes {0,2} and {1,3} of w to two int16x2 words, adding off2 (the
 * offset duplicated in both halfwords). Both operands of an SMLAD must be
 * widened the same way so lanes pair up: lo*lo + hi*hi = 4-term dot product. */
#define TSN_WIDEN_OFF(w, off2, lo, hi)           \
    do {                                         \
        (lo) = __sxtab16((off2), (w));           \
        (hi) = tsn_sxtab16_ror8((off2), (w));    \
    } while (0)

#define TSN_WIDEN(w, lo, hi)              \
    do {                                  \
        (lo) = __sxtb16((w));             \
        (hi) = tsn_sxtb16_ror8((w));      \
    } while (0)

/* Duplicate a 16-bit value into both halfwords. */
static inline int32_t tsn_dup16(int32_t v)
{
    return (int32_t)(((uint32_t)v & 0xFFFFu) | ((uint32_t)v << 16));
}
#endif /* TSN_USE_DSP */

/* ---- shared inner kernels (Support/) ------------------------------------ */

/* Output channels of one or two pixels: dot products of the im2col columns
 * col and col + col_stride (k int8 each; cols = 1 or 2) with each filter row,
 * bias, requantisation and clamp. Writes cols rows of out_ch int8 to out. */
void tsn_nn_mat_mult_s8(const int8_t *col, int32_t col_stride, int32_t cols, const int8_t *filter,
                        const int32_t *bias, int32_t k, int32_t out_ch,
                        int32_t input_offset, int32_t output_offset,
                        const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                        int8_t *out);

/* 1x1 convolution of `pixels` contiguous input pixels (k int8 each): every
 * output channel of every pixel, out[p * out_ch + oc]. */
void tsn_nn_pointwise_s8(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *bias,
                         int32_t k, int32_t out_ch, int32_t input_offset, int32_t output_offset,
                         const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                         int8_t *out);

/* tsn_nn_pointwise_s8 with per-channel start values given:
 * start[oc] = bias[oc] + input_offset * (sum of filter row oc), e.g. worked
 * out at compile time, so no row sums run and no input offset is added. */
void tsn_nn_pointwise_start_s8(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *start,
                               int32_t k, int32_t out_ch, int32_t output_offset,
                               const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                               int8_t *out);

/* tsn_nn_pointwise_start_s8 through int16 copies in scratch: each chunk of
 * pixel triples widened once, each channel pair's filter rows widened once
 * per chunk, so the inner loop is SMLADs and loads only (3 pixels x 2
 * channels, 24 MACs per 12 cycles). Applies when k is a multiple of 8,
 * out_ch even and pixels >= 3 (else 0 bytes); the last pixels % 3 take
 * tsn_nn_pointwise_start_s8. tsn_pointwise_wide_triples: triples per chunk,
 * chunks as even as TSN_WIDE_CHUNK_BYTES allows; given fewer scratch_bytes
 * than tsn_pointwise_wide_bytes (at least one triple's), the chunks are
 * smaller. */
#define TSN_WIDE_CHUNK_BYTES 12288
static inline int32_t tsn_pointwise_wide_triples(int32_t pixels, int32_t k)
{
    const int32_t triples = pixels / 3;
    const int32_t most = TSN_MAX(1, TSN_WIDE_CHUNK_BYTES / (6 * k));
    const int32_t chunks = (triples + most - 1) / most;
    return (triples + chunks - 1) / chunks;
}
/* Triples per chunk within `bytes` of scratch (at most tsn_pointwise_wide_triples), or 0 when not
 * even one fits. */
static inline int32_t tsn_pointwise_wide_triples_within(int32_t pixels, int32_t k, int32_t bytes)
{
    const int32_t most = TSN_MIN(tsn_pointwise_wide_triples(pixels, k), (bytes - 4 * k - 8) / (6 * k));
    if (most < 1) {
        return 0;
    }
    const int32_t triples = pixels / 3;
    const int32_t chunks = (triples + most - 1) / most;
    return (triples + chunks - 1) / chunks;
}
/* chunk, the pair's widened rows, and 8 bytes the pipelined loads read past them */
static inline int32_t tsn_pointwise_wide_bytes(int32_t pixels, int32_t k, int32_t out_ch)
{
    if (pixels < 3 || k < 8 || (k & 7) != 0 || out_ch < 2 || (out_ch & 1) != 0) {
        return 0;
    }
    return tsn_pointwise_wide_triples(pixels, k) * 6 * k + 4 * k + 8;
}
void tsn_nn_pointwise_wide_start_s8(const int8_t *in, int32_t pixels, const int8_t *filter, const int32_t *start,
                                    int32_t k, int32_t out_ch, int32_t output_offset,
                                    const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                                    void *scratch, int32_t scratch_bytes, int8_t *out);

/* The GEMM with the input offset folded into per-channel start values (DSP
 * body only). tsn_nn_row_starts_s8: start[j] = bias + input_offset * (sum of
 * filter row oc0 + j), j < n. tsn_nn_mat_mult_2cols_s8: channels
 * [oc0, oc0 + n) of the two columns col, col + k, written to out[oc] and
 * out[out_ch + oc]. */
void tsn_nn_row_starts_s8(const int8_t *filter, int32_t k, const int32_t *bias, int32_t oc0, int32_t n,
                          int32_t input_offset, int32_t *start);
void tsn_nn_mat_mult_2cols_s8(const int8_t *col, const int8_t *filter, const int32_t *start, int32_t k,
                              int32_t oc0, int32_t n, int32_t out_ch, int32_t output_offset,
                              const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                              int8_t *out);

/* Out-of-line copies of the requantisation helpers (for generated code and
 * for testing against other implementations). */
int32_t tsn_saturating_rounding_doubling_high_mul(int32_t a, int32_t b);
int32_t tsn_rounding_divide_by_power_of_two(int32_t x, int32_t exponent);
int32_t tsn_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int32_t shift);

/* log(x) for x >= 1; x in Q12.19, result in Q5.26 (log-softmax). */
int32_t tsn_log_x_ge1_q12_q5(int32_t x);

/* ---- im2col ------------------------------------------------------------- */

/* n bytes from src to dst, inline: im2col copies runs of kw * C bytes
 * (9 for a 3x3 window on 3 channels), for which a call to memcpy and its
 * size dispatch cost several times the copy. Word steps use unaligned
 * accesses (allowed on the M7, a few cycles extra each on silicon). */
static inline void tsn_copy_s8(int8_t *dst, const int8_t *src, int32_t n)
{
    int32_t i = 0;
    for (; i + 4 <= n; i += 4) {
        tsn_write_s8x4(dst + i, tsn_read_s8x4(src + i));
    }
    for (; i < n; i++) {
        dst[i] = src[i];
    }
}

/* The receptive field of output pixel (oy, ox) as one int8 column of
 * KH*KW*C values; taps outside the input hold pad_val (the input zero point,
 * so that value + input_offset is 0 there, as if skipped). */
static inline void tsn_im2col_s8(const int8_t *in, const tsn_dims *input_dims, const tsn_dims *filter_dims,
                                 const tsn_conv_params *p, int32_t oy, int32_t ox, int8_t pad_val,
                                 int8_t *col)
{
    const int32_t c = input_dims->c;
    const int32_t y0 = oy * p->stride.h - p->padding.h;
    const int32_t x0 = ox * p->stride.w - p->padding.w;
    const int32_t kw = filter_dims->w;
    /* the whole filter row inside the input and undilated: one contiguous copy */
    const int32_t row_inside = p->dilation.w == 1 && x0 >= 0 && x0 + kw <= input_dims->w;
    for (int32_t ky = 0; ky < filter_dims->h; ky++) {
        const int32_t iy = y0 + ky * p->dilation.h;
        if (row_inside && iy >= 0 && iy < input_dims->h) {
            tsn_copy_s8(col, in + (iy * input_dims->w + x0) * c, kw * c);
            col += kw * c;
            continue;
        }
        for (int32_t kx = 0; kx < kw; kx++) {
            const int32_t ix = x0 + kx * p->dilation.w;
            if (iy < 0 || iy >= input_dims->h || ix < 0 || ix >= input_dims->w) {
                memset(col, pad_val, (size_t)c);
            } else {
                tsn_copy_s8(col, in + (iy * input_dims->w + ix) * c, c);
            }
            col += c;
        }
    }
}

/* ---- strided 1x1 ----------------------------------------------------------- */

/* The shapes a 1x1 convolution without padding accepts (both 1x1 kernels
 * check the same): a 1x1 filter over all input channels, one output channel
 * per filter, and the output size the stride gives. */
static inline int tsn_1x1_shapes_ok(const tsn_conv_params *p, const tsn_dims *input_dims,
                                    const tsn_dims *filter_dims, const tsn_dims *output_dims)
{
    return filter_dims->h == 1 && filter_dims->w == 1 && p->padding.h == 0 && p->padding.w == 0 &&
           input_dims->c == filter_dims->c && output_dims->c == filter_dims->n && p->stride.h >= 1 &&
           p->stride.w >= 1 && output_dims->h == (input_dims->h + p->stride.h - 1) / p->stride.h &&
           output_dims->w == (input_dims->w + p->stride.w - 1) / p->stride.w;
}

/* Scratch of a 1x1 convolution without padding: with a stride, the input
 * pixels it reads (out_h * out_w * C int8, rounded up to 4), gathered
 * contiguous; none at stride 1. */
static inline int32_t tsn_1x1_scratch_bytes(const tsn_conv_params *p, const tsn_dims *input_dims)
{
    if (p->stride.h == 1 && p->stride.w == 1) {
        return 0;
    }
    const int32_t out_h = (input_dims->h + p->stride.h - 1) / p->stride.h;
    const int32_t out_w = (input_dims->w + p->stride.w - 1) / p->stride.w;
    return (out_h * out_w * input_dims->c + 3) & ~3;
}

/* The input pixels a strided 1x1 convolution reads, copied contiguous to
 * dst (out_h * out_w pixels of C int8): the layer then runs as a stride-1
 * pointwise one, whose 2x2 blocks read the second pixel C bytes after the
 * first and whose channel-pair loop reads the weights once for all pixels
 * (gathering row by row re-reads them per row: 0.56 against 0.61 MAC/cycle
 * on a 16x16x32 -> 8x8x64 layer). */
static inline void tsn_1x1_gather_strided(const int8_t *in, const tsn_dims *input_dims, const tsn_conv_params *p,
                                          int32_t out_h, int32_t out_w, int8_t *dst)
{
    const int32_t k = input_dims->c;
    for (int32_t oy = 0; oy < out_h; oy++) {
        const int8_t *src = in + oy * p->stride.h * input_dims->w * k;
        for (int32_t ox = 0; ox < out_w; ox++) {
            memcpy(dst, src + ox * p->stride.w * k, (size_t)k);
            dst += k;
        }
    }
}

/* ---- pooling windows ------------------------------------------------------ */

/* Arguments every pooling kernel needs; false means TSN_ARG_ERROR. */
static inline int tsn_pool_args_valid(const tsn_pool_params *pool_params, const tsn_dims *input_dims,
                                      const int8_t *input_data, const tsn_dims *filter_dims,
                                      const tsn_dims *output_dims, const int8_t *output_data)
{
    return pool_params && input_dims && input_data && filter_dims && output_dims && output_data &&
           pool_params->stride.h >= 1 && pool_params->stride.w >= 1 && input_dims->c == output_dims->c;
}

/* One axis of a pooling window: it starts at input coordinate `origin`; taps
 * [k0, k1) of the filter fall inside the input (padding is not counted). */
typedef struct {
    int32_t origin;
    int32_t k0;
    int32_t k1;
} tsn_window_axis;

static inline tsn_window_axis tsn_pool_axis(int32_t out_index, int32_t stride, int32_t pad,
                                            int32_t filter_size, int32_t input_size)
{
    tsn_window_axis a;
    a.origin = out_index * stride - pad;
    a.k0 = TSN_MAX(0, -a.origin);
    a.k1 = TSN_MIN(filter_size, input_size - a.origin);
    return a;
}

#ifdef __cplusplus
}
#endif

#endif /* TSN_NNSUPPORTFUNCTIONS_H */
