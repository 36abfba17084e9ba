/*
 * Host tests for the tinysim int8 kernels.
 *
 * For each kernel: randomised cases (seeded LCG) run through the portable
 * build (tsn_*) and the DSP build with emulated ACLE intrinsics (tsn_dsp_*),
 * and through a textbook reference (ref_kernels.c). A case passes when
 * DSP == portable and portable == reference, byte for byte. A few
 * hand-computed cases pin the arithmetic to known numbers.
 * Prints "N passed, M failed" last and exits non-zero on any failure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp_api.h"
#include "ref_kernels.h"

static int g_pass, g_fail;

/* ---- helpers ------------------------------------------------------------ */

static uint64_t g_seed = 0x7e57c0de2024ull;

static uint32_t rnd(void)
{
    g_seed = g_seed * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(g_seed >> 33);
}

static int rint_in(int lo, int hi) /* inclusive */
{
    return (int)(lo + (int64_t)(((uint64_t)rnd() << 1 | (rnd() & 1u)) % (uint64_t)((int64_t)hi - lo + 1)));
}

static double rfloat(double lo, double hi) { return lo + (hi - lo) * (rnd() / 2147483648.0); }

static void fill_s8(int8_t *p, int n)
{
    for (int i = 0; i < n; i++) p[i] = (int8_t)rint_in(-128, 127);
}

static void *xalloc(size_t n)
{
    void *p = calloc(n ? n : 1, 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

static void result(const char *name, int idx, int ok, const char *detail)
{
    if (ok) {
        g_pass++;
    } else {
        g_fail++;
        printf("FAIL %s #%d: %s\n", name, idx, detail);
    }
}

static void cmp_s8(const char *name, int idx, const char *what, const int8_t *a, const int8_t *b, int n)
{
    char msg[160];
    for (int i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            snprintf(msg, sizeof msg, "%s differs at %d: %d vs %d (of %d)", what, i, a[i], b[i], n);
            result(name, idx, 0, msg);
            return;
        }
    }
    result(name, idx, 1, "");
}

static void expect_status(const char *name, int idx, tsn_status got, tsn_status want)
{
    char msg[80];
    snprintf(msg, sizeof msg, "status %d, expected %d", (int)got, (int)want);
    result(name, idx, got == want, msg);
}

/* TFLite QuantizeMultiplier: real = m * 2^(shift - 31), m in [2^30, 2^31). */
static void quantize_multiplier(double real, int32_t *m, int32_t *shift)
{
    if (real == 0.0) {
        *m = 0;
        *shift = 0;
        return;
    }
    int e;
    const double f = frexp(real, &e);
    int64_t q = llround(f * 2147483648.0);
    if (q == ((int64_t)1 << 31)) {
        q /= 2;
        e++;
    }
    if (e < -31) {
        e = 0;
        q = 0;
    }
    *m = (int32_t)q;
    *shift = e;
}

/* Per-channel requantisation of the kind a converter emits for conv layers:
 * effective scales around 1e-4 .. 1e-1, now and then a small left shift. */
static void rand_quant(int32_t *m, int32_t *s, int n)
{
    for (int i = 0; i < n; i++) {
        if (rnd() % 10 == 0) {
            quantize_multiplier(rfloat(1.0, 3.9), &m[i], &s[i]);
        } else {
            quantize_multiplier(pow(10.0, rfloat(-4.0, -1.0)), &m[i], &s[i]);
        }
    }
}

static void rand_act(int *mn, int *mx)
{
    if (rnd() % 3 == 0) {
        *mn = rint_in(-128, 0);
        *mx = rint_in(*mn, 127);
    } else {
        *mn = -128;
        *mx = 127;
    }
}

/* Output size and leading pad for SAME (same != 0) or VALID. */
static void out_dim(int in, int k, int stride, int dil, int same, int *out, int *pad)
{
    const int eff = (k - 1) * dil + 1;
    if (same) {
        *out = (in + stride - 1) / stride;
        int total = (*out - 1) * stride + eff - in;
        *pad = total > 0 ? total / 2 : 0;
    } else {
        *out = in >= eff ? (in - eff) / stride + 1 : 0;
        *pad = 0;
    }
}

static int32_t *rand_bias(int n)
{
    if (rnd() % 5 == 0) return NULL; /* bias is optional */
    int32_t *b = xalloc(sizeof(int32_t) * (size_t)n);
    for (int i = 0; i < n; i++) b[i] = rint_in(-40000, 40000);
    return b;
}

/* ---- requantisation helpers ------------------------------------------------ */

static void test_requant_helpers(void)
{
    /* hand-computed */
    result("srdhm", 0, tsn_saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MIN) == INT32_MAX, "min*min saturates");
    result("srdhm", 1, tsn_saturating_rounding_doubling_high_mul(1 << 30, 1 << 30) == (1 << 29), "0.5*0.5");
    result("srdhm", 2, tsn_saturating_rounding_doubling_high_mul(1, 1 << 30) == 1, "tie rounds up");
    result("srdhm", 3, tsn_saturating_rounding_doubling_high_mul(-1, 1 << 30) == 0, "negative tie rounds up");
    result("rdbpot", 0, tsn_rounding_divide_by_power_of_two(5, 1) == 3, "5/2 -> 3");
    result("rdbpot", 1, tsn_rounding_divide_by_power_of_two(-5, 1) == -3, "-5/2 -> -3");
    result("rdbpot", 2, tsn_rounding_divide_by_power_of_two(-6, 2) == -2, "-6/4 -> -2");
    result("rdbpot", 3, tsn_rounding_divide_by_power_of_two(7, 0) == 7, "exponent 0");
    result("mbqm", 0, tsn_multiply_by_quantized_multiplier(100, 1 << 30, 0) == 50, "100*0.5");
    result("mbqm", 1, tsn_multiply_by_quantized_multiplier(3, 1 << 30, 1) == 3, "3*0.5*2");
    result("mbqm", 2, tsn_multiply_by_quantized_multiplier(1000, 1 << 30, -3) == 63, "1000*0.5/8 = 62.5 -> 63");
    result("mbqm", 3, tsn_multiply_by_quantized_multiplier(-1000, 1 << 30, -3) == -63, "-62.5 -> -63");

    /* random against the reference, both builds */
    int bad = 0, bad_dsp = 0;
    for (int i = 0; i < 200000; i++) {
        const int32_t a = (int32_t)(rnd() << 1 ^ rnd());
        const int32_t b = (int32_t)(rnd() << 1 ^ rnd());
        if (tsn_saturating_rounding_doubling_high_mul(a, b) != ref_srdhm(a, b)) bad++;
        const int32_t e = rint_in(0, 31);
        if (tsn_rounding_divide_by_power_of_two(a, e) != ref_rdbpot(a, e)) bad++;
        const int32_t m = rint_in(1 << 30, INT32_MAX);
        const int32_t s = rint_in(-31, 0);
        const int32_t x = rnd() % 4 ? rint_in(-(1 << 24), 1 << 24) : a;
        if (tsn_multiply_by_quantized_multiplier(x, m, s) != ref_mbqm(x, m, s)) bad++;
        if (tsn_dsp_multiply_by_quantized_multiplier(x, m, s) != tsn_multiply_by_quantized_multiplier(x, m, s)) bad_dsp++;
        const int32_t ls = rint_in(1, 6);
        const int32_t xs = rint_in(-(1 << 20), 1 << 20);
        if (tsn_multiply_by_quantized_multiplier(xs, m, ls) != ref_mbqm(xs, m, ls)) bad++;
    }
    result("requant_random", 0, bad == 0, "portable helpers differ from reference");
    result("requant_random", 1, bad_dsp == 0, "DSP build helpers differ");

    /* the kernels' epilogue (short route for m > 0, right shifts) against the reference,
     * over the whole accumulator range, every shift and the extreme multipliers */
    int bad_clamp = 0;
    static const int32_t edge_acc[] = {INT32_MIN, INT32_MIN + 1, -1, 0, 1, INT32_MAX - 1, INT32_MAX};
    static const int32_t edge_m[] = {1, 1 << 30, INT32_MAX, INT32_MIN, -1, 0};
    for (int i = 0; i < 400000; i++) {
        const int32_t acc = i % 5 == 0 ? edge_acc[rnd() % 7]
                            : (rnd() % 2 ? (int32_t)(rnd() << 1 ^ rnd()) : rint_in(-(1 << 20), 1 << 20));
        const int32_t m = i % 7 == 0 ? edge_m[rnd() % 6] : rint_in(1, INT32_MAX);
        const int32_t s = i % 11 == 0 ? rint_in(0, 8) : rint_in(-31, -1);
        const int32_t off = rint_in(-128, 127);
        int mn, mx;
        rand_act(&mn, &mx);
        int32_t want = ref_mbqm(acc, m, s);
        /* the reference adds the offset in 32 bits too; skip only where that overflows */
        if ((off > 0 && want > INT32_MAX - off) || (off < 0 && want < INT32_MIN - off)) continue;
        want += off;
        want = want < mn ? mn : (want > mx ? mx : want);
        if (tsn_requant_clamp(acc, m, s, off, mn, mx) != (int8_t)want) bad_clamp++;
        /* the SMMULR route of small accumulators */
        const int32_t small = acc / 2;
        if (m > 0 && s < 0 && tsn_small4(small, 0, 0, 0) &&
            tsn_requant_short_small(small, m, -s - 1) != ref_mbqm(small, m, s)) bad_clamp++;
    }
    result("requant_clamp_random", 0, bad_clamp == 0, "epilogue differs from reference");
}

