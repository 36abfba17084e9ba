/*
 * tinysim training kernels: backward and update for on-device int8 training
 * (Tiny Training Engine style, batch 1).
 *
 * Number formats
 *  - The forward pass is the ordinary int8 inference (tsn_nnfunctions.h); the
 *    int8 tensors it produced are kept alive and read back here ("saved
 *    activations"), never copied or widened.
 *  - Every gradient is float32, with respect to the REAL value of the tensor
 *    (scale * (q - zero_point)), same NHWC layout as the tensor. The gradient
 *    passes straight through every requantisation (straight-through estimator);
 *    only the clamp of a fused activation masks it (tsn_act_mask_grad).
 *  - Weights stay int8, per-output-channel symmetric, scale w_scale[c] fixed;
 *    biases stay int32 with scale x_scale * w_scale[c]. Optimizer state
 *    (momentum) is float32, one per updated parameter.
 *  - The Cortex-M7 has a single-precision FPU, so float is exact-enough and
 *    cheap; there is no SIMD float, and the int8 DSP instructions do not help
 *    with float*int8 products, so every kernel here has one (portable) body.
 *  - Float results are bit-identical to the Java reference
 *    (org.tinysim.engine.oracle.training): this header turns fused
 *    multiply-add off (GCC pragma below), every sum runs in the order documented on the kernel,
 *    products are formed exactly as written ((a*b)*c is not a*(b*c)).
 *
 * Conventions: input_offset = -input_zero_point as in tsn_types.h. Channel
 * subsets are the half-open range [c_begin, c_end) of output channels (sparse
 * tensor update: the first channels of a layer). Gradient buffers for a
 * subset hold only the subset's rows, row 0 = channel c_begin.
 */
#ifndef TSN_TRAIN_H
#define TSN_TRAIN_H

#include <stddef.h>
#include <stdint.h>
#include "tsn_types.h"

/* a*b+c must round twice, as in Java: forbid fused multiply-add (VFMA) in every
 * file that includes this header, whatever -std / -ffp-contract the build uses. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("fp-contract=off")
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Loss ---------------------------------------------------------------- */

/* Softmax cross-entropy gradient w.r.t. the real logits, from the int8
 * softmax output of the forward pass (scale 1/256, zero point -128, i.e. the
 * output of tsn_softmax_s8 over the int8 logits):
 *   grad[i] = (float)(probs[i] + 128) * (1/256) - (i == label ? 1 : 0)
 * Exact in float (the probabilities are multiples of 2^-8). */
tsn_status tsn_softmax_xent_grad_s8(const int8_t *probs, int32_t classes, int32_t label,
                                    float *grad);

/* ---- Activation mask ----------------------------------------------------- */

/* Zeroes grad[i] where the saved int8 output sits on the clamp of its fused
 * activation (out <= act_min or out >= act_max), i.e. where the derivative of
 * ReLU / ReLU6 / int8 saturation is 0. act_min/act_max are the quantised clamp
 * bounds the forward used (ReLU: zero point .. 127; ReLU6: zero point ..
 * q(6); none: -128..127). In place. */
tsn_status tsn_act_mask_grad(const int8_t *out, int32_t n, int32_t act_min, int32_t act_max,
                             float *grad);

/* ---- Pointwise (1x1) convolution and fully connected -----------------------
 * A fully connected layer is a 1x1 convolution over one pixel
 * (in_h = in_w = 1, stride 1); its weights [units][depth] are OHWI 1x1. */

/* Input gradient of a 1x1 convolution, input [in_h][in_w][cin], output
 * [out_h][out_w][cout], stride (sh, sw), no padding:
 *   grad_in[iy][ix][k] = sum_{c=0..cout-1} (grad_out[oy][ox][c] * w_scale[c]) * (float)w[c][k]
 * for input pixels hit by the stride (iy = oy*sh, ix = ox*sw), 0 elsewhere.
 * Sum over c ascending, starting from 0.0f. */
tsn_status tsn_pointwise_input_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                       const int8_t *weights, const float *w_scale,
                                       const tsn_tile *stride, const tsn_dims *input_dims,
                                       float *grad_in);

