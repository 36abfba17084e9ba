/*
 * tinysim int8 kernels: public API.
 *
 * Every kernel returns a tsn_status and has a *_get_buffer_size companion
 * giving the scratch bytes the caller must provide in tsn_context (0 = none).
 * Kernels never allocate. Semantics follow TFLite's int8 reference kernels bit
 * for bit; see tsn_types.h for layouts and quantisation conventions.
 *
 * Each kernel is compiled with one of two bodies: a SIMD body when
 * __ARM_FEATURE_DSP is defined (Cortex-M4/M7), the portable C body otherwise
 * or when TSN_FORCE_PORTABLE is defined. Both give identical results.
 */
#ifndef TSN_NNFUNCTIONS_H
#define TSN_NNFUNCTIONS_H

#include <stdint.h>
#include "tsn_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Convolution -------------------------------------------------------- */

/* General convolution: NHWC input, OHWI filter, int32 bias (may be NULL),
 * per-channel requantisation, stride, dilation, top/left padding.
 * Scratch: tsn_convolve_s8_get_buffer_size() bytes (two im2col columns). */
tsn_status tsn_convolve_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                           const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                           const int8_t *input_data, const tsn_dims *filter_dims,
                           const int8_t *filter_data, const int32_t *bias_data,
                           const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_convolve_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims);

/* 1x1 convolution without padding, any stride (dilation is irrelevant).
 * Scratch only with a stride: the input pixels read, gathered contiguous
 * (out_h * out_w * C bytes, rounded up to 4). */
tsn_status tsn_convolve_1x1_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                               const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                               const int8_t *input_data, const tsn_dims *filter_dims,
                               const int8_t *filter_data, const int32_t *bias_data,
                               const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_convolve_1x1_s8_get_buffer_size(const tsn_conv_params *conv_params, const tsn_dims *input_dims,
                                            const tsn_dims *filter_dims);

/* Picks tsn_convolve_1x1_s8 (1x1 filter, zero padding) or tsn_convolve_s8. */
tsn_status tsn_convolve_wrapper_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                   const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                   const int8_t *input_data, const tsn_dims *filter_dims,
                                   const int8_t *filter_data, const int32_t *bias_data,
                                   const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_convolve_wrapper_s8_get_buffer_size(const tsn_conv_params *conv_params,
                                                const tsn_dims *input_dims,
                                                const tsn_dims *filter_dims);

/* The three above with the input offset folded into per-channel start
 * values: start[oc] = bias[oc] + input_offset * (sum of filter row oc), in
 * int32 with wrap-around (a code generator works them out at compile time
 * from the constant weights). conv_params->input_offset still sets the
 * padding value of tsn_convolve_start_s8; scratch as the unfolded kernels. */
tsn_status tsn_convolve_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                 const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                 const int8_t *input_data, const tsn_dims *filter_dims,
                                 const int8_t *filter_data, const int32_t *start,
                                 const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_convolve_start_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims);
tsn_status tsn_convolve_1x1_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                     const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                     const int8_t *input_data, const tsn_dims *filter_dims,
                                     const int8_t *filter_data, const int32_t *start,
                                     const tsn_dims *output_dims, int8_t *output_data);
/* One-input-channel route of tsn_convolve_start_s8 (a greyscale first layer,
 * or a depthwise layer with a depth multiplier on one channel): the input as
 * one int16 plane in scratch, every output channel through the depthwise
 * plane kernel's rows. Odd K x K (3, 5, 7), stride 1 or 2, no dilation. Its
 * scratch (0 where the shape is not one channel with such a filter) is the
 * optional part of tsn_convolve_wrapper_start_s8_get_buffer_size. */
tsn_status tsn_convolve_plane_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                       const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                       const int8_t *input_data, const tsn_dims *filter_dims,
                                       const int8_t *filter_data, const int32_t *start,
                                       const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_convolve_plane_start_s8_get_buffer_size(const tsn_conv_params *conv_params, const tsn_dims *input_dims,
                                                    const tsn_dims *filter_dims);

/* First-layer route of tsn_convolve_start_s8: 3 input channels, 3x3, stride
 * 1 or 2, padding <= 2, no dilation, an even number of output channels. Its
 * scratch is the optional part of tsn_convolve_wrapper_start_s8_get_buffer_size:
 * tsn_convolve_start_s8 takes im2col without it. */