/* Raw Q-format outputs of the softmax building blocks against the reference,
 * so constant or rounding slips that rarely move an int8 output still show. */
static void test_fixed_point(void)
{
    int bad_exp = 0, bad_rcp = 0, bad_log = 0;
    for (int i = 0; i < 100000; i++) {
        const int32_t a = -(int32_t)(((uint32_t)rnd() << 1 ^ rnd()) & 0x7FFFFFFFu);
        if (tsn_exp_on_negative_values_q5(a) != ref_exp_neg_q5(a)) bad_exp++;
        const int32_t r = (int32_t)(((uint32_t)rnd() << 1 ^ rnd()) & 0x7FFFFFFFu);
        if (tsn_one_over_one_plus_x(r) != ref_recip_one_plus(r)) bad_rcp++;
        const int32_t z = rint_in(1 << 19, INT32_MAX); /* 1.0 .. 4096 in Q12.19 */
        if (tsn_log_x_ge1_q12_q5(z) != ref_log_q12_q5(z)) bad_log++;
        if (tsn_dsp_log_x_ge1_q12_q5(z) != ref_log_q12_q5(z)) bad_log++;
    }
    result("fixed_point_exp", 0, bad_exp == 0, "exp_on_negative_values differs");
    result("fixed_point_recip", 0, bad_rcp == 0, "one_over_one_plus_x differs");
    result("fixed_point_log", 0, bad_log == 0, "log_x_ge1 differs");
    /* spot values: exp(0) = 1 (saturated), exp(-1) ~ 0.3679, log(1) = 0, log(e) ~ 1 */
    result("fixed_point_exp", 1, tsn_exp_on_negative_values_q5(0) == INT32_MAX, "exp(0)");
    const double e1 = tsn_exp_on_negative_values_q5(-(1 << 26)) / 2147483648.0;
    result("fixed_point_exp", 2, fabs(e1 - exp(-1.0)) < 1e-6, "exp(-1)");
    const double l1 = tsn_log_x_ge1_q12_q5(1 << 19) / (double)(1 << 26);
    const double le = tsn_log_x_ge1_q12_q5((int32_t)(2.718281828 * (1 << 19))) / (double)(1 << 26);
    result("fixed_point_log", 1, fabs(l1) < 1e-4 && fabs(le - 1.0) < 1e-4, "log(1), log(e)");
}

/* ---- convolution ---------------------------------------------------------- */

/* Per-channel start values of the folded kernels: bias + input_offset * row
 * sum, in int32 with wrap-around, as a code generator works them out. */
static int32_t *fold_starts(const int8_t *w, const int32_t *bias, int oc_n, int k, int32_t input_offset)
{
    int32_t *start = xalloc(sizeof(int32_t) * (size_t)oc_n);
    for (int oc = 0; oc < oc_n; oc++) {
        int32_t sum = 0;
        for (int i = 0; i < k; i++) sum += w[oc * k + i];
        start[oc] = (int32_t)((uint32_t)(bias ? bias[oc] : 0) + (uint32_t)sum * (uint32_t)input_offset);
    }
    return start;
}

/* kind: 0 general, 1 pointwise, 2 wrapper (random shape); 3, 4, 5 the same
 * with the input offset folded into start values (tsn_*_start_s8) */
static void test_conv(int idx, int kind)
{
    static const char *names[6] = {"convolve_s8", "convolve_1x1_s8", "convolve_wrapper_s8",
                                   "convolve_start_s8", "convolve_1x1_start_s8", "convolve_wrapper_start_s8"};
    const char *name = names[kind];
    const int folded = kind >= 3;
    kind %= 3;
    int N, H, W, C, OC, KH, KW, sh, sw, dh, dw, same, OH, OW, ph, pw;
    do {
        N = rint_in(1, 2);
        H = rint_in(1, 10);
        W = rint_in(1, 10);
        C = rint_in(1, 13);
        OC = rint_in(1, 11);
        KH = rint_in(1, 5);
        KW = rint_in(1, 5);
        sh = rint_in(1, 2);
        sw = rint_in(1, 2);
        dh = rnd() % 4 == 0 ? 2 : 1;
        dw = rnd() % 4 == 0 ? 2 : 1;
        same = (int)(rnd() & 1);
        if (kind == 1 || (kind == 2 && rnd() % 2)) {
            KH = KW = 1;
            same = 0;
        }
        if (idx % 4 == 0) {
            /* deep enough for the GEMM's 16-wide main loop and its 8/4/byte tails */
            C = rint_in(14, 80);
            OC = rint_in(1, 20);
            H = rint_in(1, 6);
            W = rint_in(1, 6);
            if (KH * KW > 4) KH = KW = rint_in(1, 2);
            sh = sw = rnd() % 3 == 0 ? 2 : 1;
        }
        if (folded && idx % 4 == 1) {
            /* the depths tsn_nn_pointwise_start_s8 has its own copies for, on
             * enough pixels; every multiple of 8 on the widened route (256: chunks of 8
             * triples, so up to 36 pixels take two) */
            static const int depths[9] = {8, 16, 24, 32, 40, 48, 64, 128, 256};
            C = depths[(idx / 4) % 9];
            OC = rint_in(1, 20);
            H = rint_in(1, 6);
            W = rint_in(1, 6);
        }
        if (folded && kind != 1 && idx % 4 == 2) {
            /* one input channel, undilated: the DSP body's one-channel route
             * (3x3, more channels than one pass of it takes) or the plane */
            C = 1;
            KH = KW = rnd() % 3 == 0 ? 3 + 2 * rint_in(1, 2) : 3;
            dh = dw = 1;
            OC = rint_in(1, 20);
            H = rint_in(1, 12);
            W = rint_in(1, 12);
        }
        if (folded && kind != 1 && idx % 4 == 3) {
            /* an RGB first layer: the DSP body's route through widened window rows */
            C = 3;
            KH = KW = 3;
            dh = dw = 1;
            OC = 2 * rint_in(1, 10);
            H = rint_in(1, 12);
            W = rint_in(1, 12);
        }
        out_dim(H, KH, sh, dh, same, &OH, &ph);
        out_dim(W, KW, sw, dw, same, &OW, &pw);
    } while (OH < 1 || OW < 1);
    const int rgb = folded && kind != 1 && idx % 4 == 3;

    const int in_n = N * H * W * C, f_n = OC * KH * KW * C, out_n = N * OH * OW * OC;
    int8_t *x = xalloc((size_t)in_n), *w = xalloc((size_t)f_n);
    int8_t *y0 = xalloc((size_t)out_n), *y1 = xalloc((size_t)out_n), *yr = xalloc((size_t)out_n);
    int32_t *qm = xalloc(sizeof(int32_t) * (size_t)OC), *qs = xalloc(sizeof(int32_t) * (size_t)OC);
    fill_s8(x, in_n);
    fill_s8(w, f_n);
    int32_t *bias = rand_bias(OC);
    rand_quant(qm, qs, OC);
    const int per_channel = rnd() % 4 != 0;
    int amin, amax;
    rand_act(&amin, &amax);
    if (rgb && rnd() % 4 != 0) {
        /* the route takes no clamp beyond int8 */
        amin = -128;
        amax = 127;
    }

    tsn_conv_params cp = {-rint_in(-128, 127), rint_in(-128, 127), {sh, sw}, {ph, pw}, {dh, dw}, {amin, amax}};
    tsn_quant_params qp = {qm, qs, per_channel};
    tsn_dims id = {N, H, W, C}, fd = {OC, KH, KW, C}, od = {N, OH, OW, OC};

    int32_t bytes;
    if (kind == 0) bytes = tsn_convolve_s8_get_buffer_size(&id, &fd);
    else if (kind == 1) bytes = tsn_convolve_1x1_s8_get_buffer_size(&cp, &id, &fd);
    else bytes = tsn_convolve_wrapper_s8_get_buffer_size(&cp, &id, &fd);
    if (kind == 2) {
        const int32_t direct = (KH == 1 && KW == 1 && ph == 0 && pw == 0)
                                   ? tsn_convolve_1x1_s8_get_buffer_size(&cp, &id, &fd)
                                   : tsn_convolve_s8_get_buffer_size(&id, &fd);
        result(name, idx, bytes == direct && bytes == tsn_dsp_convolve_wrapper_s8_get_buffer_size(&cp, &id, &fd),
               "wrapper buffer size does not follow its routing");
    }
    tsn_status s0, s1;
    int32_t *start = folded ? fold_starts(w, bias, OC, KH * KW * C, cp.input_offset) : NULL;
    if (folded) {
        const int32_t fbytes = kind == 0   ? tsn_convolve_start_s8_get_buffer_size(&id, &fd)
                               : kind == 1 ? tsn_convolve_1x1_start_s8_get_buffer_size(&cp, &id, &fd)
                                           : tsn_convolve_wrapper_start_s8_get_buffer_size(&cp, &id, &fd);
        /* the wrapper adds its routes' optional scratch where they apply: the
         * RGB first layer's, a one-channel input's plane; the pointwise one its
         * widened chunk after the gather */
        const int is_1x1 = KH == 1 && KW == 1 && ph == 0 && pw == 0;
        const int32_t rgb_bytes = kind == 2 && tsn_convolve_rgb_start_s8_applies(&cp, &id, &fd)
                                      ? tsn_convolve_rgb_start_s8_get_buffer_size(&id, &fd)
                                      : 0;
        const int32_t plane_bytes = kind == 2 && !is_1x1 && rgb_bytes == 0
                                        ? tsn_convolve_plane_start_s8_get_buffer_size(&cp, &id, &fd)
                                        : 0;
        const int32_t wide_bytes = is_1x1 && kind != 0 ? tsn_pointwise_wide_bytes(OH * OW, C, OC) : 0;
        const int32_t expect = TSN_MAX(TSN_MAX(bytes, rgb_bytes), plane_bytes) + wide_bytes;
        result(name, idx, fbytes == expect,
               "folded kernel's buffer size differs from the unfolded one plus its optional routes'");
        /* the direct kernel takes those routes when given their scratch */
        if (kind == 1 && rnd() % 3 == 0) {
            /* the pointwise kernel without its optional chunk: the 2x2 route */
        } else if (kind == 1) {
            bytes = fbytes;
        } else if (kind == 2 || ((rgb || C == 1) && kind == 0 && rnd() % 2)) {
            const int32_t more = TSN_MAX(tsn_convolve_rgb_start_s8_get_buffer_size(&id, &fd),
                                         tsn_convolve_plane_start_s8_get_buffer_size(&cp, &id, &fd));
            bytes = kind == 2 ? fbytes : (more > bytes ? more : bytes);
        }
    }
    void *scratch = bytes ? xalloc((size_t)bytes) : NULL;
    tsn_context ctx = {scratch, bytes};
    if (folded && kind == 0) {
        s0 = tsn_convolve_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, start, &od, y0);
        s1 = tsn_dsp_convolve_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, start, &od, y1);
    } else if (folded && kind == 1) {
        s0 = tsn_convolve_1x1_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, start, &od, y0);
        s1 = tsn_dsp_convolve_1x1_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, start, &od, y1);
    } else if (folded) {
        s0 = tsn_convolve_wrapper_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, start, &od, y0);
        s1 = tsn_dsp_convolve_wrapper_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, start, &od, y1);
    } else if (kind == 0) {
        s0 = tsn_convolve_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, y0);
        s1 = tsn_dsp_convolve_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, y1);
    } else if (kind == 1) {
        s0 = tsn_convolve_1x1_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, y0);
        s1 = tsn_dsp_convolve_1x1_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, y1);
    } else {
        s0 = tsn_convolve_wrapper_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, y0);
        s1 = tsn_dsp_convolve_wrapper_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, y1);
    }
    ref_conv_args ra = {cp.input_offset, cp.output_offset, 0, sh, sw, ph, pw, dh, dw, 1, amin, amax, qm, qs, per_channel};
    ref_shape ri = {N, H, W, C}, rf = {OC, KH, KW, C}, ro = {N, OH, OW, OC};
    ref_conv(&ra, ri, x, rf, w, bias, ro, yr);

    expect_status(name, idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8(name, idx, "dsp vs portable", y1, y0, out_n);
    cmp_s8(name, idx, "portable vs reference", y0, yr, out_n);
    if (folded) {
        /* a missing start table is an argument error, not a read of NULL */
        expect_status(name, idx, kind == 0   ? tsn_dsp_convolve_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, NULL, &od, y1)
                                 : kind == 1 ? tsn_dsp_convolve_1x1_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, NULL, &od, y1)
                                             : tsn_dsp_convolve_wrapper_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, NULL, &od, y1),
                      TSN_ARG_ERROR);
    }
    free(x); free(w); free(y0); free(y1); free(yr); free(qm); free(qs); free(bias); free(scratch); free(start);
}

