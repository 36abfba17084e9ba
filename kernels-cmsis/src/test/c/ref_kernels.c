/* Textbook references; see ref_kernels.h. */
#include "ref_kernels.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

static int32_t to_i32(int64_t v)
{
    if (v < INT32_MIN || v > INT32_MAX) {
        fprintf(stderr, "reference: int32 accumulator overflow (TFLite would be undefined)\n");
        abort();
    }
    return (int32_t)v;
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }

/* gemmlowp / TFLite SaturatingRoundingDoublingHighMul, literally: a nudge
 * chosen by the sign of the product and a truncating 64-bit division. The
 * library uses an equivalent floor form; this keeps the literal one as judge. */
int32_t ref_srdhm(int32_t a, int32_t b)
{
    const int overflow = a == b && a == INT32_MIN;
    const int64_t ab = (int64_t)a * (int64_t)b;
    const int64_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
    const int32_t high = (int32_t)((ab + nudge) / ((int64_t)1 << 31));
    return overflow ? INT32_MAX : high;
}

/* round(x / 2^e), ties away from zero, on the magnitude. */
int32_t ref_rdbpot(int32_t x, int32_t e)
{
    if (e == 0) {
        return x;
    }
    const int64_t m = x < 0 ? -(int64_t)x : (int64_t)x;
    const int64_t r = (m + ((int64_t)1 << (e - 1))) / ((int64_t)1 << e);
    return (int32_t)(x < 0 ? -r : r);
}

int32_t ref_mbqm(int32_t x, int32_t multiplier, int32_t shift)
{
    const int left = shift > 0 ? shift : 0;
    const int right = shift > 0 ? 0 : -shift;
    /* TFLite multiplies in int32: keep the wrap-around bits. */
    const int32_t xs = (int32_t)(uint32_t)((uint64_t)(int64_t)x * ((uint64_t)1 << left));
    return ref_rdbpot(ref_srdhm(xs, multiplier), right);
}

static int8_t epilogue(const ref_conv_args *a, int64_t acc, int oc)
{
    const int qi = a->per_channel ? oc : 0;
    int v = ref_mbqm(to_i32(acc), a->qm[qi], a->qs[qi]) + a->out_off;
    return (int8_t)clampi(v, a->act_min, a->act_max);
}

void ref_conv(const ref_conv_args *a, ref_shape in, const int8_t *x, ref_shape f, const int8_t *w,
              const int32_t *bias, ref_shape out, int8_t *y)
{
    for (int b = 0; b < in.n; b++)
        for (int oy = 0; oy < out.h; oy++)
            for (int ox = 0; ox < out.w; ox++)
                for (int oc = 0; oc < out.c; oc++) {
                    int64_t acc = 0;
                    for (int ky = 0; ky < f.h; ky++)
                        for (int kx = 0; kx < f.w; kx++) {
                            const int iy = oy * a->sh - a->ph + ky * a->dh;
                            const int ix = ox * a->sw - a->pw + kx * a->dw;
                            if (iy < 0 || iy >= in.h || ix < 0 || ix >= in.w) {
                                continue;
                            }
                            for (int ic = 0; ic < in.c; ic++) {
                                const int xv = x[((b * in.h + iy) * in.w + ix) * in.c + ic];
                                const int wv = w[((oc * f.h + ky) * f.w + kx) * f.c + ic];
                                acc += (int64_t)wv * (xv + a->in_off);
                            }
                        }
                    if (bias) {
                        acc += bias[oc];
                    }
                    y[((b * out.h + oy) * out.w + ox) * out.c + oc] = epilogue(a, acc, oc);
                }
}

