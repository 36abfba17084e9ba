/*
 * int8 elementwise ADD (TFLite int8 Add, equal shapes):
 *   a = (x1 + input1_offset) << left_shift, rescaled by input1 multiplier/shift
 *   b = (x2 + input2_offset) << left_shift, rescaled by input2 multiplier/shift
 *   out = clamp(requant(a + b, output multiplier/shift) + output_offset)
 * TFLite's converter always produces shifts <= 0 here, for which its
 * SmallerThanOneExp rescale equals tsn_requantize.
 *
 * Single body on both paths. An input's rescale depends on its int8 value
 * alone, so with scratch (tsn_add_s8_get_buffer_size) both are looked up in
 * 256-entry tables built per call, and each element costs one requantisation
 * (the output's); without, three, each one SMMULR and a few shifts with the
 * usual parameters.
 */
#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

/* Below this many elements building the tables costs more than they save. */
#define TSN_ADD_TABLE_MIN_SIZE 512
#define TSN_ADD_TABLE_BYTES (2 * 256 * (int32_t)sizeof(int32_t))

int32_t tsn_add_s8_get_buffer_size(int32_t size)
{
    return size >= TSN_ADD_TABLE_MIN_SIZE ? TSN_ADD_TABLE_BYTES : 0;
}

/* An input rescale on the short route: tsn_requant_is_short, or shift 0 (the
 * converter's usual 0.5 for one of the inputs), which is the high multiply
 * alone. */
static inline int rescale_is_short(int32_t multiplier, int32_t shift)
{
    return multiplier > 0 && shift <= 0 && shift >= -31;
}

/* e1 = -shift - 1; -1 for shift 0. |x| < 2^30. */
static inline int32_t rescale_short(int32_t x, int32_t multiplier, int32_t e1)
{
    if (e1 < 0) {
        return tsn_smmulr((int32_t)((uint32_t)x << 1), multiplier);
    }
    return tsn_requant_short_small(x, multiplier, e1);
}

/* The short route with the rounding folded (as tsn_requant_ssat_small): an
 * input's rescale of x = 2 * (value << left_shift) is h = SMMULR(x, m), then
 * (h + (h >> 31) + 2^e1) >> (e1 + 1), or h alone for shift 0 (shift0 a
 * constant in each copy of the loop below); the output's is the same with the
 * output offset folded into its round, then the int8 clamp. */
typedef struct {
    int32_t off1, off2, ls1, m1, m2, round1, round2, e21, e22, mo, round_o, e2o;
} add_folded;

static inline __attribute__((always_inline)) int32_t rescale_folded(int32_t x, int32_t m, int32_t round,
                                                                    int32_t e2, int32_t shift0)
{
    const int32_t h = tsn_smmulr(x, m);
    return shift0 ? h : (h + (h >> 31) + round) >> e2;
}

static inline __attribute__((always_inline)) void add_folded_loop(const add_folded *f, const int8_t *x1,
                                                                  const int8_t *x2, int8_t *out, int32_t size,
                                                                  int32_t shift0_1, int32_t shift0_2)
{
    const add_folded q = *f;
    /* four elements per pass: their dependency chains (two multiplies deep)
     * interleave, one element alone leaves the pipeline waiting */
#pragma GCC unroll 4
    for (int32_t i = 0; i < size; i++) {
        const int32_t a = rescale_folded((int32_t)((uint32_t)(x1[i] + q.off1) << q.ls1), q.m1, q.round1, q.e21, shift0_1);
        const int32_t b = rescale_folded((int32_t)((uint32_t)(x2[i] + q.off2) << q.ls1), q.m2, q.round2, q.e22, shift0_2);
        const int32_t h = tsn_smmulr((a + b) * 2, q.mo);
        const int32_t r = (h + (h >> 31) + q.round_o) >> q.e2o;
        out[i] = tsn_sat_s8(r);
    }
}

/* The rescaled input of every int8 value, times `scale` (1, or 2 where the
 * output's SMMULR wants its operand doubled); entry v + 128 for value v. */