tsn_status tsn_convolve_rgb_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                     const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                     const int8_t *input_data, const tsn_dims *filter_dims,
                                     const int8_t *filter_data, const int32_t *start,
                                     const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_convolve_rgb_start_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims);
int tsn_convolve_rgb_start_s8_applies(const tsn_conv_params *conv_params, const tsn_dims *input_dims,
                                      const tsn_dims *filter_dims);
int32_t tsn_convolve_1x1_start_s8_get_buffer_size(const tsn_conv_params *conv_params, const tsn_dims *input_dims,
                                                  const tsn_dims *filter_dims);
tsn_status tsn_convolve_wrapper_start_s8(const tsn_context *ctx, const tsn_conv_params *conv_params,
                                         const tsn_quant_params *quant_params,
                                         const tsn_dims *input_dims, const int8_t *input_data,
                                         const tsn_dims *filter_dims, const int8_t *filter_data,
                                         const int32_t *start, const tsn_dims *output_dims,
                                         int8_t *output_data);
int32_t tsn_convolve_wrapper_start_s8_get_buffer_size(const tsn_conv_params *conv_params,
                                                      const tsn_dims *input_dims,
                                                      const tsn_dims *filter_dims);

/* ---- Depthwise convolution ---------------------------------------------- */

/* General depthwise: filter 1 x H x W x (C * ch_mult), any stride, dilation,
 * padding and depth multiplier. No scratch. */
