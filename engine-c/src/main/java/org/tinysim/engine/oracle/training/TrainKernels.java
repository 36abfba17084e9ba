package org.tinysim.engine.oracle.training;

import org.tinysim.engine.ir.Shape4;

/**
 * The backward and update kernels of tsn_train.h, one method per C function with the same
 * arithmetic and loop order (see that header for the formulas). Gradients are float32 w.r.t. the
 * real value of each tensor; weights int8 per-channel, biases int32.
 */
public final class TrainKernels {

  private TrainKernels() {}

  /** tsn_softmax_xent_grad_s8: probabilities have scale 1/256 and zero point -128. */
  public static float[] softmaxCrossEntropyGrad(byte[] probs, int label) {
    if (label < 0 || label >= probs.length) {
      throw new IllegalArgumentException("label " + label + " outside 0.." + (probs.length - 1));
    }
    float[] grad = new float[probs.length];
    for (int i = 0; i < probs.length; i++) {
      float p = (float) (probs[i] + 128) * (1.0f / 256.0f);
      grad[i] = i == label ? p - 1.0f : p;
    }
    return grad;
  }

  /** tsn_act_mask_grad: zero where the saved output sits on the activation clamp. */
  public static void activationMask(byte[] out, int actMin, int actMax, float[] grad) {
    for (int i = 0; i < out.length; i++) {
      if (out[i] <= actMin || out[i] >= actMax) {
        grad[i] = 0.0f;
      }
    }
  }

