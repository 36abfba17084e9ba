/*
 * Host test of the training kernels (tsn_train.h): every kernel on the seeded
 * cases of train_golden.h must reproduce the Java reference (TrainKernels)
 * bit for bit, plus hand-computed cases and argument checks.
 */
#include <stdio.h>
#include <string.h>
#include "tsn_train.h"
#include "train_golden.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL: %s\n", what);
    }
}

/* Bitwise float comparison against golden IEEE bits; reports the first difference. */
static void check_bits(const float *got, const uint32_t *want, int n, const char *what)
{
    for (int i = 0; i < n; i++) {
        uint32_t bits;
        memcpy(&bits, &got[i], 4);
        if (bits != want[i]) {
            float w;
            memcpy(&w, &want[i], 4);
            printf("FAIL: %s[%d] = %.9g (0x%08x), Java reference %.9g (0x%08x)\n", what, i,
                   (double)got[i], (unsigned)bits, (double)w, (unsigned)want[i]);
            failed++;
            return;
        }
    }
    passed++;
}

static void load(float *dst, const uint32_t *src, int n)
{
    memcpy(dst, src, sizeof(float) * (size_t)n);
}

static float one(const uint32_t *src)
{
    float f;
    memcpy(&f, src, 4);
    return f;
}

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void test_loss_and_mask(void)
{
    float g[N(xent_grad)];
    check(tsn_softmax_xent_grad_s8(xent_probs, N(xent_probs), 3, g) == TSN_SUCCESS, "xent status");
    check_bits(g, xent_grad, N(xent_grad), "softmax_xent_grad");
    check(tsn_softmax_xent_grad_s8(xent_probs, N(xent_probs), 10, g) == TSN_ARG_ERROR,
          "xent rejects a label past the classes");

    float m[N(mask_grad)];
    load(m, mask_grad_in, N(m));
    tsn_act_mask_grad(mask_out, N(mask_out), -5, 100, m);
    check_bits(m, mask_grad, N(m), "act_mask_grad");

    /* by hand: uniform probabilities 1/4 (q = -64), label 1 */
    const int8_t quarter[4] = {-64, -64, -64, -64};
    float h[4];
    tsn_softmax_xent_grad_s8(quarter, 4, 1, h);
    check(h[0] == 0.25f && h[1] == -0.75f && h[3] == 0.25f, "xent of a uniform softmax");
}

static void test_pointwise(const char *name, const int8_t *w, const uint32_t *ws,
                           const uint32_t *gout, const int8_t *x, const uint32_t *xs,
                           const uint32_t *gin_want, const uint32_t *gw_want, tsn_dims in,
                           tsn_dims out, int stride, int c_begin, int c_end)
{
    float scale[16], go[64], gin[128], gw[64];
    load(scale, ws, out.c);
    load(go, gout, out.h * out.w * out.c);
    const tsn_tile st = {stride, stride};
    char what[64];
    snprintf(what, sizeof what, "%s input grad", name);
    tsn_pointwise_input_grad_s8(go, &out, w, scale, &st, &in, gin);
    check_bits(gin, gin_want, in.h * in.w * in.c, what);
    snprintf(what, sizeof what, "%s weight grad", name);
    tsn_pointwise_weight_grad_s8(go, &out, x, &in, 7, one(xs), &st, c_begin, c_end, gw);
    check_bits(gw, gw_want, (c_end - c_begin) * in.c, what);
}

static void test_depthwise(void)
{
    const tsn_dims in = {1, 6, 6, 3}, out = {1, 3, 3, 3}, filter = {1, 3, 3, 3};
    const tsn_tile stride = {2, 2}, pad = {1, 1};
    float scale[3], go[27], gin[108], gw[18];
    load(scale, dw_w_scale, 3);
    load(go, dw_gout, 27);
    tsn_depthwise_input_grad_s8(go, &out, dw_w, &filter, scale, &stride, &pad, &in, gin);
    check_bits(gin, dw_gin, 108, "depthwise input grad");
    tsn_depthwise_weight_grad_s8(go, &out, dw_x, &in, -3, one(dw_x_scale), &filter, &stride,
                                 &pad, 1, 3, gw);
    check_bits(gw, dw_gw, 18, "depthwise weight grad");
    check(tsn_depthwise_weight_grad_s8(go, &out, dw_x, &in, -3, 1.0f, &filter, &stride, &pad, 2,
                                       4, gw) == TSN_ARG_ERROR,
          "depthwise weight grad rejects channels past the tensor");
}