static void rescale_table(int32_t *table, int32_t offset, int32_t left_shift, int32_t multiplier,
                          int32_t shift, int32_t scale)
{
    for (int32_t v = -128; v < 128; v++) {
        const int32_t x = (int32_t)((uint32_t)(v + offset) << left_shift);
        table[v + 128] = tsn_requantize(x, multiplier, shift) * scale;
    }
}

/* Output requantisation on the folded short route (see add_folded): t1, t2
 * hold twice the rescaled inputs. narrow: a fused activation's clamp. */
static inline __attribute__((always_inline)) int8_t add_tables_out(int32_t sum2, int32_t mo, int32_t round_o,
                                                                   int32_t e2o, int32_t act_min,
                                                                   int32_t act_max, int32_t narrow)
{
    const int32_t h = tsn_smmulr(sum2, mo);
    const int32_t r = (h + (h >> 31) + round_o) >> e2o;
    return narrow ? (int8_t)TSN_CLAMP(r, act_min, act_max) : tsn_sat_s8(r);
}

static inline __attribute__((always_inline)) void add_tables_loop(const int32_t *t1, const int32_t *t2,
                                                                  const int8_t *x1, const int8_t *x2,
                                                                  int8_t *out, int32_t size, int32_t mo,
                                                                  int32_t round_o, int32_t e2o,
                                                                  int32_t act_min, int32_t act_max,
                                                                  int32_t narrow)
{
    int32_t i = 0;
    /* four elements spelled out as independent chains: a byte load, a
     * table load on its result, a multiply and three shifts are one long
     * chain per element, which alone leaves the pipeline waiting */
    for (; i + 4 <= size; i += 4) {
        const int32_t s0 = t1[x1[i]] + t2[x2[i]];
        const int32_t s1 = t1[x1[i + 1]] + t2[x2[i + 1]];
        const int32_t s2 = t1[x1[i + 2]] + t2[x2[i + 2]];
        const int32_t s3 = t1[x1[i + 3]] + t2[x2[i + 3]];
        out[i] = add_tables_out(s0, mo, round_o, e2o, act_min, act_max, narrow);
        out[i + 1] = add_tables_out(s1, mo, round_o, e2o, act_min, act_max, narrow);
        out[i + 2] = add_tables_out(s2, mo, round_o, e2o, act_min, act_max, narrow);
        out[i + 3] = add_tables_out(s3, mo, round_o, e2o, act_min, act_max, narrow);
    }
    for (; i < size; i++) {
        out[i] = add_tables_out(t1[x1[i]] + t2[x2[i]], mo, round_o, e2o, act_min, act_max, narrow);
    }
}

/* The table route: false (nothing written) when the scratch is missing or
 * too small, as tsn_add_s8_get_buffer_size says. */
static int add_with_tables(const tsn_context *ctx, const tsn_add_params *p, const int8_t *x1,
                           const int8_t *x2, int8_t *out, int32_t size, int32_t folded)
{
    const int32_t need = tsn_add_s8_get_buffer_size(size);
    if (need == 0 || !ctx || !ctx->buf || ctx->size < need || ((uintptr_t)ctx->buf & 3u) != 0) {
        return 0;
    }
    int32_t *const t1 = (int32_t *)ctx->buf;
    int32_t *const t2 = t1 + 256;
    const int32_t scale = folded ? 2 : 1;
    rescale_table(t1, p->input1_offset, p->left_shift, p->input1_multiplier, p->input1_shift, scale);
    rescale_table(t2, p->input2_offset, p->left_shift, p->input2_multiplier, p->input2_shift, scale);
    const int32_t *const c1 = t1 + 128, *const c2 = t2 + 128;
    const int32_t act_min = p->activation.min, act_max = p->activation.max;
    if (folded) {
        const int32_t eo = -p->output_shift - 1;
        const int32_t round_o = (1 << eo) + p->output_offset * (1 << (eo + 1));
        if (act_min == -128 && act_max == 127) {
            add_tables_loop(c1, c2, x1, x2, out, size, p->output_multiplier, round_o, eo + 1, -128, 127, 0);
        } else {
            add_tables_loop(c1, c2, x1, x2, out, size, p->output_multiplier, round_o, eo + 1, act_min,
                            act_max, 1);
        }
        return 1;
    }
    for (int32_t i = 0; i < size; i++) {
        int32_t r = tsn_requantize(c1[x1[i]] + c2[x2[i]], p->output_multiplier, p->output_shift) +
                    p->output_offset;
        out[i] = (int8_t)TSN_CLAMP(r, act_min, act_max);
    }
    return 1;
}