/* Weight gradient (w.r.t. the real weights) of output channels
 * [c_begin, c_end) of a 1x1 convolution:
 *   grad_w[c - c_begin][k] = (sum_p grad_out[p][c] * (float)(x[ip][k] + input_offset)) * x_scale
 * p runs over output pixels in raster order (ip = the input pixel it reads),
 * the sum starts from 0.0f. */
tsn_status tsn_pointwise_weight_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                        const int8_t *input, const tsn_dims *input_dims,
                                        int32_t input_offset, float x_scale,
                                        const tsn_tile *stride, int32_t c_begin, int32_t c_end,
                                        float *grad_w);

/* ---- General convolution (k x k, no dilation) ------------------------------- */

/* Weight gradient of output channels [c_begin, c_end) of a convolution with an
 * OHWI filter kh x kw x cin, top/left padding, stride (the input gradient of a
 * k x k convolution is not needed while it is the first trained layer):
 *   grad_w[c - c_begin][ky][kx][k] =
 *       (sum_{oy,ox} grad_out[oy][ox][c] * (float)(x[iy][ix][k] + input_offset)) * x_scale
 * (oy, ox) in raster order, padded taps skipped, the sum starts from 0.0f. */
tsn_status tsn_conv_weight_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                   const int8_t *input, const tsn_dims *input_dims,
                                   int32_t input_offset, float x_scale,
                                   const tsn_dims *filter_dims, const tsn_tile *stride,
                                   const tsn_tile *padding, int32_t c_begin, int32_t c_end,
                                   float *grad_w);

/* ---- Depthwise convolution (depth multiplier 1) ---------------------------- */

/* Input gradient of a depthwise convolution, filter 1 x kh x kw x C,
 * top/left padding, stride. Scatter form, grad_in first set to 0.0f, then for
 * oy, ox, ky, kx, c (that nesting, ascending) with iy = oy*sh - pad_h + ky,
 * ix = ox*sw - pad_w + kx inside the input:
 *   grad_in[iy][ix][c] += (grad_out[oy][ox][c] * w_scale[c]) * (float)w[ky][kx][c] */
tsn_status tsn_depthwise_input_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                       const int8_t *weights, const tsn_dims *filter_dims,
                                       const float *w_scale, const tsn_tile *stride,
                                       const tsn_tile *padding, const tsn_dims *input_dims,
                                       float *grad_in);

/* Weight gradient of channels [c_begin, c_end) of a depthwise convolution:
 *   grad_w[ky][kx][c - c_begin] =
 *       (sum_{oy,ox} grad_out[oy][ox][c] * (float)(x[iy][ix][c] + input_offset)) * x_scale
 * (oy, ox) in raster order, padded taps skipped (they read the zero point,
 * which contributes 0). grad_w rows have (c_end - c_begin) entries. */
tsn_status tsn_depthwise_weight_grad_s8(const float *grad_out, const tsn_dims *output_dims,
                                        const int8_t *input, const tsn_dims *input_dims,
                                        int32_t input_offset, float x_scale,
                                        const tsn_dims *filter_dims, const tsn_tile *stride,
                                        const tsn_tile *padding, int32_t c_begin, int32_t c_end,
                                        float *grad_w);

/* ---- Bias, pooling, residual --------------------------------------------- */

/* Bias gradient of channels [c_begin, c_end) of any conv / depthwise / FC:
 *   grad_b[c - c_begin] = sum_{p=0..pixels-1} grad_out[p][c]   (p ascending, from 0.0f) */
tsn_status tsn_bias_grad(const float *grad_out, int32_t pixels, int32_t channels,
                         int32_t c_begin, int32_t c_end, float *grad_b);

/* Global average pool backward, input [pixels][channels] -> output [channels]:
 *   grad_in[p][c] = grad_out[c] / (float)pixels */
tsn_status tsn_global_avgpool_grad(const float *grad_out, int32_t pixels, int32_t channels,
                                   float *grad_in);