/* The widened pointwise route without scratch (an op at the arena's peak):
 * outputs of at least 4 KB lend their last 2 KB as its chunk. */
static void test_pointwise_borrowed_chunk(int idx)
{
    static const int depths[4] = {8, 16, 24, 32};
    const int H = rint_in(16, 32), W = rint_in(16, 32), C = depths[idx % 4], OC = 2 * rint_in(4, 12);
    const int in_n = H * W * C, out_n = H * W * OC;
    int8_t *x = xalloc((size_t)in_n), *w = xalloc((size_t)(OC * C));
    int8_t *y0 = xalloc((size_t)out_n), *y1 = xalloc((size_t)out_n), *yr = xalloc((size_t)out_n);
    int32_t *qm = xalloc(sizeof(int32_t) * (size_t)OC), *qs = xalloc(sizeof(int32_t) * (size_t)OC);
    fill_s8(x, in_n);
    fill_s8(w, OC * C);
    int32_t *bias = rand_bias(OC);
    rand_quant(qm, qs, OC);
    int amin = -128, amax = 127;
    if (idx % 3 == 0) {
        rand_act(&amin, &amax);
    }
    tsn_conv_params cp = {-rint_in(-128, 127), rint_in(-128, 127), {1, 1}, {0, 0}, {1, 1}, {amin, amax}};
    tsn_quant_params qp = {qm, qs, rnd() % 4 != 0};
    tsn_dims id = {1, H, W, C}, fd = {OC, 1, 1, C}, od = {1, H, W, OC};
    int32_t *start = fold_starts(w, bias, OC, C, cp.input_offset);
    tsn_context none = {NULL, 0};
    const tsn_status s0 = tsn_convolve_1x1_start_s8(&none, &cp, &qp, &id, x, &fd, w, start, &od, y0);
    const tsn_status s1 = tsn_dsp_convolve_1x1_start_s8(&none, &cp, &qp, &id, x, &fd, w, start, &od, y1);
    ref_conv_args ra = {cp.input_offset, cp.output_offset, 0, 1, 1, 0, 0, 1, 1, 1, amin, amax, qm, qs, qp.per_channel};
    ref_shape ri = {1, H, W, C}, rf = {OC, 1, 1, C}, ro = {1, H, W, OC};
    ref_conv(&ra, ri, x, rf, w, bias, ro, yr);
    expect_status("pointwise_borrowed_chunk", idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR,
                  TSN_SUCCESS);
    cmp_s8("pointwise_borrowed_chunk", idx, "dsp vs reference", y1, yr, out_n);
    cmp_s8("pointwise_borrowed_chunk", idx, "portable vs reference", y0, yr, out_n);
    free(x); free(w); free(y0); free(y1); free(yr); free(qm); free(qs); free(bias); free(start);
}

/* The pointwise epilogue's routes by channel pair: accumulators that stay
 * within 2^30 at e1 <= 21 (one add and shift per output), e1 = 22 (the
 * general short route), and starts near 2^30 (checked per block); at depths
 * 16 and 32, given its scratch, the widened route, whose epilogue takes e1 <= 29
 * (scales down to 2^-31) and leaves 2^-32 (e1 = 30) to the C blocks; and
 * dead channels, whose outputs are constants. */
static void test_pointwise_requant_routes(void)
{
    enum { H = 3, W = 3, CMAX = 32, OC = 6 };
    static const double scales[6] = {1e-3, 0x1p-23, 0x1p-24, 0x1p-31, 0x1p-32, 1e-3};
    static const int32_t start_base[6] = {0, 0, (1 << 30) - 100000, 0, 0, 0};
    for (int idx = 0; idx < 18; idx++) {
        /* depth 12 takes the 2x2 blocks (no widened route: 12 is not a multiple of 8) */
        const int C = idx < 6 ? 12 : idx < 12 ? 16 : CMAX, r = idx % 6;
        int8_t x[H * W * CMAX], w[OC * CMAX], y0[H * W * OC], y1[H * W * OC], yr[H * W * OC];
        int32_t bias[OC], m[OC], sh[OC];
        fill_s8(x, H * W * C);
        fill_s8(w, OC * C);
        for (int i = 0; i < OC; i++) {
            bias[i] = start_base[r] + rint_in(-1000, 1000);
            if (r == 5 && i % 3 != 1) {
                /* dead channels (saturated starts, as pruned layers have): constant outputs, one or both
                 * of a pair */
                bias[i] = (i & 2) ? (1 << 30) : -(1 << 30);
            }
            quantize_multiplier(scales[r] * rfloat(0.6, 1.0), &m[i], &sh[i]);
        }
        tsn_conv_params cp = {0, rint_in(-128, 127), {1, 1}, {0, 0}, {1, 1}, {-128, 127}};
        tsn_quant_params qp = {m, sh, 1};
        tsn_dims id = {1, H, W, C}, fd = {OC, 1, 1, C}, od = {1, H, W, OC};
        const int32_t bytes = tsn_convolve_1x1_start_s8_get_buffer_size(&cp, &id, &fd);
        void *scratch = bytes > 0 ? xalloc((size_t)bytes) : NULL;
        tsn_context ctx = {scratch, bytes};
        result("pointwise_requant_routes", idx, (C != 12) == (bytes > 0),
               "the widened route asks for scratch at depths 16 and 32, not 12");
        /* input offset 0: the start values are the biases */
        expect_status("pointwise_requant_routes", idx,
                      tsn_dsp_convolve_1x1_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, y1), TSN_SUCCESS);
        tsn_convolve_1x1_start_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, y0);
        ref_conv_args ra = {0, cp.output_offset, 0, 1, 1, 0, 0, 1, 1, 1, -128, 127, m, sh, 1};
        ref_shape ri = {1, H, W, C}, rf = {OC, 1, 1, C}, ro = {1, H, W, OC};
        ref_conv(&ra, ri, x, rf, w, bias, ro, yr);
        cmp_s8("pointwise_requant_routes", idx, "dsp vs reference", y1, yr, H * W * OC);
        cmp_s8("pointwise_requant_routes", idx, "portable vs reference", y0, yr, H * W * OC);
        free(scratch);
    }
}