void ref_depthwise(const ref_conv_args *a, ref_shape in, const int8_t *x, ref_shape f,
                   const int8_t *w, const int32_t *bias, ref_shape out, int8_t *y)
{
    for (int b = 0; b < in.n; b++)
        for (int oy = 0; oy < out.h; oy++)
            for (int ox = 0; ox < out.w; ox++)
                for (int ic = 0; ic < in.c; ic++)
                    for (int m = 0; m < a->mult; m++) {
                        const int oc = ic * a->mult + m;
                        int64_t acc = 0;
                        for (int ky = 0; ky < f.h; ky++)
                            for (int kx = 0; kx < f.w; kx++) {
                                const int iy = oy * a->sh - a->ph + ky * a->dh;
                                const int ix = ox * a->sw - a->pw + kx * a->dw;
                                if (iy < 0 || iy >= in.h || ix < 0 || ix >= in.w) {
                                    continue;
                                }
                                const int xv = x[((b * in.h + iy) * in.w + ix) * in.c + ic];
                                const int wv = w[(ky * f.w + kx) * f.c + oc];
                                acc += (int64_t)wv * (xv + a->in_off);
                            }
                        if (bias) {
                            acc += bias[oc];
                        }
                        y[((b * out.h + oy) * out.w + ox) * out.c + oc] = epilogue(a, acc, oc);
                    }
}

void ref_fc(const ref_conv_args *a, int batches, int depth, int units, const int8_t *x,
            const int8_t *w, const int32_t *bias, int8_t *y)
{
    for (int b = 0; b < batches; b++)
        for (int u = 0; u < units; u++) {
            int64_t acc = 0;
            for (int d = 0; d < depth; d++) {
                acc += (int64_t)(w[u * depth + d] + a->w_off) * (x[b * depth + d] + a->in_off);
            }
            if (bias) {
                acc += bias[u];
            }
            y[b * units + u] = epilogue(a, acc, u);
        }
}

int ref_avgpool(int sh, int sw, int ph, int pw, int kh, int kw, int act_min, int act_max,
                ref_shape in, const int8_t *x, ref_shape out, int8_t *y)
{
    for (int b = 0; b < in.n; b++)
        for (int oy = 0; oy < out.h; oy++)
            for (int ox = 0; ox < out.w; ox++)
                for (int c = 0; c < in.c; c++) {
                    int sum = 0, count = 0;
                    for (int ky = 0; ky < kh; ky++)
                        for (int kx = 0; kx < kw; kx++) {
                            const int iy = oy * sh - ph + ky, ix = ox * sw - pw + kx;
                            if (iy < 0 || iy >= in.h || ix < 0 || ix >= in.w) {
                                continue;
                            }
                            sum += x[((b * in.h + iy) * in.w + ix) * in.c + c];
                            count++;
                        }
                    if (count == 0) {
                        return -1;
                    }
                    /* nearest, ties away from zero, via the magnitude */
                    const int mag = ((sum < 0 ? -sum : sum) * 2 + count) / (2 * count);
                    const int avg = sum < 0 ? -mag : mag;
                    y[((b * out.h + oy) * out.w + ox) * out.c + c] = (int8_t)clampi(avg, act_min, act_max);
                }
    return 0;
}

void ref_maxpool(int sh, int sw, int ph, int pw, int kh, int kw, int act_min, int act_max,
                 ref_shape in, const int8_t *x, ref_shape out, int8_t *y)
{
    for (int b = 0; b < in.n; b++)
        for (int oy = 0; oy < out.h; oy++)
            for (int ox = 0; ox < out.w; ox++)
                for (int c = 0; c < in.c; c++) {
                    int m = -1000;
                    for (int ky = 0; ky < kh; ky++)
                        for (int kx = 0; kx < kw; kx++) {
                            const int iy = oy * sh - ph + ky, ix = ox * sw - pw + kx;
                            if (iy < 0 || iy >= in.h || ix < 0 || ix >= in.w) {
                                continue;
                            }
                            const int v = x[((b * in.h + iy) * in.w + ix) * in.c + c];
                            m = v > m ? v : m;
                        }
                    y[((b * out.h + oy) * out.w + ox) * out.c + c] = (int8_t)clampi(m, act_min, act_max);
                }
}

/* p: in1_off, in1_mult, in1_shift, in2_off, in2_mult, in2_shift, left_shift,
 *    out_off, out_mult, out_shift */
