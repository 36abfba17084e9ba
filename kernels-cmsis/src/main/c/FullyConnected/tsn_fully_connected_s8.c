/*
 * int8 fully connected (TFLite FullyConnected, per-tensor or per-channel):
 * out[b][u] = requant(bias[u] + sum_d (w[u][d] + filter_offset) * (x[b][d] + input_offset)).
 *
 * Shapes: input_dims n = batches, h*w*c = accumulation depth; filter_dims
 * n = output units, h*w*c = depth (row-major [units][depth]); output_dims
 * n = batches, c = units.
 *
 * The DSP body computes two units per pass: each input word is widened (with
 * its offset) once and fed to two rows, two MACs per SMLAD.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

int32_t tsn_fully_connected_s8_get_buffer_size(const tsn_dims *filter_dims)
{
    (void)filter_dims;
    return 0;
}

tsn_status tsn_fully_connected_s8(const tsn_context *ctx, const tsn_fc_params *fc_params,
                                  const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                  const int8_t *input_data, const tsn_dims *filter_dims,
                                  const int8_t *filter_data, const int32_t *bias_data,
                                  const tsn_dims *output_dims, int8_t *output_data)
{
    (void)ctx;
    if (!fc_params || !quant_params || !input_dims || !input_data || !filter_dims ||
        !filter_data || !output_dims || !output_data) {
        return TSN_ARG_ERROR;
    }
    const int32_t depth = input_dims->h * input_dims->w * input_dims->c;
    const int32_t units = output_dims->c;
    if (filter_dims->h * filter_dims->w * filter_dims->c != depth || filter_dims->n != units) {
        return TSN_ARG_ERROR;
    }
    const int32_t in_off = fc_params->input_offset;
    const int32_t w_off = fc_params->filter_offset;
    const int32_t out_off = fc_params->output_offset;
    const int32_t act_min = fc_params->activation.min;
    const int32_t act_max = fc_params->activation.max;
    /* locals: int8 stores may alias the struct and would force reloads */
    const int32_t pc = quant_params->per_channel;
    const int32_t *qm = quant_params->multiplier;
    const int32_t *qs = quant_params->shift;

    for (int32_t b = 0; b < input_dims->n; b++) {
        const int8_t *x = input_data + b * depth;
        int8_t *out = output_data + b * units;
        int32_t u = 0;
#if TSN_USE_DSP
        const int32_t in_off2 = tsn_dup16(in_off);
        const int32_t w_off2 = tsn_dup16(w_off);
        for (; u + 1 < units; u += 2) {
            const int8_t *w0 = filter_data + u * depth;
            const int8_t *w1 = w0 + depth;
            int32_t acc0 = 0, acc1 = 0;
            int32_t d = 0;
            for (; d + 4 <= depth; d += 4) {
                int32_t x_lo, x_hi, a_lo, a_hi, b_lo, b_hi;
                TSN_WIDEN_OFF(tsn_read_s8x4(x + d), in_off2, x_lo, x_hi);
                TSN_WIDEN_OFF(tsn_read_s8x4(w0 + d), w_off2, a_lo, a_hi);
                TSN_WIDEN_OFF(tsn_read_s8x4(w1 + d), w_off2, b_lo, b_hi);
                acc0 = __smlad(x_lo, a_lo, acc0);
                acc0 = __smlad(x_hi, a_hi, acc0);
                acc1 = __smlad(x_lo, b_lo, acc1);
                acc1 = __smlad(x_hi, b_hi, acc1);
            }
            for (; d < depth; d++) {
                const int32_t xv = x[d] + in_off;
                acc0 += (w0[d] + w_off) * xv;
                acc1 += (w1[d] + w_off) * xv;
            }
            if (bias_data) {
                acc0 += bias_data[u];
                acc1 += bias_data[u + 1];
            }
            const int32_t q0 = pc ? u : 0;
            const int32_t q1 = pc ? u + 1 : 0;
            out[u] = tsn_requant_clamp(acc0, qm[q0], qs[q0],
                                       out_off, act_min, act_max);
            out[u + 1] = tsn_requant_clamp(acc1, qm[q1],
                                           qs[q1], out_off, act_min, act_max);
        }
#endif
        /* Portable body; on the DSP path it finishes an odd last unit. */
        for (; u < units; u++) {
            const int8_t *w = filter_data + u * depth;
            int32_t acc = 0;
            for (int32_t d = 0; d < depth; d++) {
                acc += (w[d] + w_off) * (x[d] + in_off);
            }
            if (bias_data) {
                acc += bias_data[u];
            }
            const int32_t qi = pc ? u : 0;
            out[u] = tsn_requant_clamp(acc, qm[qi], qs[qi],
                                       out_off, act_min, act_max);
        }
    }
    return TSN_SUCCESS;
}