/* The same routes for the 3x3 depthwise's groups of four channels (starts
 * near 2^29 leave its one-add-and-shift route). */
static void test_depthwise_requant_routes(void)
{
    enum { H = 5, W = 5, C = 8 };
    static const double scales[3] = {1e-3, 0x1p-23, 0x1p-24};
    static const int32_t start_base[3] = {0, 0, (1 << 29) + 5000};
    for (int idx = 0; idx < 3; idx++) {
        int8_t x[H * W * C], w[9 * C], y0[H * W * C], y1[H * W * C], yr[H * W * C];
        int32_t bias[C], m[C], sh[C];
        fill_s8(x, (int)sizeof x);
        fill_s8(w, (int)sizeof w);
        for (int i = 0; i < C; i++) {
            bias[i] = (i % 2 ? -1 : 1) * start_base[idx] + rint_in(-1000, 1000);
            quantize_multiplier(scales[idx] * rfloat(0.6, 1.0), &m[i], &sh[i]);
        }
        tsn_dw_conv_params p = {rint_in(-127, 128), rint_in(-128, 127), 1, {1, 1}, {1, 1}, {1, 1}, {-128, 127}};
        tsn_quant_params qp = {m, sh, 1};
        tsn_dims id = {1, H, W, C}, fd = {1, 3, 3, C}, od = {1, H, W, C};
        tsn_context none = {NULL, 0};
        expect_status("depthwise_requant_routes", idx,
                      tsn_dsp_depthwise_conv_3x3_s8(&none, &p, &qp, &id, x, &fd, w, bias, &od, y1), TSN_SUCCESS);
        tsn_depthwise_conv_3x3_s8(&none, &p, &qp, &id, x, &fd, w, bias, &od, y0);
        ref_conv_args ra = {p.input_offset, p.output_offset, 0, 1, 1, 1, 1, 1, 1, 1, -128, 127, m, sh, 1};
        ref_shape ri = {1, H, W, C}, rf = {1, 3, 3, C}, ro = {1, H, W, C};
        ref_depthwise(&ra, ri, x, rf, w, bias, ro, yr);
        cmp_s8("depthwise_requant_routes", idx, "dsp vs reference", y1, yr, H * W * C);
        cmp_s8("depthwise_requant_routes", idx, "portable vs reference", y0, yr, H * W * C);
    }
}

static void test_conv_hand(void)
{
    /* 1x1x1x3 input [1,2,3], zero point 0; one filter [1,1,1]; bias 10; scale 1.0
     * (multiplier 2^30, shift 1) -> 16; output zero point 5 -> 21. */
    const int8_t x[3] = {1, 2, 3}, w[3] = {1, 1, 1};
    const int32_t bias[1] = {10}, m[1] = {1 << 30}, s[1] = {1};
    int8_t y = 0, yd = 0;
    int8_t scratch[16];
    tsn_context ctx = {scratch, sizeof scratch};
    tsn_conv_params cp = {0, 5, {1, 1}, {0, 0}, {1, 1}, {-128, 127}};
    tsn_quant_params qp = {m, s, 1};
    tsn_dims id = {1, 1, 1, 3}, fd = {1, 1, 1, 3}, od = {1, 1, 1, 1};
    tsn_convolve_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, &y);
    tsn_dsp_convolve_s8(&ctx, &cp, &qp, &id, x, &fd, w, bias, &od, &yd);
    result("conv_hand", 0, y == 21 && yd == 21, "1+2+3+10 -> 16, +5 = 21");

    /* 3x3 input of ones with zero point -1 (offset +1 -> value 2), 3x3 filter
     * of ones, SAME padding: corner sees 4 taps -> 8, centre 9 taps -> 18. */
    int8_t xi[9], wi[9], yo[9], yod[9];
    for (int i = 0; i < 9; i++) { xi[i] = 1; wi[i] = 1; }
    int8_t buf[64];
    tsn_context c2 = {buf, sizeof buf};
    tsn_conv_params cp2 = {1, 0, {1, 1}, {1, 1}, {1, 1}, {-128, 127}};
    tsn_dims id2 = {1, 3, 3, 1}, fd2 = {1, 3, 3, 1}, od2 = {1, 3, 3, 1};
    tsn_convolve_s8(&c2, &cp2, &qp, &id2, xi, &fd2, wi, NULL, &od2, yo);
    tsn_dsp_convolve_s8(&c2, &cp2, &qp, &id2, xi, &fd2, wi, NULL, &od2, yod);
    result("conv_hand", 1, yo[0] == 8 && yo[1] == 12 && yo[4] == 18 && memcmp(yo, yod, 9) == 0,
           "padding contributes zero");

    /* NULL scratch must be refused, not written through */
    tsn_context none = {NULL, 0};
    expect_status("conv_null_scratch", 0, tsn_convolve_s8(&none, &cp2, &qp, &id2, xi, &fd2, wi, NULL, &od2, yo), TSN_ARG_ERROR);
    expect_status("conv_null_scratch", 1, tsn_dsp_convolve_s8(&none, &cp2, &qp, &id2, xi, &fd2, wi, NULL, &od2, yo), TSN_ARG_ERROR);
    tsn_conv_params cp3 = cp2;
    cp3.padding.h = cp3.padding.w = 0;
    expect_status("conv_1x1_rejects_3x3", 0, tsn_convolve_1x1_s8(&none, &cp3, &qp, &id2, xi, &fd2, wi, NULL, &od2, yo), TSN_ARG_ERROR);
    /* a stride gathers the pixels read into scratch: none given is refused */
    tsn_conv_params cp4 = cp3;
    cp4.stride.h = cp4.stride.w = 2;
    tsn_dims fd4 = {1, 1, 1, 1}, od4 = {1, 2, 2, 1};
    result("conv_1x1_strided_scratch", 0, tsn_convolve_1x1_s8_get_buffer_size(&cp4, &id2, &fd4) == 4,
           "four gathered 1-channel pixels");
    expect_status("conv_1x1_strided_null_scratch", 0,
                  tsn_convolve_1x1_s8(&none, &cp4, &qp, &id2, xi, &fd4, wi, NULL, &od4, yo), TSN_ARG_ERROR);
    expect_status("conv_1x1_strided_null_scratch", 1,
                  tsn_dsp_convolve_1x1_start_s8(&none, &cp4, &qp, &id2, xi, &fd4, wi, bias, &od4, yo), TSN_ARG_ERROR);
}

/* ---- depthwise --------------------------------------------------------------- */

/* kind: 0 general, 1 3x3, 2 wrapper (given its optional scratch half the
 * time), 3 plane */
static void test_depthwise(int idx, int kind)
{
    static const char *names[4] = {"depthwise_conv_s8", "depthwise_conv_3x3_s8", "depthwise_conv_wrapper_s8",
                                   "depthwise_conv_plane_s8"};
    const char *name = names[kind];
    int N, H, W, C, M, KH, KW, sh, sw, dh, dw, same, OH, OW, ph, pw;
    do {
        N = rint_in(1, 2);
        H = rint_in(1, 12);
        W = rint_in(1, 12);
        C = rint_in(1, 13);
        M = rnd() % 3 == 0 ? rint_in(2, 3) : 1;
        KH = rint_in(1, 5);
        KW = rint_in(1, 5);
        sh = rint_in(1, 2);
        sw = rint_in(1, 2);
        dh = rnd() % 4 == 0 ? 2 : 1;
        dw = rnd() % 4 == 0 ? 2 : 1;
        same = (int)(rnd() & 1);
        if (kind == 1 || (kind == 2 && rnd() % 2)) {
            KH = KW = 3;
            M = 1;
            dh = dw = 1;
        }
        if (kind == 3 || (kind == 2 && rnd() % 3 == 0)) {
            /* the plane kernel's domain, wide enough for its 3x3 route */
            KH = KW = 3 + 2 * rint_in(0, 2);
            M = 1;
            dh = dw = 1;
            H = rint_in(1, 16);
            W = rint_in(1, 16);
            if (kind == 2) {
                sh = sw = 1;
            }
        }
        if (idx % 4 == 0) {
            /* enough channels for the four-channel blocks and their tail */
            C = rint_in(14, 40);
            M = 1;
        }
        out_dim(H, KH, sh, dh, same, &OH, &ph);
        out_dim(W, KW, sw, dw, same, &OW, &pw);
    } while (OH < 1 || OW < 1);
    const int OC = C * M;
    const int in_n = N * H * W * C, f_n = KH * KW * OC, out_n = N * OH * OW * OC;
    int8_t *x = xalloc((size_t)in_n), *w = xalloc((size_t)f_n);
    int8_t *y0 = xalloc((size_t)out_n), *y1 = xalloc((size_t)out_n), *yr = xalloc((size_t)out_n);
    int32_t *qm = xalloc(sizeof(int32_t) * (size_t)OC), *qs = xalloc(sizeof(int32_t) * (size_t)OC);
    fill_s8(x, in_n);
    fill_s8(w, f_n);
    int32_t *bias = rand_bias(OC);
    rand_quant(qm, qs, OC);
    const int per_channel = rnd() % 4 != 0;
    int amin, amax;
    rand_act(&amin, &amax);
    tsn_dw_conv_params p = {-rint_in(-128, 127), rint_in(-128, 127), M, {sh, sw}, {ph, pw}, {dh, dw}, {amin, amax}};
    tsn_quant_params qp = {qm, qs, per_channel};
    tsn_dims id = {N, H, W, C}, fd = {1, KH, KW, OC}, od = {N, OH, OW, OC};
    tsn_context ctx = {NULL, 0};
    void *scratch = NULL;
    if (kind == 3 || ((kind == 2 || kind == 1) && rnd() % 2)) {
        /* the 3x3 kernel with its scratch takes its widened route */
        const int32_t bytes = kind == 3   ? tsn_depthwise_conv_plane_s8_get_buffer_size(&p, &id, &fd)
                              : kind == 1 ? tsn_depthwise_conv_3x3_s8_get_buffer_size(&p, &id, &fd)
                                          : tsn_depthwise_conv_wrapper_s8_get_buffer_size(&p, &id, &fd);
        scratch = bytes > 0 ? xalloc((size_t)bytes) : NULL;
        ctx.buf = scratch;
        ctx.size = bytes;
    }
    tsn_status s0, s1;
    if (kind == 3) {
        s0 = tsn_depthwise_conv_plane_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y0);
        s1 = tsn_dsp_depthwise_conv_plane_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y1);
    } else if (kind == 0) {
        s0 = tsn_depthwise_conv_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y0);
        s1 = tsn_dsp_depthwise_conv_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y1);
    } else if (kind == 1) {
        s0 = tsn_depthwise_conv_3x3_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y0);
        s1 = tsn_dsp_depthwise_conv_3x3_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y1);
    } else {
        s0 = tsn_depthwise_conv_wrapper_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y0);
        s1 = tsn_dsp_depthwise_conv_wrapper_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y1);
    }
    ref_conv_args ra = {p.input_offset, p.output_offset, 0, sh, sw, ph, pw, dh, dw, M, amin, amax, qm, qs, per_channel};
    ref_shape ri = {N, H, W, C}, rf = {1, KH, KW, OC}, ro = {N, OH, OW, OC};
    ref_depthwise(&ra, ri, x, rf, w, bias, ro, yr);
    expect_status(name, idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8(name, idx, "dsp vs portable", y1, y0, out_n);
    cmp_s8(name, idx, "portable vs reference", y0, yr, out_n);
    free(x); free(w); free(y0); free(y1); free(yr); free(qm); free(qs); free(bias); free(scratch);
}

