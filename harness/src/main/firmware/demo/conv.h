/*
 * int8 3x3 convolution + ReLU, TFLite-style layout and requantisation,
 * shared by the demo firmware and a host-side check (plain C, no target
 * headers needed on the host).
 */
#ifndef DEMO_CONV_H
#define DEMO_CONV_H

#include <stdint.h>

#define CONV_H   16
#define CONV_W   16
#define CONV_CIN  8
#define CONV_COUT 8
#define CONV_K    3

struct conv_params {
    int32_t mult;    /* Q31 requantisation multiplier */
    int32_t shift;   /* right shift applied after the multiply */
};

/* Fills input, weights and bias from a fixed LCG seed. */
void conv_make_data(int8_t *in, int8_t *w, int32_t *bias);

/* in: HWC [16][16][8]; w: OHWI [8][3][3][8]; out: HWC [16][16][8].
 * Stride 1, zero padding 1, zero points 0, ReLU by clamping to [0, 127]. */
void conv3x3_relu(const int8_t *in, const int8_t *w, const int32_t *bias,
                  const struct conv_params *p, int8_t *out);

/* FNV-1a over the output bytes. */
uint32_t conv_checksum(const int8_t *out, int n);

#endif
