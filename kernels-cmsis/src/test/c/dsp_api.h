/*
 * The DSP build of the kernels is linked into the same test binary with every
 * global tsn_* symbol renamed to tsn_dsp_* (objcopy --redefine-syms, see the
 * Makefile). These declarations give the renamed functions the same types.
 */
#ifndef DSP_API_H
#define DSP_API_H

#include "tsn_nnfunctions.h"
#include "tsn_nnsupportfunctions.h"

#define TSN_DSP_DECL(name) extern __typeof__(tsn_##name) tsn_dsp_##name;

TSN_DSP_DECL(convolve_s8)
TSN_DSP_DECL(convolve_s8_get_buffer_size)
TSN_DSP_DECL(convolve_1x1_s8)
TSN_DSP_DECL(convolve_wrapper_s8)
TSN_DSP_DECL(convolve_wrapper_s8_get_buffer_size)
TSN_DSP_DECL(convolve_start_s8)
TSN_DSP_DECL(convolve_1x1_start_s8)
TSN_DSP_DECL(convolve_wrapper_start_s8)
TSN_DSP_DECL(depthwise_conv_s8)
TSN_DSP_DECL(depthwise_conv_3x3_s8)
TSN_DSP_DECL(depthwise_conv_wrapper_s8)
TSN_DSP_DECL(depthwise_conv_plane_s8)
TSN_DSP_DECL(fully_connected_s8)
TSN_DSP_DECL(avgpool_s8)
TSN_DSP_DECL(maxpool_s8)
TSN_DSP_DECL(add_s8)
TSN_DSP_DECL(softmax_s8)
TSN_DSP_DECL(log_softmax_s8)
TSN_DSP_DECL(mean_s8)
TSN_DSP_DECL(pad_s8)
TSN_DSP_DECL(transpose_s8)
TSN_DSP_DECL(quantize_f32_s8)
TSN_DSP_DECL(dequantize_s8_f32)
TSN_DSP_DECL(requantize_s8)
TSN_DSP_DECL(multiply_by_quantized_multiplier)
TSN_DSP_DECL(log_x_ge1_q12_q5)

#endif