/* The plane kernel, and the 3x3 kernel's widened route on a multiple of 4
 * channels (wide3x3), in place: output and input the same bytes (stride 1
 * and 2), against the reference on a copy. */
static void test_depthwise_in_place(int idx, int wide3x3)
{
    const int k = wide3x3 ? 3 : 3 + 2 * rint_in(0, 2), s = rint_in(1, 2), same = 1;
    const int hw_max = wide3x3 ? 8 : 16; /* the widened route asks for scratch on small maps only */
    const int N = 1, H = rint_in(k, hw_max), W = rint_in(k, hw_max), C = wide3x3 ? 4 * rint_in(1, 6) : rint_in(1, 20);
    int OH, OW, ph, pw;
    out_dim(H, k, s, 1, same, &OH, &ph);
    out_dim(W, k, s, 1, same, &OW, &pw);
    const int in_n = H * W * C, f_n = k * k * C, out_n = OH * OW * C;
    int8_t *x = xalloc((size_t)in_n), *w = xalloc((size_t)f_n), *yr = xalloc((size_t)out_n);
    int8_t *d0 = xalloc((size_t)in_n), *d1 = xalloc((size_t)in_n);
    int32_t *qm = xalloc(sizeof(int32_t) * (size_t)C), *qs = xalloc(sizeof(int32_t) * (size_t)C);
    fill_s8(x, in_n);
    fill_s8(w, f_n);
    memcpy(d0, x, (size_t)in_n);
    memcpy(d1, x, (size_t)in_n);
    int32_t *bias = rand_bias(C);
    rand_quant(qm, qs, C);
    int amin, amax;
    rand_act(&amin, &amax);
    tsn_dw_conv_params p = {-rint_in(-128, 127), rint_in(-128, 127), 1, {s, s}, {ph, pw}, {1, 1}, {amin, amax}};
    tsn_quant_params qp = {qm, qs, 1};
    tsn_dims id = {N, H, W, C}, fd = {1, k, k, C}, od = {N, OH, OW, C};
    const int32_t bytes = wide3x3 ? tsn_depthwise_conv_3x3_s8_get_buffer_size(&p, &id, &fd)
                                  : tsn_depthwise_conv_plane_s8_get_buffer_size(&p, &id, &fd);
    void *scratch = xalloc((size_t)bytes);
    tsn_context ctx = {scratch, bytes};
    /* (the portable 3x3 body is not in-place safe: the reference stands in) */
    const tsn_status s0 = wide3x3 ? TSN_SUCCESS
                                  : tsn_depthwise_conv_plane_s8(&ctx, &p, &qp, &id, d0, &fd, w, bias, &od, d0);
    const tsn_status s1 = wide3x3 ? tsn_dsp_depthwise_conv_3x3_s8(&ctx, &p, &qp, &id, d1, &fd, w, bias, &od, d1)
                                  : tsn_dsp_depthwise_conv_plane_s8(&ctx, &p, &qp, &id, d1, &fd, w, bias, &od, d1);
    ref_conv_args ra = {p.input_offset, p.output_offset, 0, s, s, ph, pw, 1, 1, 1, amin, amax, qm, qs, 1};
    ref_shape ri = {N, H, W, C}, rf = {1, k, k, C}, ro = {N, OH, OW, C};
    ref_depthwise(&ra, ri, x, rf, w, bias, ro, yr);
    const char *name = wide3x3 ? "depthwise_3x3_wide_in_place" : "depthwise_plane_in_place";
    expect_status(name, idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    if (!wide3x3) {
        cmp_s8(name, idx, "portable vs reference", d0, yr, out_n);
    }
    cmp_s8(name, idx, "dsp vs reference", d1, yr, out_n);
    free(x); free(w); free(yr); free(d0); free(d1); free(qm); free(qs); free(bias); free(scratch);
}

static void test_dw_fc_hand(void)
{
    /* depthwise, 2 channels, multiplier 2 -> 4 outputs, 1x1 input [3, -2],
     * filter taps [1, 2, -1, 5], bias [0, 1, 0, 0], scale 1.0: [3, 7, 2, -10] */
    const int8_t x[2] = {3, -2}, w[4] = {1, 2, -1, 5};
    const int32_t bias[4] = {0, 1, 0, 0}, m[1] = {1 << 30}, s[1] = {1};
    int8_t y[4], yd[4];
    tsn_dw_conv_params p = {0, 0, 2, {1, 1}, {0, 0}, {1, 1}, {-128, 127}};
    tsn_quant_params qp = {m, s, 0};
    tsn_dims id = {1, 1, 1, 2}, fd = {1, 1, 1, 4}, od = {1, 1, 1, 4};
    tsn_context ctx = {NULL, 0};
    tsn_depthwise_conv_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y);
    tsn_dsp_depthwise_conv_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, yd);
    result("depthwise_hand", 0, y[0] == 3 && y[1] == 7 && y[2] == 2 && y[3] == -10 && memcmp(y, yd, 4) == 0,
           "oc = ic * mult + m");

    /* fully connected: x = [1, 2] with zero point -1 (offset +1 -> [2, 3]),
     * w = [[3, 4], [-1, 1]], bias [1, 0], scale 0.5 (2^30, shift 0):
     * [(6 + 12 + 1) / 2, (-2 + 3) / 2] = [9.5, 0.5] -> [10, 1] */
    const int8_t fx[2] = {1, 2}, fw[4] = {3, 4, -1, 1};
    const int32_t fb[2] = {1, 0}, fm[1] = {1 << 30}, fs[1] = {0};
    int8_t fy[2], fyd[2];
    tsn_fc_params fp = {1, 0, 0, {-128, 127}};
    tsn_quant_params fq = {fm, fs, 0};
    tsn_dims fid = {1, 1, 1, 2}, ffd = {2, 1, 1, 2}, fod = {1, 1, 1, 2};
    tsn_fully_connected_s8(&ctx, &fp, &fq, &fid, fx, &ffd, fw, fb, &fod, fy);
    tsn_dsp_fully_connected_s8(&ctx, &fp, &fq, &fid, fx, &ffd, fw, fb, &fod, fyd);
    result("fully_connected_hand", 0, fy[0] == 10 && fy[1] == 1 && memcmp(fy, fyd, 2) == 0,
           "9.5 -> 10, 0.5 -> 1");
}

/* ---- fully connected -------------------------------------------------------- */