void ref_add(const int32_t p[10], int act_min, int act_max, const int8_t *a, const int8_t *b,
             int8_t *y, int n)
{
    for (int i = 0; i < n; i++) {
        const int64_t va = (int64_t)(a[i] + p[0]) * ((int64_t)1 << p[6]);
        const int64_t vb = (int64_t)(b[i] + p[3]) * ((int64_t)1 << p[6]);
        const int32_t sa = ref_mbqm(to_i32(va), p[1], p[2]);
        const int32_t sb = ref_mbqm(to_i32(vb), p[4], p[5]);
        const int v = ref_mbqm(to_i32((int64_t)sa + sb), p[8], p[9]) + p[7];
        y[i] = (int8_t)clampi(v, act_min, act_max);
    }
}

void ref_mean(int in_zp, int out_zp, int32_t m, int32_t s, ref_shape in, const int8_t *x, int8_t *y)
{
    const int n = in.h * in.w;
    for (int b = 0; b < in.n; b++)
        for (int c = 0; c < in.c; c++) {
            int64_t acc = 0;
            for (int i = 0; i < n; i++) {
                acc += x[(b * n + i) * in.c + c] - in_zp;
            }
            int32_t v = ref_mbqm(to_i32(acc), m, s);
            const int64_t mag = ((v < 0 ? -(int64_t)v : v) * 2 + n) / (2 * n);
            v = (int32_t)(v < 0 ? -mag : mag);
            y[b * in.c + c] = (int8_t)clampi(v + out_zp, -128, 127);
        }
}

/* ---- fixed-point pieces for the softmax references (Qm.n raw int32) ------ */

static int32_t sat_lshift(int32_t x, int e) /* x * 2^e, saturating like gemmlowp */
{
    if (e == 0) {
        return x;
    }
    const int64_t t = ((int64_t)1 << (31 - e)) - 1;
    if (x > t) return INT32_MAX;
    if (x < -t) return INT32_MIN;
    return (int32_t)((int64_t)x * ((int64_t)1 << e));
}

static int clz32(uint32_t x)
{
    int n = 0;
    for (int i = 31; i >= 0 && !((x >> i) & 1u); i--) {
        n++;
    }
    return n;
}

static int32_t exp_quarter(int32_t a) /* exp(a), a in [-1/4,0), Q0.31 */
{
    const int32_t x = a + (1 << 28);
    const int32_t x2 = ref_srdhm(x, x), x3 = ref_srdhm(x2, x), x4 = ref_srdhm(x2, x2);
    const int32_t t = ref_rdbpot(ref_srdhm(ref_rdbpot(x4, 2) + x3, 715827883) + x2, 1);
    return 1895147668 + ref_srdhm(1895147668, x + t);
}

