/*
 * Instruction-count benchmark of the DSP vs portable bodies on an emulated
 * Cortex-M7 (QEMU mps2-an500, -icount). QEMU's icount advances virtual time
 * by a fixed amount per executed instruction and SysTick runs on that time,
 * so SysTick deltas, calibrated with a loop of known length, give executed
 * instruction counts (not cycles: QEMU models no pipeline or memory timing).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../dsp_api.h"

#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

static uint32_t now(void) { return SYST_CVR; }
static uint32_t elapsed(uint32_t t0, uint32_t t1) { return (t0 - t1) & 0x00FFFFFFu; } /* down-counter */

static double ticks_per_insn;

static void calibrate(void)
{
    uint32_t n = 200000;
    const uint32_t t0 = now();
    __asm volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n) : : "cc");
    const uint32_t t1 = now();
    ticks_per_insn = elapsed(t0, t1) / 400000.0;
}

static uint32_t seed = 12345u;
static void fill(int8_t *p, int n)
{
    for (int i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        p[i] = (int8_t)(seed >> 24);
    }
}

static void report(const char *name, double macs, uint32_t tp, uint32_t td, int same)
{
    const double ip = tp / ticks_per_insn, id = td / ticks_per_insn;
    printf("%-34s %9.0f %11.0f %11.0f %6.2fx %6.2f %6.2f %s\n", name, macs, ip, id, ip / id,
           macs > 0 ? ip / macs : 0.0, macs > 0 ? id / macs : 0.0, same ? "bit-exact" : "MISMATCH");
}

/* Each body runs twice, alternating, and the smaller count is kept: the first
 * window after a timer read occasionally carries a few thousand instructions
 * of QEMU accounting slack. */
#define BENCH(name, macs, n_out, call_p, call_d)                      \
    do {                                                              \
        uint32_t bp = 0xFFFFFFFFu, bd = 0xFFFFFFFFu;                  \
        for (int rep = 0; rep < 2; rep++) {                           \
            uint32_t t0 = now();                                      \
            call_p;                                                   \
            uint32_t t1 = now();                                      \
            call_d;                                                   \
            uint32_t t2 = now();                                      \
            if (elapsed(t0, t1) < bp) bp = elapsed(t0, t1);           \
            if (elapsed(t1, t2) < bd) bd = elapsed(t1, t2);           \
        }                                                             \
        report(name, macs, bp, bd, memcmp(out_p, out_d, (size_t)(n_out)) == 0); \
    } while (0)

static int8_t in[32 * 32 * 32], in2[16 * 16 * 32], w[32 * 32 * 9 + 64 * 1024], out_p[32 * 32 * 32], out_d[32 * 32 * 32];
static int32_t bias[64], qm[64], qs[64];
static int8_t scratch[2048] __attribute__((aligned(4))); /* im2col (2 * 9 * 32) and the ADD tables */