tsn_status tsn_add_s8(const tsn_context *ctx, const tsn_add_params *params, const int8_t *input1_data,
                      const int8_t *input2_data, int8_t *output_data, int32_t size)
{
    if (!params || !input1_data || !input2_data || !output_data || size < 0 ||
        params->left_shift < 0 || params->left_shift > 30) {
        return TSN_ARG_ERROR;
    }
    const tsn_add_params *p = params;
    const int32_t off1 = p->input1_offset, off2 = p->input2_offset, out_off = p->output_offset;
    const int32_t ls = p->left_shift;
    const int32_t m1 = p->input1_multiplier, s1 = p->input1_shift;
    const int32_t m2 = p->input2_multiplier, s2 = p->input2_shift;
    const int32_t mo = p->output_multiplier, so = p->output_shift;
    const int32_t act_min = p->activation.min, act_max = p->activation.max;
    /* The usual parameters (right shifts, TFLite's left shift of 20, int8 zero
     * points) keep every value that is multiplied below 2^30: |x + off| <= 256,
     * << 20 is <= 2^28, each rescaled input is no larger, their sum <= 2^29. So
     * all three requantisations take the short SMMULR route, tested once here. */
    const int32_t short_route = rescale_is_short(m1, s1) && rescale_is_short(m2, s2) &&
                                tsn_requant_is_short(mo, so) && ls <= 20 && off1 >= -128 &&
                                off1 <= 128 && off2 >= -128 && off2 <= 128;
    if (add_with_tables(ctx, p, input1_data, input2_data, output_data, size,
                        short_route && -so - 1 <= 21 && act_min >= -128 && act_max <= 127)) {
        return TSN_SUCCESS;
    }
    if (short_route) {
        const int32_t e1 = -s1 - 1, e2 = -s2 - 1, eo = -so - 1;
        if (act_min == -128 && act_max == 127 && eo <= 21) {
            /* (eo <= 21: the output round with the offset folded stays below 2^30) */
            const add_folded f = {off1, off2, ls + 1, m1, m2,
                                  e1 < 0 ? 0 : 1 << e1, e2 < 0 ? 0 : 1 << e2, e1 + 1, e2 + 1,
                                  mo, (1 << eo) + out_off * (1 << (eo + 1)), eo + 1};
            if (e1 < 0 && e2 < 0) {
                add_folded_loop(&f, input1_data, input2_data, output_data, size, 1, 1);
            } else if (e1 < 0) {
                add_folded_loop(&f, input1_data, input2_data, output_data, size, 1, 0);
            } else if (e2 < 0) {
                add_folded_loop(&f, input1_data, input2_data, output_data, size, 0, 1);
            } else {
                add_folded_loop(&f, input1_data, input2_data, output_data, size, 0, 0);
            }
            return TSN_SUCCESS;
        }
        for (int32_t i = 0; i < size; i++) {
            const int32_t a = (input1_data[i] + off1) * (1 << ls);
            const int32_t b = (input2_data[i] + off2) * (1 << ls);
            const int32_t sum = rescale_short(a, m1, e1) + rescale_short(b, m2, e2);
            int32_t r = tsn_requant_short_small(sum, mo, eo) + out_off;
            r = TSN_CLAMP(r, act_min, act_max);
            output_data[i] = (int8_t)r;
        }
        return TSN_SUCCESS;
    }
    for (int32_t i = 0; i < size; i++) {
        const int32_t a = (int32_t)((uint32_t)(input1_data[i] + off1) << ls);
        const int32_t b = (int32_t)((uint32_t)(input2_data[i] + off2) << ls);
        const int32_t sa = tsn_requantize(a, m1, s1);
        const int32_t sb = tsn_requantize(b, m2, s2);
        int32_t r = tsn_requantize(sa + sb, mo, so) + out_off;
        r = TSN_CLAMP(r, act_min, act_max);
        output_data[i] = (int8_t)r;
    }
    return TSN_SUCCESS;
}