static void test_conv(void)
{
    const tsn_dims in = {1, 7, 7, 2}, out = {1, 4, 4, 5}, filter = {5, 3, 3, 2};
    const tsn_tile stride = {2, 2}, pad = {1, 1};
    float go[80], gw[3 * 18];
    load(go, conv_gout, 80);
    tsn_conv_weight_grad_s8(go, &out, conv_x, &in, 128, one(conv_x_scale), &filter, &stride,
                            &pad, 1, 4, gw);
    check_bits(gw, conv_gw, 3 * 18, "conv weight grad");
    check(tsn_conv_weight_grad_s8(go, &out, conv_x, &in, 128, 1.0f, &filter, &stride, &pad, 4,
                                  6, gw) == TSN_ARG_ERROR,
          "conv weight grad rejects channels past the tensor");
}

static void test_bias_and_pool(void)
{
    float go[54], gb[4], gin[54];
    load(go, bias_gout, 54);
    tsn_bias_grad(go, 9, 6, 2, 6, gb);
    check_bits(gb, bias_gb, 4, "bias grad");
    tsn_global_avgpool_grad(go, 9, 6, gin);
    check_bits(gin, pool_gin, 54, "global avgpool grad");

    float a[3] = {1.0f, 2.0f, -1.0f};
    const float b[3] = {0.5f, -2.0f, 1.0f};
    tsn_grad_accumulate(a, b, 3);
    check(a[0] == 1.5f && a[1] == 0.0f && a[2] == 0.0f, "grad accumulate");
}

static void test_update(int qas, const int8_t *w_in, const uint32_t *ws, const uint32_t *g1,
                        const uint32_t *g2, const uint32_t *m_in, const int8_t *w_out,
                        const uint32_t *m_out, const int32_t *rng_out, const int32_t *b_in,
                        const uint32_t *gb, const uint32_t *mb_in, const int32_t *b_out,
                        const uint32_t *mb_out)
{
    const tsn_sgd_params p = {0.05f, 0.9f, qas};
    int8_t w[24];
    float scale[6], grad1[12], grad2[12], m[12];
    memcpy(w, w_in, 24);
    load(scale, ws, 6);
    load(grad1, g1, 12);
    load(grad2, g2, 12);
    load(m, m_in, 12);
    uint32_t rng = 0x1234567u;
    tsn_sgdm_update_s8(w, grad1, m, 4, 1, 4, scale, &p, &rng);
    tsn_sgdm_update_s8(w, grad2, m, 4, 1, 4, scale, &p, &rng);
    check(memcmp(w, w_out, 24) == 0, qas ? "int8 QAS update weights" : "int8 naive update weights");
    check_bits(m, m_out, 12, qas ? "int8 QAS momentum" : "int8 naive momentum");
    check(rng == (uint32_t)rng_out[0], "update draws one random number per weight");

    int32_t b[6];
    float gbias[4], mb[4];
    memcpy(b, b_in, sizeof b);
    load(gbias, gb, 4);
    load(mb, mb_in, 4);
    tsn_sgdm_update_bias_s32(b, gbias, mb, 2, 6, scale, 0.02f, &p);
    tsn_sgdm_update_bias_s32(b, gbias, mb, 2, 6, scale, 0.02f, &p);
    check(memcmp(b, b_out, sizeof b) == 0, qas ? "QAS bias update" : "naive bias update");
    check_bits(mb, mb_out, 4, "bias momentum");
}