int main(void)
{
    calibrate();
    fill(in, sizeof in);
    fill(in2, sizeof in2);
    fill(w, sizeof w);
    for (int i = 0; i < 64; i++) {
        bias[i] = (i * 7919) % 20000 - 10000;
        qm[i] = 1300000000 + i * 1000;
        qs[i] = -9;
    }
    tsn_quant_params q = {qm, qs, 1};
    tsn_context ctx = {scratch, sizeof scratch};
    printf("ticks/insn %.3f\n", ticks_per_insn);
    printf("%-34s %9s %11s %11s %7s %6s %6s\n", "kernel", "MACs", "insn(port)", "insn(dsp)", "speedup",
           "i/MAC", "i/MAC");

    {   /* 3x3 conv 16x16x16 -> 16, SAME */
        tsn_conv_params p = {5, -3, {1, 1}, {1, 1}, {1, 1}, {-128, 127}};
        tsn_dims id = {1, 16, 16, 16}, fd = {16, 3, 3, 16}, od = {1, 16, 16, 16};
        BENCH("convolve_s8 3x3 16x16x16->16", 16.0 * 16 * 16 * 9 * 16, 16 * 16 * 16,
              tsn_convolve_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_p),
              tsn_dsp_convolve_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_d));
    }
    {   /* first layer: 3x3/2 conv 32x32x3 -> 16, SAME (small Cin: im2col-bound) */
        tsn_conv_params p = {5, -3, {2, 2}, {0, 0}, {1, 1}, {-128, 127}};
        tsn_dims id = {1, 32, 32, 3}, fd = {16, 3, 3, 3}, od = {1, 16, 16, 16};
        BENCH("convolve_s8 3x3/2 32x32x3->16", 16.0 * 16 * 16 * 27, 16 * 16 * 16,
              tsn_convolve_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_p),
              tsn_dsp_convolve_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_d));
    }
    {   /* 1x1 conv 16x16x32 -> 32 */
        tsn_conv_params p = {5, -3, {1, 1}, {0, 0}, {1, 1}, {-128, 127}};
        tsn_dims id = {1, 16, 16, 32}, fd = {32, 1, 1, 32}, od = {1, 16, 16, 32};
        BENCH("convolve_1x1_s8 16x16x32->32", 16.0 * 16 * 32 * 32, 16 * 16 * 32,
              tsn_convolve_1x1_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_p),
              tsn_dsp_convolve_1x1_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_d));
    }
    {   /* depthwise 3x3 32x32x32, SAME, specialised and general */
        tsn_dw_conv_params p = {5, -3, 1, {1, 1}, {1, 1}, {1, 1}, {-128, 127}};
        tsn_dims id = {1, 32, 32, 32}, fd = {1, 3, 3, 32}, od = {1, 32, 32, 32};
        BENCH("depthwise_conv_3x3_s8 32x32x32", 32.0 * 32 * 32 * 9, 32 * 32 * 32,
              tsn_depthwise_conv_3x3_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_p),
              tsn_dsp_depthwise_conv_3x3_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_d));
        BENCH("depthwise_conv_s8 3x3 32x32x32", 32.0 * 32 * 32 * 9, 32 * 32 * 32,
              tsn_depthwise_conv_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_p),
              tsn_dsp_depthwise_conv_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_d));
    }
    {   /* fully connected 1024 -> 64 */
        tsn_fc_params p = {5, 0, -3, {-128, 127}};
        tsn_dims id = {1, 1, 1, 1024}, fd = {64, 1, 1, 1024}, od = {1, 1, 1, 64};
        BENCH("fully_connected_s8 1024->64", 1024.0 * 64, 64,
              tsn_fully_connected_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_p),
              tsn_dsp_fully_connected_s8(&ctx, &p, &q, &id, in, &fd, w, bias, &od, out_d));
    }
    {   /* pooling 2x2/2 over 32x32x32 */
        tsn_pool_params p = {{2, 2}, {0, 0}, {-128, 127}};
        tsn_dims id = {1, 32, 32, 32}, fd = {1, 2, 2, 1}, od = {1, 16, 16, 32};
        BENCH("avgpool_s8 2x2/2 32x32x32", 0, 16 * 16 * 32,
              tsn_avgpool_s8(&ctx, &p, &id, in, &fd, &od, out_p),
              tsn_dsp_avgpool_s8(&ctx, &p, &id, in, &fd, &od, out_d));
        BENCH("maxpool_s8 2x2/2 32x32x32", 0, 16 * 16 * 32,
              tsn_maxpool_s8(&ctx, &p, &id, in, &fd, &od, out_p),
              tsn_dsp_maxpool_s8(&ctx, &p, &id, in, &fd, &od, out_d));
    }
    {   /* mean over 8x8, 64 channels */
        tsn_mean_params p = {3, -2, 1400000000, 0};
        tsn_dims id = {1, 8, 8, 64};
        BENCH("mean_s8 8x8x64", 0, 64,
              tsn_mean_s8(&p, &id, in, out_p), tsn_dsp_mean_s8(&p, &id, in, out_d));
    }
    {   /* add 4096, softmax 10 x 100: single-body kernels (expect ~1.00x) */
        tsn_add_params p = {3, 1073741824, -1, -5, 1300000000, -1, 20, 2, 1200000000, -19, {-128, 127}};
        BENCH("add_s8 4096", 0, 4096,
              tsn_add_s8(&ctx, &p, in, in2, out_p, 4096), tsn_dsp_add_s8(&ctx, &p, in, in2, out_d, 4096));
        tsn_softmax_params sp = {1717986918, 22, -127};
        BENCH("softmax_s8 10x100", 0, 1000,
              tsn_softmax_s8(&sp, in, 10, 100, out_p), tsn_dsp_softmax_s8(&sp, in, 10, 100, out_d));
    }
    return 0;
}