/* Residual join: dst[i] += src[i] (the gradient of an ADD reaches both inputs). */
tsn_status tsn_grad_accumulate(float *dst, const float *src, int32_t n);

/* ---- Parameter update ------------------------------------------------------ */

typedef struct {
    float lr;        /* learning rate */
    float momentum;  /* SGD momentum mu, 0 = plain SGD */
    int32_t qas;     /* 1: quantisation-aware scaling, 0: naive int8 gradients */
} tsn_sgd_params;

/* SGD with momentum on int8 weights, output channels [c_begin, c_end), row_len
 * weights per channel (kh*kw*cin for conv, depth for FC; depthwise filters
 * use tsn_sgdm_update_dw_s8). grad_w holds real-weight gradients G_W
 * (rows from c_begin). The gradient of the quantised weight W~ = W / s is
 * G_W~ = s * G_W; QAS multiplies it by s^-2:
 *   g   = qas ? G_W / s[c] : G_W * s[c]
 *   m   = mu * m + g                          (momentum[(c-c_begin)*row_len + k])
 *   v   = (float)w - lr * m
 *   w   = clamp(floor(v + u), -127, 127)      stochastic rounding, u in [0,1)
 * u = (float)(r >> 8) * 2^-24 with r = xorshift32(*rng) drawn per weight in
 * storage order (r ^= r << 13; r ^= r >> 17; r ^= r << 5). t = v + u is
 * clamped to [-1000, 1000], then floor is (int32_t)t minus 1 when
 * (float)(int32_t)t > t. */
tsn_status tsn_sgdm_update_s8(int8_t *weights, const float *grad_w, float *momentum,
                              int32_t row_len, int32_t c_begin, int32_t c_end,
                              const float *w_scale, const tsn_sgd_params *params,
                              uint32_t *rng);

/* Same update for depthwise filters (1 x kh x kw x C, channel innermost):
 * grad_w / momentum are [kh*kw][c_end - c_begin] as written by
 * tsn_depthwise_weight_grad_s8; weights is the whole filter; same rule and
 * random draw per updated weight, taps outer, channels inner. */
tsn_status tsn_sgdm_update_dw_s8(int8_t *weights, const float *grad_w, float *momentum,
                                 int32_t taps, int32_t channels, int32_t c_begin, int32_t c_end,
                                 const float *w_scale, const tsn_sgd_params *params,
                                 uint32_t *rng);

/* SGD with momentum on int32 biases of channels [c_begin, c_end); the bias
 * scale is x_scale * s[c]. G_b~ = x_scale * s[c] * G_b; QAS multiplies it by
 * s[c]^-2 * x_scale^-2:
 *   g = qas ? (G_b / s[c]) / x_scale : (G_b * s[c]) * x_scale
 *   m = mu * m + g
 *   d = lr * m ; b -= round-half-away(d) (d clamped to +-2^30 first) */
tsn_status tsn_sgdm_update_bias_s32(int32_t *bias, const float *grad_b, float *momentum,
                                    int32_t c_begin, int32_t c_end, const float *w_scale,
                                    float x_scale, const tsn_sgd_params *params);

/* fp32-parameter variant: float master copy p of the real parameters,
 *   m = mu * m + g ; p = p - lr * m        (qas ignored) */
tsn_status tsn_sgdm_update_f32(float *param, const float *grad, float *momentum, int32_t n,
                               const tsn_sgd_params *params);

/* Re-quantises an fp32 master copy for the int8 forward, fixed scales:
 *   weights: w[c][k] = clamp(round-half-away(p[c][k] / s[c]), -127, 127)
 *   biases (w == NULL, bias != NULL): b[c] = round-half-away((p[c] / s[c]) / x_scale)
 * rows [c_begin, c_end), p rows from c_begin. */
tsn_status tsn_requantize_params_f32(const float *param, int32_t row_len, int32_t c_begin,
                                     int32_t c_end, const float *w_scale, float x_scale,
                                     int8_t *weights, int32_t *bias);

#ifdef __cplusplus
}
#endif

#endif /* TSN_TRAIN_H */
