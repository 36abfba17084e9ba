/*
 * Textbook reference kernels for the tests: direct nested loops following
 * TFLite's int8 reference kernels, 64-bit accumulators checked for int32 range,
 * and the rounding primitives written in a different (floor / sign-magnitude)
 * form from the library's so that a shared mistake is unlikely.
 */
#ifndef REF_KERNELS_H
#define REF_KERNELS_H

#include <stdint.h>

int32_t ref_srdhm(int32_t a, int32_t b);
int32_t ref_rdbpot(int32_t x, int32_t exponent);
int32_t ref_mbqm(int32_t x, int32_t multiplier, int32_t shift);

typedef struct {
    int n, h, w, c;
} ref_shape;

typedef struct {
    int in_off, out_off, w_off;
    int sh, sw, ph, pw, dh, dw;
    int mult;                 /* depthwise multiplier */
    int act_min, act_max;
    const int32_t *qm, *qs;   /* requant multipliers / shifts */
    int per_channel;
} ref_conv_args;

void ref_conv(const ref_conv_args *a, ref_shape in, const int8_t *x, ref_shape f, const int8_t *w,
              const int32_t *bias, ref_shape out, int8_t *y);
void ref_depthwise(const ref_conv_args *a, ref_shape in, const int8_t *x, ref_shape f,
                   const int8_t *w, const int32_t *bias, ref_shape out, int8_t *y);
void ref_fc(const ref_conv_args *a, int batches, int depth, int units, const int8_t *x,
            const int8_t *w, const int32_t *bias, int8_t *y);
int ref_avgpool(int sh, int sw, int ph, int pw, int kh, int kw, int act_min, int act_max,
                ref_shape in, const int8_t *x, ref_shape out, int8_t *y);
void ref_maxpool(int sh, int sw, int ph, int pw, int kh, int kw, int act_min, int act_max,
                 ref_shape in, const int8_t *x, ref_shape out, int8_t *y);
void ref_add(const int32_t p[10], int act_min, int act_max, const int8_t *a, const int8_t *b,
             int8_t *y, int n);
void ref_mean(int in_zp, int out_zp, int32_t m, int32_t s, ref_shape in, const int8_t *x, int8_t *y);
void ref_softmax(int32_t mult, int32_t lshift, int32_t diff_min, int rows, int depth,
                 const int8_t *x, int8_t *y);
void ref_log_softmax(int32_t mult, int32_t shift, int32_t rev_mult, int32_t rev_shift,
                     int32_t diff_min, int rows, int depth, const int8_t *x, int8_t *y);

/* fixed-point pieces of the softmax references, exposed for raw-level tests */
int32_t ref_exp_neg_q5(int32_t a);       /* exp(a), a <= 0 in Q5.26 -> Q0.31 */
int32_t ref_recip_one_plus(int32_t a);   /* 1/(1+a), a in [0,1) Q0.31 -> Q0.31 */
int32_t ref_log_q12_q5(int32_t z);       /* log(z), z >= 1 in Q12.19 -> Q5.26 */

#endif
