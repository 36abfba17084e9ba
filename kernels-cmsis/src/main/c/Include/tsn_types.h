/*
 * tinysim int8 kernels: public types.
 *
 * Conventions (TFLite int8 reference semantics):
 *  - tensors are NHWC, conv filters OHWI, depthwise filters 1HW(C*mult);
 *  - input_offset = -input_zero_point, output_offset = +output_zero_point;
 *  - multiplier/shift pairs are TFLite's QuantizeMultiplier output
 *    (Q31 multiplier, shift > 0 means left shift);
 *  - the caller owns every buffer, scratch included (tsn_context).
 */
#ifndef TSN_TYPES_H
#define TSN_TYPES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    TSN_SUCCESS = 0,     /* done */
    TSN_ARG_ERROR = -1,  /* bad argument: NULL scratch when needed, unsupported shape */
} tsn_status;

/* Caller-owned scratch memory; size in bytes. buf may be NULL when the
 * matching *_get_buffer_size() returned 0. */
typedef struct {
    void *buf;
    int32_t size;
} tsn_context;

/* 4-D shape. For filters: n = output channels, c = input channels. */
typedef struct {
    int32_t n;
    int32_t h;
    int32_t w;
    int32_t c;
} tsn_dims;

typedef struct {
    int32_t h;
    int32_t w;
} tsn_tile;

/* Fused activation clamp, in the output's quantised domain. */
typedef struct {
    int32_t min;
    int32_t max;
} tsn_activation;

/* Output requantisation. per_channel != 0: one entry per output channel;
 * otherwise multiplier[0]/shift[0] apply to every channel. */
typedef struct {
    const int32_t *multiplier;
    const int32_t *shift;
    int32_t per_channel;
} tsn_quant_params;

typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    tsn_tile stride;
    tsn_tile padding;   /* top / left padding; SAME or VALID is decided by the caller */
    tsn_tile dilation;
    tsn_activation activation;
} tsn_conv_params;

typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t ch_mult;    /* depth multiplier: output channels = input channels * ch_mult */
    tsn_tile stride;
    tsn_tile padding;
    tsn_tile dilation;
    tsn_activation activation;
} tsn_dw_conv_params;

typedef struct {
    int32_t input_offset;
    int32_t filter_offset;  /* -filter_zero_point, 0 for symmetric int8 weights */
    int32_t output_offset;
    tsn_activation activation;
} tsn_fc_params;

typedef struct {
    tsn_tile stride;
    tsn_tile padding;
    tsn_activation activation;
} tsn_pool_params;

/* TFLite int8 ADD: inputs are offset, shifted left by left_shift (20),
 * scaled to a common scale, summed and rescaled to the output. */
typedef struct {
    int32_t input1_offset;
    int32_t input1_multiplier;
    int32_t input1_shift;
    int32_t input2_offset;
    int32_t input2_multiplier;
    int32_t input2_shift;
    int32_t left_shift;
    int32_t output_offset;
    int32_t output_multiplier;
    int32_t output_shift;
    tsn_activation activation;
} tsn_add_params;

/* int8 softmax; output has zero point -128 and scale 1/256. */
typedef struct {
    int32_t input_multiplier;
    int32_t input_left_shift;
    int32_t diff_min;
} tsn_softmax_params;

/* int8 log-softmax; output has zero point 127 and scale 16/256. */
typedef struct {
    int32_t input_multiplier;
    int32_t input_shift;
    int32_t reverse_multiplier;
    int32_t reverse_shift;
    int32_t diff_min;
} tsn_log_softmax_params;

/* MEAN over H and W; multiplier/shift encode input_scale / output_scale,
 * the division by H*W is done (rounded) inside the kernel. */
typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t multiplier;
    int32_t shift;
} tsn_mean_params;

/* PAD of a 4-D tensor, dimension order as in tsn_dims (n, h, w, c). */
typedef struct {
    int32_t before[4];
    int32_t after[4];
    int8_t pad_value;   /* usually the output zero point */
} tsn_pad_params;

/* TRANSPOSE of a tensor of 1..4 dimensions: output dim i = input dim perm[i]. */
typedef struct {
    int32_t num_dims;
    int32_t perm[4];
} tsn_transpose_params;

#ifdef __cplusplus
}
#endif

#endif /* TSN_TYPES_H */