int32_t ref_exp_neg_q5(int32_t a) /* exp(a), a <= 0 in Q5.26 -> Q0.31 */
{
    static const int32_t mul[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    if (a == 0) {
        return INT32_MAX;
    }
    const int32_t q = 1 << 24;
    const int32_t frac = (a & (q - 1)) - q;
    int32_t r = exp_quarter(sat_lshift(frac, 5));
    const int32_t rem = frac - a;
    for (int k = 0; k < 7; k++) {
        if ((rem >> (24 + k)) & 1) {
            r = ref_srdhm(r, mul[k]);
        }
    }
    return r;
}

int32_t ref_recip_one_plus(int32_t a) /* 1/(1+a), a in [0,1), Q0.31 */
{
    const int64_t s = (int64_t)a + INT32_MAX;
    const int32_t hd = (int32_t)((s + (s >= 0 ? 1 : -1)) / 2);
    int32_t x = 1515870810 + ref_srdhm(hd, -1010580540);
    for (int i = 0; i < 3; i++) {
        x += sat_lshift(ref_srdhm(x, (1 << 29) - ref_srdhm(hd, x)), 2);
    }
    return sat_lshift(x, 1);
}

void ref_softmax(int32_t mult, int32_t lshift, int32_t diff_min, int rows, int depth,
                 const int8_t *x, int8_t *y)
{
    for (int r = 0; r < rows; r++) {
        const int8_t *in = x + r * depth;
        int mx = -128;
        for (int c = 0; c < depth; c++) mx = in[c] > mx ? in[c] : mx;
        int32_t sum = 0;
        for (int c = 0; c < depth; c++) {
            const int d = in[c] - mx;
            if (d >= diff_min) sum += ref_rdbpot(ref_exp_neg_q5(ref_srdhm(d * (1 << lshift), mult)), 12);
        }
        const int hp1 = clz32((uint32_t)sum);
        const int32_t scale = ref_recip_one_plus((int32_t)(((uint32_t)sum << hp1) - 0x80000000u));
        for (int c = 0; c < depth; c++) {
            const int d = in[c] - mx;
            int v = -128;
            if (d >= diff_min) {
                const int32_t e = ref_exp_neg_q5(ref_srdhm(d * (1 << lshift), mult));
                v = ref_rdbpot(ref_srdhm(scale, e), (12 - hp1) + 31 - 8) - 128;
            }
            y[r * depth + c] = (int8_t)clampi(v, -128, 127);
        }
    }
}

static int32_t sat32(int64_t v) { return (int32_t)(v > INT32_MAX ? INT32_MAX : (v < INT32_MIN ? INT32_MIN : v)); }

int32_t ref_log_q12_q5(int32_t z) /* TFLite log_x_for_x_greater_than_or_equal_to_1<5>(Q12) */
{
    const int32_t sqrt_sqrt_half = 1805811301, sqrt_half = 1518500250;
    const int32_t quarter6 = ref_rdbpot(536870912, 6);
    const int ha = clz32((uint32_t)z);
    const int32_t ra = sat_lshift(ref_srdhm(sat_lshift(z, ha - 1), sqrt_half), 1);
    const int32_t pa = sat32((int64_t)sat_lshift(12 - ha, 25) + quarter6);
    const int hb = clz32((uint32_t)ref_srdhm(z, sqrt_half)) - 1;
    const int32_t rb = sat_lshift(z, hb);
    const int32_t pb = sat32((int64_t)sat_lshift(12 - hb, 25) - quarter6);
    const int32_t r = ra < rb ? ra : rb;
    const int32_t pw = pa > pb ? pa : pb;
    const int64_t hs = (int64_t)r + sqrt_sqrt_half;
    const int32_t p = (int32_t)((hs + (hs >= 0 ? 1 : -1)) / 2);
    const int32_t q = 2 * (r - sqrt_sqrt_half);
    const int32_t sq = ref_srdhm(q, q);
    const int32_t num = ref_srdhm(q, r) + ref_srdhm(ref_srdhm(q, sq), 117049297);
    const int32_t den = ref_srdhm(p, 1057819769 + q + ref_srdhm(127690142, sq)) + ref_srdhm(638450708, q);
    const int32_t acc = ref_srdhm(pw, 1488522236) + ref_srdhm(ref_rdbpot(num, 6), ref_recip_one_plus(den));
    return sat_lshift(acc, 1);
}

void ref_log_softmax(int32_t mult, int32_t shift, int32_t rev_mult, int32_t rev_shift,
                     int32_t diff_min, int rows, int depth, const int8_t *x, int8_t *y)
{
    for (int r = 0; r < rows; r++) {
        const int8_t *in = x + r * depth;
        int mx = -128;
        for (int c = 0; c < depth; c++) mx = in[c] > mx ? in[c] : mx;
        int32_t sum = 0;
        for (int c = 0; c < depth; c++) {
            const int d = in[c] - mx;
            if (d >= diff_min) sum += ref_rdbpot(ref_exp_neg_q5(ref_mbqm(d, mult, shift)), 12);
        }
        const int32_t ls = ref_log_q12_q5(sum);
        const int32_t t = ref_mbqm((int32_t)((int64_t)ls + INT32_MIN), rev_mult, -rev_shift);
        const int32_t adj = (diff_min - 1) > t ? (diff_min - 1) : t;
        for (int c = 0; c < depth; c++) {
            const int d = in[c] - mx;
            int v = -128;
            if (d > adj) {
                v = ref_rdbpot(ref_mbqm(d, mult, shift) - ls, 22) + 127;
            }
            y[r * depth + c] = (int8_t)clampi(v, -128, 127);
        }
    }
}