static void test_fc(int idx)
{
    const int B = rint_in(1, 3), D = rint_in(1, 40), U = rint_in(1, 11);
    int8_t *x = xalloc((size_t)(B * D)), *w = xalloc((size_t)(U * D));
    int8_t *y0 = xalloc((size_t)(B * U)), *y1 = xalloc((size_t)(B * U)), *yr = xalloc((size_t)(B * U));
    int32_t *qm = xalloc(sizeof(int32_t) * (size_t)U), *qs = xalloc(sizeof(int32_t) * (size_t)U);
    fill_s8(x, B * D);
    fill_s8(w, U * D);
    int32_t *bias = rand_bias(U);
    rand_quant(qm, qs, U);
    const int per_channel = (int)(rnd() & 1);
    int amin, amax;
    rand_act(&amin, &amax);
    tsn_fc_params p = {-rint_in(-128, 127), rnd() % 4 == 0 ? -rint_in(-128, 127) : 0, rint_in(-128, 127), {amin, amax}};
    tsn_quant_params qp = {qm, qs, per_channel};
    tsn_dims id = {B, 1, 1, D}, fd = {U, 1, 1, D}, od = {B, 1, 1, U};
    tsn_context ctx = {NULL, 0};
    tsn_status s0 = tsn_fully_connected_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y0);
    tsn_status s1 = tsn_dsp_fully_connected_s8(&ctx, &p, &qp, &id, x, &fd, w, bias, &od, y1);
    ref_conv_args ra = {p.input_offset, p.output_offset, p.filter_offset, 1, 1, 0, 0, 1, 1, 1, amin, amax, qm, qs, per_channel};
    ref_fc(&ra, B, D, U, x, w, bias, yr);
    expect_status("fully_connected_s8", idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8("fully_connected_s8", idx, "dsp vs portable", y1, y0, B * U);
    cmp_s8("fully_connected_s8", idx, "portable vs reference", y0, yr, B * U);
    free(x); free(w); free(y0); free(y1); free(yr); free(qm); free(qs); free(bias);
}

/* ---- pooling ---------------------------------------------------------------- */