  /** tsn_pointwise_input_grad_s8 (weights [cout][cin]). */
  public static float[] pointwiseInputGrad(
      float[] gradOut,
      Shape4 out,
      byte[] weights,
      float[] wScale,
      int strideH,
      int strideW,
      Shape4 in) {
    int cout = out.channels();
    int cin = in.channels();
    float[] gradIn = new float[in.height() * in.width() * cin];
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        int g = (oy * out.width() + ox) * cout;
        int gi = ((oy * strideH) * in.width() + ox * strideW) * cin;
        for (int k = 0; k < cin; k++) {
          float acc = 0.0f;
          for (int c = 0; c < cout; c++) {
            acc += (gradOut[g + c] * wScale[c]) * (float) weights[c * cin + k];
          }
          gradIn[gi + k] = acc;
        }
      }
    }
    return gradIn;
  }

  /** tsn_pointwise_weight_grad_s8: rows of channels [cBegin, cEnd). */
  public static float[] pointwiseWeightGrad(
      float[] gradOut,
      Shape4 out,
      byte[] input,
      Shape4 in,
      int inputOffset,
      float xScale,
      int strideH,
      int strideW,
      int cBegin,
      int cEnd) {
    int cout = out.channels();
    int cin = in.channels();
    float[] gradW = new float[(cEnd - cBegin) * cin];
    for (int c = cBegin; c < cEnd; c++) {
      for (int k = 0; k < cin; k++) {
        float acc = 0.0f;
        for (int oy = 0; oy < out.height(); oy++) {
          for (int ox = 0; ox < out.width(); ox++) {
            int x = ((oy * strideH) * in.width() + ox * strideW) * cin;
            acc +=
                gradOut[(oy * out.width() + ox) * cout + c] * (float) (input[x + k] + inputOffset);
          }
        }
        gradW[(c - cBegin) * cin + k] = acc * xScale;
      }
    }
    return gradW;
  }

  /** tsn_conv_weight_grad_s8: rows [cEnd - cBegin][kh][kw][cin] (OHWI). */
  public static float[] convWeightGrad(
      float[] gradOut,
      Shape4 out,
      byte[] input,
      Shape4 in,
      int inputOffset,
      float xScale,
      int kernelH,
      int kernelW,
      int strideH,
      int strideW,
      int padH,
      int padW,
      int cBegin,
      int cEnd) {
    int cin = in.channels();
    int cout = out.channels();
    float[] gradW = new float[(cEnd - cBegin) * kernelH * kernelW * cin];
    int i = 0;
    for (int c = cBegin; c < cEnd; c++) {
      for (int ky = 0; ky < kernelH; ky++) {
        for (int kx = 0; kx < kernelW; kx++) {
          for (int k = 0; k < cin; k++) {
            float acc = 0.0f;
            for (int oy = 0; oy < out.height(); oy++) {
              int iy = oy * strideH - padH + ky;
              if (iy < 0 || iy >= in.height()) {
                continue;
              }
              for (int ox = 0; ox < out.width(); ox++) {
                int ix = ox * strideW - padW + kx;
                if (ix < 0 || ix >= in.width()) {
                  continue;
                }
                acc +=
                    gradOut[(oy * out.width() + ox) * cout + c]
                        * (float) (input[(iy * in.width() + ix) * cin + k] + inputOffset);
              }
            }
            gradW[i++] = acc * xScale;
          }
        }
      }
    }
    return gradW;
  }

  /** tsn_depthwise_input_grad_s8 (filter 1 x kh x kw x C, multiplier 1). */
  public static float[] depthwiseInputGrad(
      float[] gradOut,
      Shape4 out,
      byte[] weights,
      int kernelH,
      int kernelW,
      float[] wScale,
      int strideH,
      int strideW,
      int padH,
      int padW,
      Shape4 in) {
    int ch = in.channels();
    float[] gradIn = new float[in.height() * in.width() * ch];
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        int g = (oy * out.width() + ox) * ch;
        for (int ky = 0; ky < kernelH; ky++) {
          int iy = oy * strideH - padH + ky;
          if (iy < 0 || iy >= in.height()) {
            continue;
          }
          for (int kx = 0; kx < kernelW; kx++) {
            int ix = ox * strideW - padW + kx;
            if (ix < 0 || ix >= in.width()) {
              continue;
            }
            int w = (ky * kernelW + kx) * ch;
            int gi = (iy * in.width() + ix) * ch;
            for (int c = 0; c < ch; c++) {
              gradIn[gi + c] += (gradOut[g + c] * wScale[c]) * (float) weights[w + c];
            }
          }
        }
      }
    }
    return gradIn;
  }

  /** tsn_depthwise_weight_grad_s8: [kh*kw][cEnd - cBegin]. */
  public static float[] depthwiseWeightGrad(
      float[] gradOut,
      Shape4 out,
      byte[] input,
      Shape4 in,
      int inputOffset,
      float xScale,
      int kernelH,
      int kernelW,
      int strideH,
      int strideW,
      int padH,
      int padW,
      int cBegin,
      int cEnd) {
    int ch = in.channels();
    int n = cEnd - cBegin;
    float[] gradW = new float[kernelH * kernelW * n];
    for (int ky = 0; ky < kernelH; ky++) {
      for (int kx = 0; kx < kernelW; kx++) {
        for (int c = cBegin; c < cEnd; c++) {
          float acc = 0.0f;
          for (int oy = 0; oy < out.height(); oy++) {
            int iy = oy * strideH - padH + ky;
            if (iy < 0 || iy >= in.height()) {
              continue;
            }
            for (int ox = 0; ox < out.width(); ox++) {
              int ix = ox * strideW - padW + kx;
              if (ix < 0 || ix >= in.width()) {
                continue;
              }
              acc +=
                  gradOut[(oy * out.width() + ox) * ch + c]
                      * (float) (input[(iy * in.width() + ix) * ch + c] + inputOffset);
            }
          }
          gradW[(ky * kernelW + kx) * n + (c - cBegin)] = acc * xScale;
        }
      }
    }
    return gradW;
  }

  /** tsn_bias_grad over {@code pixels} rows of {@code channels}. */
  public static float[] biasGrad(float[] gradOut, int pixels, int channels, int cBegin, int cEnd) {
    float[] gradB = new float[cEnd - cBegin];
    for (int c = cBegin; c < cEnd; c++) {
      float acc = 0.0f;
      for (int p = 0; p < pixels; p++) {
        acc += gradOut[p * channels + c];
      }
      gradB[c - cBegin] = acc;
    }
    return gradB;
  }

  /** tsn_global_avgpool_grad. */
  public static float[] globalAvgPoolGrad(float[] gradOut, int pixels) {
    int channels = gradOut.length;
    float[] gradIn = new float[pixels * channels];
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < channels; c++) {
        gradIn[p * channels + c] = gradOut[c] / (float) pixels;
      }
    }
    return gradIn;
  }

  /** tsn_grad_accumulate. */
  public static void accumulate(float[] dst, float[] src) {
    for (int i = 0; i < dst.length; i++) {
      dst[i] += src[i];
    }
  }

  /** tsn_sgdm_update_s8: int8 weights [c][rowLen], grad/momentum rows from cBegin. */
  public static void sgdmUpdateInt8(
      byte[] weights,
      float[] gradW,
      float[] momentum,
      int rowLen,
      int cBegin,
      int cEnd,
      float[] wScale,
      SgdParams p,
      Xorshift32 rng) {
    for (int c = cBegin; c < cEnd; c++) {
      int row = (c - cBegin) * rowLen;
      for (int k = 0; k < rowLen; k++) {
        int w = c * rowLen + k;
        weights[w] = updateOne(weights[w], gradW[row + k], momentum, row + k, wScale[c], p, rng);
      }
    }
  }

  /** tsn_sgdm_update_dw_s8: filter [taps][channels], grad/momentum [taps][cEnd - cBegin]. */
  public static void sgdmUpdateDepthwiseInt8(
      byte[] weights,
      float[] gradW,
      float[] momentum,
      int taps,
      int channels,
      int cBegin,
      int cEnd,
      float[] wScale,
      SgdParams p,
      Xorshift32 rng) {
    int n = cEnd - cBegin;
    for (int t = 0; t < taps; t++) {
      for (int c = cBegin; c < cEnd; c++) {
        int i = t * n + (c - cBegin);
        int w = t * channels + c;
        weights[w] = updateOne(weights[w], gradW[i], momentum, i, wScale[c], p, rng);
      }
    }
  }

  private static byte updateOne(
      byte w, float grad, float[] m, int mi, float s, SgdParams p, Xorshift32 rng) {
    float g = p.qas() ? grad / s : grad * s;
    m[mi] = p.momentum() * m[mi] + g;
    float v = (float) w - p.lr() * m[mi];
    float u = (float) (rng.next() >>> 8) * (1.0f / 16777216.0f);
    float t = v + u;
    float bounded = t < -1000.0f ? -1000.0f : (t > 1000.0f ? 1000.0f : t);
    return (byte) clampWeight(floorToInt(bounded));
  }

  /** tsn_sgdm_update_bias_s32. */
  public static void sgdmUpdateBias(
      int[] bias,
      float[] gradB,
      float[] momentum,
      int cBegin,
      int cEnd,
      float[] wScale,
      float xScale,
      SgdParams p) {
    for (int c = cBegin; c < cEnd; c++) {
      int i = c - cBegin;
      float g = p.qas() ? (gradB[i] / wScale[c]) / xScale : (gradB[i] * wScale[c]) * xScale;
      momentum[i] = p.momentum() * momentum[i] + g;
      float d = p.lr() * momentum[i];
      d = d < -1073741824.0f ? -1073741824.0f : (d > 1073741824.0f ? 1073741824.0f : d);
      long b = (long) bias[c] - roundHalfAway(d);
      bias[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, b));
    }
  }

  /** tsn_sgdm_update_f32 on an fp32 master copy. */
  public static void sgdmUpdateFloat(
      float[] param, float[] grad, float[] momentum, int offset, SgdParams p) {
    for (int i = 0; i < grad.length; i++) {
      momentum[offset + i] = p.momentum() * momentum[offset + i] + grad[i];
      param[offset + i] = param[offset + i] - p.lr() * momentum[offset + i];
    }
  }

  /** tsn_requantize_params_f32, weight form: rows [cBegin, cEnd) of {@code param}. */
  public static void requantizeWeights(
      float[] param, int rowLen, int cBegin, int cEnd, float[] wScale, byte[] weights) {
    for (int c = cBegin; c < cEnd; c++) {
      for (int k = 0; k < rowLen; k++) {
        float q = param[(c - cBegin) * rowLen + k] / wScale[c];
        q = q < -1000.0f ? -1000.0f : (q > 1000.0f ? 1000.0f : q);
        weights[c * rowLen + k] = (byte) clampWeight(roundHalfAway(q));
      }
    }
  }

  /** tsn_requantize_params_f32, bias form. */
  public static void requantizeBias(
      float[] param, int cBegin, int cEnd, float[] wScale, float xScale, int[] bias) {
    for (int c = cBegin; c < cEnd; c++) {
      float q = (param[c - cBegin] / wScale[c]) / xScale;
      q = q < -1073741824.0f ? -1073741824.0f : (q > 1073741824.0f ? 1073741824.0f : q);
      bias[c] = roundHalfAway(q);
    }
  }

  static int floorToInt(float t) {
    int i = (int) t;
    return (float) i > t ? i - 1 : i;
  }

  static int roundHalfAway(float d) {
    return (int) (d >= 0.0f ? d + 0.5f : d - 0.5f);
  }

  private static int clampWeight(int v) {
    return v < -127 ? -127 : Math.min(v, 127);
  }
}
