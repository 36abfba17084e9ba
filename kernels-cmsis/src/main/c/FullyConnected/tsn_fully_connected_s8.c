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

#if TSN_USE_DSP && defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
/* Four units (rows w, w + k, w2, w2 + k; w2 = w + 2k) by one input, four k
 * of them per step, symmetric weights (no filter offset), the input offset
 * added while widening. Scheduled for the M7's pairing rules ([J] in
 * emulator/CYCLE_MODEL.md; SXTB16 older slot only, multiplies never pair):
 * 13 cycles per 16 MACs. X holds the step's input word; the next step's is
 * loaded into L, so two steps swap X and L. */
#define TSN_FC_STEP(X, L, H) \
    "sxtab16 %[" #L "], %[off2], %[" #X "]\n\t" \
    "ldr     %[t1], [%[w], %[k]]\n\t" \
    "sxtab16 %[" #H "], %[off2], %[" #X "], ror #8\n\t" \
    "ldr     %[t2], [%[w]], #4\n\t" \
    "sxtb16  %[" #X "], %[t1]\n\t" \
    "sxtb16  %[t1], %[t1], ror #8\n\t" \
    "smlad   %[a1], %[" #L "], %[" #X "], %[a1]\n\t" \
    "sxtb16  %[" #X "], %[t2]\n\t" \
    "smlad   %[a1], %[" #H "], %[t1], %[a1]\n\t" \
    "sxtb16  %[t2], %[t2], ror #8\n\t" \
    "smlad   %[a0], %[" #L "], %[" #X "], %[a0]\n\t" \
    "ldr     %[t1], [%[w2], %[k]]\n\t" \
    "smlad   %[a0], %[" #H "], %[t2], %[a0]\n\t" \
    "ldr     %[" #X "], [%[w2]], #4\n\t" \
    "sxtb16  %[t2], %[t1]\n\t" \
    "sxtb16  %[t1], %[t1], ror #8\n\t" \
    "smlad   %[a3], %[" #L "], %[t2], %[a3]\n\t" \
    "sxtb16  %[t2], %[" #X "]\n\t" \
    "smlad   %[a3], %[" #H "], %[t1], %[a3]\n\t" \
    "sxtb16  %[" #X "], %[" #X "], ror #8\n\t" \
    "smlad   %[a2], %[" #L "], %[t2], %[a2]\n\t" \
    "smlad   %[a2], %[" #H "], %[" #X "], %[a2]\n\t" \
    "ldr     %[" #L "], [%[x]], #4\n\t"

/* Eight k per pass of a loop inside the assembly, depth / 8 passes: x runs
 * one word ahead, so the loop ends when it reaches end = input + 4 + the
 * passes' bytes (the end comes from memory: all registers are taken). The
 * last pass loads the four input bytes after its k (never used). */
static inline __attribute__((always_inline)) void fc4_steps(int32_t acc[4], const int8_t *x, const int8_t *w,
                                                            int32_t k, int32_t off2, const int8_t *end)
{
    const int8_t *w2 = w + 2 * k;
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t xr, lr, hr, t1, t2;
    __asm__("ldr     %[xr], [%[x]], #4\n\t"
            "1:\n\t"
            TSN_FC_STEP(xr, lr, hr)
            TSN_FC_STEP(lr, xr, hr)
            "ldr     %[t1], %[end]\n\t"
            "cmp     %[x], %[t1]\n\t"
            "bne     1b\n\t"
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x] "+r"(x), [w] "+r"(w),
              [w2] "+r"(w2), [xr] "=&r"(xr), [lr] "=&r"(lr), [hr] "=&r"(hr), [t1] "=&r"(t1),
              [t2] "=&r"(t2)
            : [k] "r"(k), [off2] "r"(off2), [end] "m"(end)
            : "cc", "memory");
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}
#endif

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
#if defined(__arm__) && !defined(TSN_HOST_ACLE) && defined(__OPTIMIZE__)
        /* (below 32 k the loop's set-up and exit outweigh its gain) */
        if (w_off == 0 && depth >= 32) {
            for (; u + 3 < units; u += 4) {
                int32_t acc[4] = {0, 0, 0, 0};
                fc4_steps(acc, x, filter_data + u * depth, depth, in_off2, x + 4 + (depth & ~7));
                const int32_t done = depth & ~7;
                for (int32_t j = 0; j < 4; j++) {
                    const int8_t *wj = filter_data + (u + j) * depth;
                    for (int32_t d = done; d < depth; d++) {
                        acc[j] += wj[d] * (x[d] + in_off);
                    }
                    if (bias_data) {
                        acc[j] += bias_data[u + j];
                    }
                }
                int32_t r[4];
                for (int32_t j = 0; j < 4; j++) {
                    const int32_t qj = pc ? u + j : 0;
                    r[j] = tsn_requant_clamp(acc[j], qm[qj], qs[qj], out_off, act_min, act_max);
                }
                for (int32_t j = 0; j < 4; j++) {
                    out[u + j] = (int8_t)r[j];
                }
            }
        }
#endif
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