tsn_status tsn_depthwise_conv_s8(const tsn_context *ctx, const tsn_dw_conv_params *dw_conv_params,
                                 const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                 const int8_t *input_data, const tsn_dims *filter_dims,
                                 const int8_t *filter_data, const int32_t *bias_data,
                                 const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_depthwise_conv_s8_get_buffer_size(const tsn_dims *input_dims, const tsn_dims *filter_dims);

/* 3x3 depthwise, ch_mult 1, dilation 1, stride 1 or 2, padding 0 or 1;
 * TSN_ARG_ERROR otherwise. Scratch optional: on small maps (get_buffer_size
 * > 0) and given those bytes (4-aligned) it runs every four channels from
 * one int16 copy of their padded input, and the output may then be the
 * input itself (in place) when the channels are a multiple of 4. */
tsn_status tsn_depthwise_conv_3x3_s8(const tsn_context *ctx, const tsn_dw_conv_params *dw_conv_params,
                                     const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                     const int8_t *input_data, const tsn_dims *filter_dims,
                                     const int8_t *filter_data, const int32_t *bias_data,
                                     const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_depthwise_conv_3x3_s8_get_buffer_size(const tsn_dw_conv_params *dw_conv_params,
                                                  const tsn_dims *input_dims, const tsn_dims *filter_dims);

/* Depthwise one channel at a time through an int16 plane in scratch: odd
 * K x K filter (3, 5 or 7), ch_mult 1, dilation 1, stride 1 or 2; the output
 * may be the input itself (in place). */
tsn_status tsn_depthwise_conv_plane_s8(const tsn_context *ctx, const tsn_dw_conv_params *dw_conv_params,
                                       const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                       const int8_t *input_data, const tsn_dims *filter_dims,
                                       const int8_t *filter_data, const int32_t *bias_data,
                                       const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_depthwise_conv_plane_s8_get_buffer_size(const tsn_dw_conv_params *dw_conv_params,
                                                    const tsn_dims *input_dims, const tsn_dims *filter_dims);
int tsn_depthwise_conv_plane_s8_applies(const tsn_dw_conv_params *dw_conv_params, const tsn_dims *input_dims,
                                        const tsn_dims *filter_dims, const tsn_dims *output_dims);

/* Picks tsn_depthwise_conv_plane_s8 where it is faster and ctx holds its
 * scratch (optional: get_buffer_size gives the size that enables it), else
 * tsn_depthwise_conv_3x3_s8 when its preconditions hold, else the general
 * kernel. ctx may be NULL. */
tsn_status tsn_depthwise_conv_wrapper_s8(const tsn_context *ctx, const tsn_dw_conv_params *dw_conv_params,
                                         const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                         const int8_t *input_data, const tsn_dims *filter_dims,
                                         const int8_t *filter_data, const int32_t *bias_data,
                                         const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_depthwise_conv_wrapper_s8_get_buffer_size(const tsn_dw_conv_params *dw_conv_params,
                                                      const tsn_dims *input_dims,
                                                      const tsn_dims *filter_dims);

/* ---- Fully connected ---------------------------------------------------- */

/* input n x depth, filter units x depth, output n x units; per-tensor or
 * per-channel requantisation (quant_params->per_channel). No scratch. */
tsn_status tsn_fully_connected_s8(const tsn_context *ctx, const tsn_fc_params *fc_params,
                                  const tsn_quant_params *quant_params, const tsn_dims *input_dims,
                                  const int8_t *input_data, const tsn_dims *filter_dims,
                                  const int8_t *filter_data, const int32_t *bias_data,
                                  const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_fully_connected_s8_get_buffer_size(const tsn_dims *filter_dims);

/* ---- Pooling (filter_dims: h, w only) ------------------------------------ */

tsn_status tsn_avgpool_s8(const tsn_context *ctx, const tsn_pool_params *pool_params,
                          const tsn_dims *input_dims, const int8_t *input_data,
                          const tsn_dims *filter_dims, const tsn_dims *output_dims,
                          int8_t *output_data);
int32_t tsn_avgpool_s8_get_buffer_size(const tsn_dims *output_dims, int32_t ch);

tsn_status tsn_maxpool_s8(const tsn_context *ctx, const tsn_pool_params *pool_params,
                          const tsn_dims *input_dims, const int8_t *input_data,
                          const tsn_dims *filter_dims, const tsn_dims *output_dims,
                          int8_t *output_data);
int32_t tsn_maxpool_s8_get_buffer_size(const tsn_dims *output_dims, int32_t ch);

/* ---- Elementwise -------------------------------------------------------- */

/* Equal-shape ADD of size elements; ctx may be NULL (scratch makes it faster:
 * tsn_add_s8_get_buffer_size). */
tsn_status tsn_add_s8(const tsn_context *ctx, const tsn_add_params *params, const int8_t *input1_data,
                      const int8_t *input2_data, int8_t *output_data, int32_t size);
int32_t tsn_add_s8_get_buffer_size(int32_t size);

/* ---- Activation (over the innermost dimension, num_rows x row_size) ------- */

tsn_status tsn_softmax_s8(const tsn_softmax_params *params, const int8_t *input_data,
                          int32_t num_rows, int32_t row_size, int8_t *output_data);
int32_t tsn_softmax_s8_get_buffer_size(int32_t row_size);

tsn_status tsn_log_softmax_s8(const tsn_log_softmax_params *params, const int8_t *input_data,
                              int32_t num_rows, int32_t row_size, int8_t *output_data);
int32_t tsn_log_softmax_s8_get_buffer_size(int32_t row_size);

/* ---- Reshape-like ------------------------------------------------------- */

/* Output dims must equal input dims + before + after. */
tsn_status tsn_pad_s8(const tsn_pad_params *params, const tsn_dims *input_dims,
                      const int8_t *input_data, const tsn_dims *output_dims, int8_t *output_data);
int32_t tsn_pad_s8_get_buffer_size(const tsn_dims *input_dims);

/* input_shape has params->num_dims entries. */
tsn_status tsn_transpose_s8(const tsn_transpose_params *params, const int32_t *input_shape,
                            const int8_t *input_data, int8_t *output_data);
int32_t tsn_transpose_s8_get_buffer_size(const tsn_transpose_params *params);

/* Mean over H and W; output n x 1 x 1 x c. */
tsn_status tsn_mean_s8(const tsn_mean_params *params, const tsn_dims *input_dims,
                       const int8_t *input_data, int8_t *output_data);
int32_t tsn_mean_s8_get_buffer_size(const tsn_dims *input_dims);

/* ---- Quantize ----------------------------------------------------------- */

tsn_status tsn_quantize_f32_s8(const float *input_data, int8_t *output_data, int32_t size,
                               float scale, int32_t zero_point);
int32_t tsn_quantize_f32_s8_get_buffer_size(int32_t size);

tsn_status tsn_dequantize_s8_f32(const int8_t *input_data, float *output_data, int32_t size,
                                 float scale, int32_t zero_point);
int32_t tsn_dequantize_s8_f32_get_buffer_size(int32_t size);

tsn_status tsn_requantize_s8(const int8_t *input_data, int8_t *output_data, int32_t size,
                             int32_t input_offset, int32_t multiplier, int32_t shift,
                             int32_t output_offset);
int32_t tsn_requantize_s8_get_buffer_size(int32_t size);

#ifdef __cplusplus
}
#endif

#endif /* TSN_NNFUNCTIONS_H */