static void test_other_updates(void)
{
    const tsn_sgd_params p = {0.1f, 0.5f, 1};
    int8_t w[27];
    float scale[5], g[18], m[18] = {0};
    memcpy(w, dwupd_w_in, 27);
    load(scale, dwupd_w_scale, 3);
    load(g, dwupd_g, 18);
    uint32_t rng = 99u;
    tsn_sgdm_update_dw_s8(w, g, m, 9, 3, 1, 3, scale, &p, &rng);
    check(memcmp(w, dwupd_w_out, 27) == 0, "depthwise int8 update weights");
    check_bits(m, dwupd_m_out, 18, "depthwise momentum");

    float param[12], grad[12], mf[12];
    load(param, f32_param_in, 12);
    load(grad, f32_grad, 12);
    load(mf, f32_m_in, 12);
    tsn_sgdm_update_f32(param, grad, mf, 12, &p);
    check_bits(param, f32_param_out, 12, "fp32 update params");
    check_bits(mf, f32_m_out, 12, "fp32 update momentum");

    int8_t rw[20] = {0};
    int32_t rb[5] = {0};
    load(scale, rq_w_scale, 5);
    tsn_requantize_params_f32(param, 4, 1, 4, scale, 0.0f, rw, NULL);
    check(memcmp(rw, rq_w_out, 20) == 0, "requantize fp32 weights");
    tsn_requantize_params_f32(param, 0, 1, 4, scale, 0.02f, NULL, rb);
    check(memcmp(rb, rq_b_out, sizeof rb) == 0, "requantize fp32 biases");

    /* by hand: w = 10, s = 0.5, G_W = 1, lr 1, no momentum: QAS step 2 (10 - 2 + u -> 8),
     * naive step 0.5 (10 - 0.5 + u -> 9 or 10) */
    const tsn_sgd_params plain = {1.0f, 0.0f, 1};
    int8_t one_w = 10;
    float half = 0.5f, g1 = 1.0f, m1 = 0.0f;
    uint32_t r = 1u;
    tsn_sgdm_update_s8(&one_w, &g1, &m1, 1, 0, 1, &half, &plain, &r);
    check(one_w == 8 && m1 == 2.0f, "QAS scales the weight gradient by 1/s");
    int32_t bias1 = 100;
    float gb1 = 0.25f, mb1 = 0.0f;
    tsn_sgdm_update_bias_s32(&bias1, &gb1, &mb1, 0, 1, &half, 0.25f, &plain);
    check(bias1 == 98, "QAS bias step G/(s*x_scale) = 2");
}

int main(void)
{
    test_loss_and_mask();
    test_pointwise("pointwise", pw_w, pw_w_scale, pw_gout, pw_x, pw_x_scale, pw_gin, pw_gw,
                   (tsn_dims){1, 5, 5, 4}, (tsn_dims){1, 3, 3, 6}, 2, 1, 4);
    test_pointwise("fully connected", fc_w, fc_w_scale, fc_gout, fc_x, fc_x_scale, fc_gin, fc_gw,
                   (tsn_dims){1, 1, 1, 9}, (tsn_dims){1, 1, 1, 5}, 1, 0, 5);
    test_depthwise();
    test_conv();
    test_bias_and_pool();
    test_update(1, upd_qas_w_in, upd_qas_w_scale, upd_qas_g1, upd_qas_g2, upd_qas_m_in,
                upd_qas_w_out, upd_qas_m_out, upd_qas_rng_out, bupd_qas_b_in, bupd_qas_gb,
                bupd_qas_m_in, bupd_qas_b_out, bupd_qas_m_out);
    test_update(0, upd_naive_w_in, upd_naive_w_scale, upd_naive_g1, upd_naive_g2,
                upd_naive_m_in, upd_naive_w_out, upd_naive_m_out, upd_naive_rng_out,
                bupd_naive_b_in, bupd_naive_gb, bupd_naive_m_in, bupd_naive_b_out,
                bupd_naive_m_out);
    test_other_updates();
    printf("training kernels: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