static void test_pool(int idx, int is_max, int big)
{
    const char *name = is_max ? "maxpool_s8" : "avgpool_s8";
    int N, H, W, C, KH, KW, sh, sw, same, OH, OW, ph, pw;
    do {
        N = rint_in(1, 2);
        H = big ? 17 : rint_in(1, 10);
        W = big ? 17 : rint_in(1, 10);
        C = rint_in(1, 13);
        KH = big ? 16 : rint_in(1, 4);
        KW = big ? 17 : rint_in(1, 4);
        sh = rint_in(1, 2);
        sw = rint_in(1, 2);
        same = big ? 0 : (int)(rnd() & 1);
        out_dim(H, KH, sh, 1, same, &OH, &ph);
        out_dim(W, KW, sw, 1, same, &OW, &pw);
    } while (OH < 1 || OW < 1);
    const int in_n = N * H * W * C, out_n = N * OH * OW * C;
    int8_t *x = xalloc((size_t)in_n), *y0 = xalloc((size_t)out_n), *y1 = xalloc((size_t)out_n), *yr = xalloc((size_t)out_n);
    fill_s8(x, in_n);
    if (big) {
        /* one extreme value per channel: 16-bit lane sums would overflow
         * without the > 256-tap fallback */
        for (int i = 0; i < in_n; i++) x[i] = (i % C) & 1 ? 127 : -128;
    }
    int amin, amax;
    rand_act(&amin, &amax);
    tsn_pool_params p = {{sh, sw}, {ph, pw}, {amin, amax}};
    tsn_dims id = {N, H, W, C}, fd = {1, KH, KW, 1}, od = {N, OH, OW, C};
    tsn_context ctx = {NULL, 0};
    tsn_status s0, s1;
    ref_shape ri = {N, H, W, C}, ro = {N, OH, OW, C};
    if (is_max) {
        s0 = tsn_maxpool_s8(&ctx, &p, &id, x, &fd, &od, y0);
        s1 = tsn_dsp_maxpool_s8(&ctx, &p, &id, x, &fd, &od, y1);
        ref_maxpool(sh, sw, ph, pw, KH, KW, amin, amax, ri, x, ro, yr);
    } else {
        s0 = tsn_avgpool_s8(&ctx, &p, &id, x, &fd, &od, y0);
        s1 = tsn_dsp_avgpool_s8(&ctx, &p, &id, x, &fd, &od, y1);
        ref_avgpool(sh, sw, ph, pw, KH, KW, amin, amax, ri, x, ro, yr);
    }
    expect_status(name, idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8(name, idx, "dsp vs portable", y1, y0, out_n);
    cmp_s8(name, idx, "portable vs reference", y0, yr, out_n);
    free(x); free(y0); free(y1); free(yr);
}

static void test_pool_hand(void)
{
    /* 2x2 window over [1,2,3,4]: mean 2.5 -> 3; over [-1,-2,-3,-4] -> -3; max 4 / -1 */
    const int8_t x[8] = {1, -1, 2, -2, 3, -3, 4, -4};
    int8_t ya[2], yad[2], ym[2], ymd[2];
    tsn_pool_params p = {{1, 1}, {0, 0}, {-128, 127}};
    tsn_dims id = {1, 2, 2, 2}, fd = {1, 2, 2, 1}, od = {1, 1, 1, 2};
    tsn_context ctx = {NULL, 0};
    tsn_avgpool_s8(&ctx, &p, &id, x, &fd, &od, ya);
    tsn_dsp_avgpool_s8(&ctx, &p, &id, x, &fd, &od, yad);
    tsn_maxpool_s8(&ctx, &p, &id, x, &fd, &od, ym);
    tsn_dsp_maxpool_s8(&ctx, &p, &id, x, &fd, &od, ymd);
    result("avgpool_hand", 0, ya[0] == 3 && ya[1] == -3 && yad[0] == 3 && yad[1] == -3, "rounding half away from zero");
    result("maxpool_hand", 0, ym[0] == 4 && ym[1] == -1 && ymd[0] == 4 && ymd[1] == -1, "max");
}

/* ---- add ----------------------------------------------------------------------- */

static void add_params(double s1, double s2, double so, int z1, int z2, int zo, tsn_add_params *p)
{
    const double twice_max = 2.0 * (s1 > s2 ? s1 : s2);
    p->left_shift = 20;
    p->input1_offset = -z1;
    p->input2_offset = -z2;
    p->output_offset = zo;
    quantize_multiplier(s1 / twice_max, &p->input1_multiplier, &p->input1_shift);
    quantize_multiplier(s2 / twice_max, &p->input2_multiplier, &p->input2_shift);
    quantize_multiplier(twice_max / ((double)(1 << 20) * so), &p->output_multiplier, &p->output_shift);
}

static void test_add(int idx)
{
    /* every third case is large enough for the table route (with scratch) */
    const int n = idx % 3 == 0 ? rint_in(512, 1500) : rint_in(1, 100);
    int8_t *a = xalloc((size_t)n), *b = xalloc((size_t)n), *y0 = xalloc((size_t)n), *y1 = xalloc((size_t)n),
           *y2 = xalloc((size_t)n), *yr = xalloc((size_t)n);
    fill_s8(a, n);
    fill_s8(b, n);
    tsn_add_params p;
    add_params(rfloat(0.005, 0.2), rfloat(0.005, 0.2), rfloat(0.005, 0.3), rint_in(-128, 127),
               rint_in(-128, 127), rint_in(-128, 127), &p);
    int amin, amax;
    rand_act(&amin, &amax);
    p.activation.min = amin;
    p.activation.max = amax;
    const int32_t bytes = tsn_add_s8_get_buffer_size(n);
    int32_t *scratch = bytes ? xalloc((size_t)bytes) : NULL;
    tsn_context ctx = {scratch, bytes};
    /* portable without scratch, DSP with it, DSP without it */
    tsn_status s0 = tsn_add_s8(NULL, &p, a, b, y0, n), s1 = tsn_dsp_add_s8(&ctx, &p, a, b, y1, n),
               s2 = tsn_dsp_add_s8(NULL, &p, a, b, y2, n);
    const int32_t rp[10] = {p.input1_offset, p.input1_multiplier, p.input1_shift, p.input2_offset,
                            p.input2_multiplier, p.input2_shift, p.left_shift, p.output_offset,
                            p.output_multiplier, p.output_shift};
    ref_add(rp, p.activation.min, p.activation.max, a, b, yr, n);
    expect_status("add_s8", idx,
                  s0 == TSN_SUCCESS && s1 == TSN_SUCCESS && s2 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR,
                  TSN_SUCCESS);
    cmp_s8("add_s8", idx, "dsp with scratch vs portable", y1, y0, n);
    cmp_s8("add_s8", idx, "dsp without scratch vs portable", y2, y0, n);
    cmp_s8("add_s8", idx, "portable vs reference", y0, yr, n);
    free(a); free(b); free(y0); free(y1); free(y2); free(yr); free(scratch);
}

static void test_add_hand(void)
{
    /* equal scales 1.0, zero points 0: 10 + 20 = 30; 100 + 100 saturates at 127 */
    tsn_add_params p;
    add_params(1.0, 1.0, 1.0, 0, 0, 0, &p);
    p.activation.min = -128;
    p.activation.max = 127;
    const int8_t a[2] = {10, 100}, b[2] = {20, 100};
    int8_t y[2], yd[2];
    tsn_add_s8(NULL, &p, a, b, y, 2);
    tsn_dsp_add_s8(NULL, &p, a, b, yd, 2);
    result("add_hand", 0, y[0] == 30 && y[1] == 127 && yd[0] == 30 && yd[1] == 127, "10+20=30, clamp");
}

/* ---- mean ------------------------------------------------------------------- */

static void test_mean(int idx, int big)
{
    const int N = rint_in(1, 2), H = big ? 20 : rint_in(1, 8), W = big ? 20 : rint_in(1, 8), C = rint_in(1, 13);
    const int in_n = N * H * W * C;
    int8_t *x = xalloc((size_t)in_n), *y0 = xalloc((size_t)(N * C)), *y1 = xalloc((size_t)(N * C)), *yr = xalloc((size_t)(N * C));
    fill_s8(x, in_n);
    if (big) {
        /* one extreme value per channel over 400 pixels: exercises the flush
         * of the 16-bit lanes every 256 pixels */
        for (int i = 0; i < in_n; i++) x[i] = (i % C) & 1 ? 127 : -128;
    }
    const int zi = rint_in(-128, 127), zo = rint_in(-128, 127);
    tsn_mean_params p = {-zi, zo, 0, 0};
    quantize_multiplier(rfloat(0.3, 3.0), &p.multiplier, &p.shift);
    tsn_dims id = {N, H, W, C};
    tsn_status s0 = tsn_mean_s8(&p, &id, x, y0), s1 = tsn_dsp_mean_s8(&p, &id, x, y1);
    ref_shape ri = {N, H, W, C};
    ref_mean(zi, zo, p.multiplier, p.shift, ri, x, yr);
    expect_status("mean_s8", idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8("mean_s8", idx, "dsp vs portable", y1, y0, N * C);
    cmp_s8("mean_s8", idx, "portable vs reference", y0, yr, N * C);
    free(x); free(y0); free(y1); free(yr);
}

/* ---- softmax / log-softmax ---------------------------------------------------- */

/* TFLite PreprocessSoftmaxScaling + CalculateInputRadius with 5 integer bits. */
static void softmax_params(double input_scale, int32_t *mult, int32_t *lshift, int32_t *diff_min)
{
    double real = input_scale * (double)(1 << 26);
    if (real > 2147483647.0) real = 2147483647.0;
    quantize_multiplier(real, mult, lshift);
    const double radius = 31.0 * (double)(1ll << 26) / (double)(1ll << *lshift);
    *diff_min = -(int32_t)floor(radius);
}

static void test_softmax(int idx)
{
    const int rows = rint_in(1, 4), depth = rint_in(1, 40), n = rows * depth;
    int8_t *x = xalloc((size_t)n), *y0 = xalloc((size_t)n), *y1 = xalloc((size_t)n), *yr = xalloc((size_t)n);
    fill_s8(x, n);
    const double scale = rfloat(0.01, 0.3);
    tsn_softmax_params p;
    softmax_params(scale, &p.input_multiplier, &p.input_left_shift, &p.diff_min);
    tsn_status s0 = tsn_softmax_s8(&p, x, rows, depth, y0), s1 = tsn_dsp_softmax_s8(&p, x, rows, depth, y1);
    ref_softmax(p.input_multiplier, p.input_left_shift, p.diff_min, rows, depth, x, yr);
    expect_status("softmax_s8", idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8("softmax_s8", idx, "dsp vs portable", y1, y0, n);
    cmp_s8("softmax_s8", idx, "portable vs reference", y0, yr, n);
    /* sanity against float softmax: within 2 LSB of 1/256 */
    int worst = 0;
    for (int r = 0; r < rows; r++) {
        double mx = -1e9, sum = 0;
        for (int c = 0; c < depth; c++) mx = fmax(mx, x[r * depth + c] * scale);
        for (int c = 0; c < depth; c++) sum += exp(x[r * depth + c] * scale - mx);
        for (int c = 0; c < depth; c++) {
            const double q = exp(x[r * depth + c] * scale - mx) / sum * 256.0 - 128.0;
            const int d = abs(y0[r * depth + c] - (int)fmin(127.0, floor(q + 0.5)));
            worst = d > worst ? d : worst;
        }
    }
    result("softmax_vs_float", idx, worst <= 2, "more than 2 LSB from float softmax");
    free(x); free(y0); free(y1); free(yr);
}

static void test_log_softmax(int idx)
{
    const int rows = rint_in(1, 4), depth = rint_in(1, 40), n = rows * depth;
    int8_t *x = xalloc((size_t)n), *y0 = xalloc((size_t)n), *y1 = xalloc((size_t)n), *yr = xalloc((size_t)n);
    fill_s8(x, n);
    const double scale = rfloat(0.01, 0.3);
    tsn_log_softmax_params p;
    softmax_params(scale, &p.input_multiplier, &p.input_shift, &p.diff_min);
    /* reverse scaling, as TFLite's PreprocessLogSoftmaxScalingExp */
    int32_t rev_m, rev_ls;
    quantize_multiplier((double)(1ll << (31 - p.input_shift)) / (double)p.input_multiplier, &rev_m, &rev_ls);
    p.reverse_multiplier = rev_m;
    p.reverse_shift = -rev_ls;
    tsn_status s0 = tsn_log_softmax_s8(&p, x, rows, depth, y0), s1 = tsn_dsp_log_softmax_s8(&p, x, rows, depth, y1);
    ref_log_softmax(p.input_multiplier, p.input_shift, p.reverse_multiplier, p.reverse_shift, p.diff_min, rows, depth, x, yr);
    expect_status("log_softmax_s8", idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8("log_softmax_s8", idx, "dsp vs portable", y1, y0, n);
    cmp_s8("log_softmax_s8", idx, "portable vs reference", y0, yr, n);
    /* sanity against float: output = 127 + 16 * log_softmax, within 2 LSB;
     * inputs more than diff_min below the row's largest are -128 by
     * definition (TFLite's cut-off), not compared */
    int worst = 0, cut_off_ok = 1;
    for (int r = 0; r < rows; r++) {
        double mx = -1e9, sum = 0;
        int x_max = -128;
        for (int c = 0; c < depth; c++) mx = fmax(mx, x[r * depth + c] * scale);
        for (int c = 0; c < depth; c++) x_max = x[r * depth + c] > x_max ? x[r * depth + c] : x_max;
        for (int c = 0; c < depth; c++) sum += exp(x[r * depth + c] * scale - mx);
        for (int c = 0; c < depth; c++) {
            if (x[r * depth + c] - x_max < p.diff_min) {
                cut_off_ok &= y0[r * depth + c] == -128;
                continue;
            }
            const double q = 127.0 + 16.0 * (x[r * depth + c] * scale - mx - log(sum));
            const int e = (int)fmax(-128.0, floor(q + 0.5));
            const int d = abs(y0[r * depth + c] - e);
            worst = d > worst ? d : worst;
        }
    }
    result("log_softmax_vs_float", idx, worst <= 2, "more than 2 LSB from float log-softmax");
    result("log_softmax_cut_off", idx, cut_off_ok, "an input below diff_min gave more than -128");
    free(x); free(y0); free(y1); free(yr);
}

static void test_softmax_hand(void)
{
    /* four equal logits: 1/4 each -> 0.25 * 256 - 128 = -64 */
    const int8_t x[4] = {7, 7, 7, 7};
    int8_t y[4], yd[4];
    tsn_softmax_params p;
    softmax_params(0.1, &p.input_multiplier, &p.input_left_shift, &p.diff_min);
    tsn_softmax_s8(&p, x, 1, 4, y);
    tsn_dsp_softmax_s8(&p, x, 1, 4, yd);
    result("softmax_hand", 0, y[0] == -64 && y[3] == -64 && memcmp(y, yd, 4) == 0, "uniform row -> -64");
    /* log(1/4) = -1.386 -> 127 - 22.18 = 104.8 -> 105 */
    tsn_log_softmax_params lp;
    int32_t rm, rs;
    softmax_params(0.1, &lp.input_multiplier, &lp.input_shift, &lp.diff_min);
    quantize_multiplier((double)(1ll << (31 - lp.input_shift)) / (double)lp.input_multiplier, &rm, &rs);
    lp.reverse_multiplier = rm;
    lp.reverse_shift = -rs;
    tsn_log_softmax_s8(&lp, x, 1, 4, y);
    result("log_softmax_hand", 0, y[0] == 105 && y[3] == 105, "uniform row of 4 -> 105");
}

/* ---- pad / transpose ----------------------------------------------------------- */

static void test_pad(int idx)
{
    int in[4], out[4];
    tsn_pad_params p;
    for (int i = 0; i < 4; i++) {
        in[i] = rint_in(1, 4);
        p.before[i] = rint_in(0, 2);
        p.after[i] = rint_in(0, 2);
        out[i] = in[i] + p.before[i] + p.after[i];
    }
    p.pad_value = (int8_t)rint_in(-128, 127);
    const int in_n = in[0] * in[1] * in[2] * in[3], out_n = out[0] * out[1] * out[2] * out[3];
    int8_t *x = xalloc((size_t)in_n), *y0 = xalloc((size_t)out_n), *y1 = xalloc((size_t)out_n), *yr = xalloc((size_t)out_n);
    fill_s8(x, in_n);
    tsn_dims id = {in[0], in[1], in[2], in[3]}, od = {out[0], out[1], out[2], out[3]};
    tsn_status s0 = tsn_pad_s8(&p, &id, x, &od, y0), s1 = tsn_dsp_pad_s8(&p, &id, x, &od, y1);
    int k = 0;
    for (int a = 0; a < out[0]; a++)
        for (int b = 0; b < out[1]; b++)
            for (int c = 0; c < out[2]; c++)
                for (int d = 0; d < out[3]; d++) {
                    const int ia = a - p.before[0], ib = b - p.before[1], ic = c - p.before[2], jd = d - p.before[3];
                    const int inside = ia >= 0 && ia < in[0] && ib >= 0 && ib < in[1] && ic >= 0 && ic < in[2] && jd >= 0 && jd < in[3];
                    yr[k++] = inside ? x[((ia * in[1] + ib) * in[2] + ic) * in[3] + jd] : p.pad_value;
                }
    expect_status("pad_s8", idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8("pad_s8", idx, "dsp vs portable", y1, y0, out_n);
    cmp_s8("pad_s8", idx, "portable vs reference", y0, yr, out_n);
    free(x); free(y0); free(y1); free(yr);
}

static void test_transpose(int idx)
{
    tsn_transpose_params p;
    int32_t shape[4];
    p.num_dims = rint_in(1, 4);
    int n = 1;
    for (int i = 0; i < p.num_dims; i++) {
        shape[i] = rint_in(1, 5);
        n *= shape[i];
        p.perm[i] = i;
    }
    for (int i = p.num_dims - 1; i > 0; i--) {
        const int j = rint_in(0, i), t = p.perm[i];
        p.perm[i] = p.perm[j];
        p.perm[j] = t;
    }
    int8_t *x = xalloc((size_t)n), *y0 = xalloc((size_t)n), *y1 = xalloc((size_t)n), *yr = xalloc((size_t)n);
    fill_s8(x, n);
    tsn_status s0 = tsn_transpose_s8(&p, shape, x, y0), s1 = tsn_dsp_transpose_s8(&p, shape, x, y1);
    /* reference: walk the output in order, map each output index back */
    int oshape[4], idxv[4] = {0, 0, 0, 0};
    for (int i = 0; i < p.num_dims; i++) oshape[i] = shape[p.perm[i]];
    for (int k = 0; k < n; k++) {
        int in_idx[4] = {0, 0, 0, 0}, off = 0;
        for (int i = 0; i < p.num_dims; i++) in_idx[p.perm[i]] = idxv[i];
        for (int i = 0; i < p.num_dims; i++) off = off * shape[i] + in_idx[i];
        yr[k] = x[off];
        for (int i = p.num_dims - 1; i >= 0; i--) {
            if (++idxv[i] < oshape[i]) break;
            idxv[i] = 0;
        }
    }
    expect_status("transpose_s8", idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8("transpose_s8", idx, "dsp vs portable", y1, y0, n);
    cmp_s8("transpose_s8", idx, "portable vs reference", y0, yr, n);
    free(x); free(y0); free(y1); free(yr);
}

static void test_reshape_hand(void)
{
    const int8_t x[6] = {1, 2, 3, 4, 5, 6}; /* 2x3 */
    const int8_t want[6] = {1, 4, 2, 5, 3, 6};
    int8_t y[6];
    tsn_transpose_params tp = {2, {1, 0, 0, 0}};
    const int32_t shape[2] = {2, 3};
    tsn_transpose_s8(&tp, shape, x, y);
    result("transpose_hand", 0, memcmp(y, want, 6) == 0, "2x3 -> 3x2");

    const int8_t one = 9;
    int8_t yp[9];
    tsn_pad_params pp = {{0, 1, 1, 0}, {0, 1, 1, 0}, -3};
    tsn_dims id = {1, 1, 1, 1}, od = {1, 3, 3, 1};
    tsn_pad_s8(&pp, &id, &one, &od, yp);
    result("pad_hand", 0, yp[4] == 9 && yp[0] == -3 && yp[8] == -3, "1x1 padded to 3x3");

    /* mean of [1,2,3,4] with scale 1 -> 2.5 -> 3 */
    const int8_t xm[4] = {1, 2, 3, 4};
    int8_t ym, ymd;
    tsn_mean_params mp = {0, 0, 1 << 30, 1};
    tsn_dims md = {1, 2, 2, 1};
    tsn_mean_s8(&mp, &md, xm, &ym);
    tsn_dsp_mean_s8(&mp, &md, xm, &ymd);
    result("mean_hand", 0, ym == 3 && ymd == 3, "mean 2.5 -> 3");
}

/* ---- quantize / dequantize / requantize ------------------------------------------ */

static void test_quant(int idx)
{
    const int n = rint_in(1, 64);
    const float scale = (float)rfloat(0.005, 0.05);
    const int zp = rint_in(-128, 127);
    float *f = xalloc(sizeof(float) * (size_t)n), *g0 = xalloc(sizeof(float) * (size_t)n), *g1 = xalloc(sizeof(float) * (size_t)n), *gr = xalloc(sizeof(float) * (size_t)n);
    int8_t *y0 = xalloc((size_t)n), *y1 = xalloc((size_t)n), *yr = xalloc((size_t)n);
    for (int i = 0; i < n; i++) {
        /* a third of the values sit exactly on a rounding tie */
        f[i] = rnd() % 3 == 0 ? (float)(rint_in(-400, 400) + 0.5) * scale : (float)rfloat(-4.0, 4.0);
    }
    tsn_status s0 = tsn_quantize_f32_s8(f, y0, n, scale, zp), s1 = tsn_dsp_quantize_f32_s8(f, y1, n, scale, zp);
    for (int i = 0; i < n; i++) {
        const long q = lroundf(f[i] / scale) + zp;
        yr[i] = (int8_t)(q < -128 ? -128 : (q > 127 ? 127 : q));
    }
    expect_status("quantize_f32_s8", idx, s0 == TSN_SUCCESS && s1 == TSN_SUCCESS ? TSN_SUCCESS : TSN_ARG_ERROR, TSN_SUCCESS);
    cmp_s8("quantize_f32_s8", idx, "dsp vs portable", y1, y0, n);
    cmp_s8("quantize_f32_s8", idx, "portable vs reference", y0, yr, n);

    fill_s8(y0, n);
    tsn_dequantize_s8_f32(y0, g0, n, scale, zp);
    tsn_dsp_dequantize_s8_f32(y0, g1, n, scale, zp);
    for (int i = 0; i < n; i++) gr[i] = (float)((double)scale * (double)(y0[i] - zp)); /* TFLite: double product */
    result("dequantize_s8_f32", idx, memcmp(g0, g1, sizeof(float) * (size_t)n) == 0, "dsp vs portable");
    result("dequantize_s8_f32", idx, memcmp(g0, gr, sizeof(float) * (size_t)n) == 0, "portable vs reference");

    const int zi = rint_in(-128, 127), zo = rint_in(-128, 127);
    int32_t m, s;
    quantize_multiplier(rfloat(0.1, 4.0), &m, &s);
    tsn_requantize_s8(y0, y1, n, -zi, m, s, zo);
    int8_t *y2 = xalloc((size_t)n);
    tsn_dsp_requantize_s8(y0, y2, n, -zi, m, s, zo);
    for (int i = 0; i < n; i++) {
        const int v = ref_mbqm(y0[i] - zi, m, s) + zo;
        yr[i] = (int8_t)(v < -128 ? -128 : (v > 127 ? 127 : v));
    }
    cmp_s8("requantize_s8", idx, "dsp vs portable", y2, y1, n);
    cmp_s8("requantize_s8", idx, "portable vs reference", y1, yr, n);
    free(f); free(g0); free(g1); free(gr); free(y0); free(y1); free(yr); free(y2);
}

static void test_quant_hand(void)
{
    const float f[4] = {0.5f, 0.25f, -0.25f, 100.0f};
    int8_t y[4];
    tsn_quantize_f32_s8(f, y, 4, 0.5f, 1);
    result("quantize_hand", 0, y[0] == 2 && y[1] == 2 && y[2] == 0 && y[3] == 127, "ties away from zero, clamp");
    const int8_t q = 3;
    float g;
    tsn_dequantize_s8_f32(&q, &g, 1, 0.5f, 1);
    result("dequantize_hand", 0, g == 1.0f, "0.5 * (3 - 1)");
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 1;
    test_requant_helpers();
    test_fixed_point();
    test_conv_hand();
    test_pointwise_requant_routes();
    for (int i = 0; i < 24; i++) test_pointwise_borrowed_chunk(i);
    test_depthwise_requant_routes();
    test_dw_fc_hand();
    test_pool_hand();
    test_add_hand();
    test_softmax_hand();
    test_reshape_hand();
    test_quant_hand();
    for (int r = 0; r < reps; r++) {
        for (int i = 0; i < 300; i++) test_conv(i, 0);
        for (int i = 0; i < 200; i++) test_conv(i, 1);
        for (int i = 0; i < 200; i++) test_conv(i, 2);
        for (int i = 0; i < 300; i++) test_conv(i, 3);
        for (int i = 0; i < 200; i++) test_conv(i, 4);
        for (int i = 0; i < 200; i++) test_conv(i, 5);
        for (int i = 0; i < 300; i++) test_depthwise(i, 0);
        for (int i = 0; i < 200; i++) test_depthwise(i, 1);
        for (int i = 0; i < 200; i++) test_depthwise(i, 2);
        for (int i = 0; i < 300; i++) test_depthwise(i, 3);
        for (int i = 0; i < 100; i++) test_depthwise_in_place(i, 0);
        for (int i = 0; i < 100; i++) test_depthwise_in_place(i, 1);
        for (int i = 0; i < 300; i++) test_fc(i);
        for (int i = 0; i < 200; i++) test_pool(i, 0, 0);
        for (int i = 0; i < 200; i++) test_pool(i, 1, 0);
        for (int i = 0; i < 5; i++) test_pool(i, 0, 1);
        for (int i = 0; i < 300; i++) test_add(i);
        for (int i = 0; i < 200; i++) test_mean(i, 0);
        for (int i = 0; i < 10; i++) test_mean(i, 1);
        for (int i = 0; i < 300; i++) test_softmax(i);
        for (int i = 0; i < 300; i++) test_log_softmax(i);
        for (int i = 0; i < 100; i++) test_pad(i);
        for (int i = 0; i < 100; i++) test_transpose(i);
        for (int i = 0; i < 200; i++) test_quant(i);
    }
    printf("%d passed, %d failed\n", g_pass, g_fail);
    return g_fail == 0 ? 0 : 1;
}
