/*
 * GEMM core shared by tsn_convolve_s8 and tsn_convolve_1x1_s8.
 *
 * out[p][oc] = requant(bias[oc] + sum_i filter[oc][i] * (col_p[i] + input_offset))
 * for p in {a, b}. Columns are int8 so the scratch stays small; the input
 * offset is added while widening.
 */
#include "tsn_nnsupportfunctions.h"

/* The quantisation parameters are copied into locals by the callers: int8
 * stores may alias anything, so reading them through `quant` would reload the
 * struct after every output byte. */
typedef struct {
    const int32_t *multiplier;
    const int32_t *shift;
    int32_t per_channel;
} quant_local;

static inline void store_channel(int32_t acc, int32_t oc, quant_local q,
                                 int32_t output_offset, int32_t act_min, int32_t act_max,
                                 int8_t *out)
{
    const int32_t qi = q.per_channel ? oc : 0;
    out[oc] = tsn_requant_clamp(acc, q.multiplier[qi], q.shift[qi], output_offset, act_min, act_max);
}

#if TSN_USE_DSP
/* Two output channels x (one or two) pixels per pass: each word of input is
 * widened once and used for two channels, each filter word for two pixels. */
void tsn_nn_mat_mult_s8(const int8_t *col_a, const int8_t *col_b, const int8_t *filter,
                        const int32_t *bias, int32_t k, int32_t out_ch,
                        int32_t input_offset, int32_t output_offset,
                        const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                        int8_t *out_a, int8_t *out_b)
{
    const quant_local q = {quant->multiplier, quant->shift, quant->per_channel};
    const int32_t off2 = tsn_dup16(input_offset);
    int32_t oc = 0;
    for (; oc + 1 < out_ch; oc += 2) {
        const int8_t *w0 = filter + oc * k;
        const int8_t *w1 = w0 + k;
        int32_t acc0a = bias ? bias[oc] : 0;
        int32_t acc1a = bias ? bias[oc + 1] : 0;
        int32_t acc0b = acc0a;
        int32_t acc1b = acc1a;
        int32_t i = 0;
        if (col_b) {
            for (; i + 4 <= k; i += 4) {
                int32_t xa_lo, xa_hi, xb_lo, xb_hi, w0_lo, w0_hi, w1_lo, w1_hi;
                TSN_WIDEN_OFF(tsn_read_s8x4(col_a + i), off2, xa_lo, xa_hi);
                TSN_WIDEN_OFF(tsn_read_s8x4(col_b + i), off2, xb_lo, xb_hi);
                TSN_WIDEN(tsn_read_s8x4(w0 + i), w0_lo, w0_hi);
                TSN_WIDEN(tsn_read_s8x4(w1 + i), w1_lo, w1_hi);
                acc0a = __smlad(xa_lo, w0_lo, acc0a);
                acc0a = __smlad(xa_hi, w0_hi, acc0a);
                acc1a = __smlad(xa_lo, w1_lo, acc1a);
                acc1a = __smlad(xa_hi, w1_hi, acc1a);
                acc0b = __smlad(xb_lo, w0_lo, acc0b);
                acc0b = __smlad(xb_hi, w0_hi, acc0b);
                acc1b = __smlad(xb_lo, w1_lo, acc1b);
                acc1b = __smlad(xb_hi, w1_hi, acc1b);
            }
            for (; i < k; i++) {
                const int32_t xa = col_a[i] + input_offset;
                const int32_t xb = col_b[i] + input_offset;
                acc0a += w0[i] * xa;
                acc1a += w1[i] * xa;
                acc0b += w0[i] * xb;
                acc1b += w1[i] * xb;
            }
            store_channel(acc0b, oc, q, output_offset, act_min, act_max, out_b);
            store_channel(acc1b, oc + 1, q, output_offset, act_min, act_max, out_b);
        } else {
            for (; i + 4 <= k; i += 4) {
                int32_t xa_lo, xa_hi, w0_lo, w0_hi, w1_lo, w1_hi;
                TSN_WIDEN_OFF(tsn_read_s8x4(col_a + i), off2, xa_lo, xa_hi);
                TSN_WIDEN(tsn_read_s8x4(w0 + i), w0_lo, w0_hi);
                TSN_WIDEN(tsn_read_s8x4(w1 + i), w1_lo, w1_hi);
                acc0a = __smlad(xa_lo, w0_lo, acc0a);
                acc0a = __smlad(xa_hi, w0_hi, acc0a);
                acc1a = __smlad(xa_lo, w1_lo, acc1a);
                acc1a = __smlad(xa_hi, w1_hi, acc1a);
            }
            for (; i < k; i++) {
                const int32_t xa = col_a[i] + input_offset;
                acc0a += w0[i] * xa;
                acc1a += w1[i] * xa;
            }
        }
        store_channel(acc0a, oc, q, output_offset, act_min, act_max, out_a);
        store_channel(acc1a, oc + 1, q, output_offset, act_min, act_max, out_a);
    }
    if (oc < out_ch) {
        /* Odd channel count: last filter row alone, both pixels. */
        const int8_t *w0 = filter + oc * k;
        int32_t acca = bias ? bias[oc] : 0;
        int32_t accb = acca;
        int32_t i = 0;
        for (; i + 4 <= k; i += 4) {
            int32_t xa_lo, xa_hi, w0_lo, w0_hi;
            TSN_WIDEN_OFF(tsn_read_s8x4(col_a + i), off2, xa_lo, xa_hi);
            TSN_WIDEN(tsn_read_s8x4(w0 + i), w0_lo, w0_hi);
            acca = __smlad(xa_lo, w0_lo, acca);
            acca = __smlad(xa_hi, w0_hi, acca);
            if (col_b) {
                int32_t xb_lo, xb_hi;
                TSN_WIDEN_OFF(tsn_read_s8x4(col_b + i), off2, xb_lo, xb_hi);
                accb = __smlad(xb_lo, w0_lo, accb);
                accb = __smlad(xb_hi, w0_hi, accb);
            }
        }
        for (; i < k; i++) {
            acca += w0[i] * (col_a[i] + input_offset);
            if (col_b) {
                accb += w0[i] * (col_b[i] + input_offset);
            }
        }
        store_channel(acca, oc, q, output_offset, act_min, act_max, out_a);
        if (col_b) {
            store_channel(accb, oc, q, output_offset, act_min, act_max, out_b);
        }
    }
}

#else /* portable body */

void tsn_nn_mat_mult_s8(const int8_t *col_a, const int8_t *col_b, const int8_t *filter,
                        const int32_t *bias, int32_t k, int32_t out_ch,
                        int32_t input_offset, int32_t output_offset,
                        const tsn_quant_params *quant, int32_t act_min, int32_t act_max,
                        int8_t *out_a, int8_t *out_b)
{
    const quant_local q = {quant->multiplier, quant->shift, quant->per_channel};
    for (int32_t oc = 0; oc < out_ch; oc++) {
        const int8_t *w = filter + oc * k;
        int32_t acca = 0;
        int32_t accb = 0;
        for (int32_t i = 0; i < k; i++) {
            acca += w[i] * (col_a[i] + input_offset);
        }
        if (col_b) {
            for (int32_t i = 0; i < k; i++) {
                accb += w[i] * (col_b[i] + input_offset);
            }
        }
        if (bias) {
            acca += bias[oc];
            accb += bias[oc];
        }
        store_channel(acca, oc, q, output_offset, act_min, act_max, out_a);
        if (col_b) {
            store_channel(accb, oc, q, output_offset, act_min, act_max, out_b);
        }
    }
}

#endif
