package org.tinysim.engine.quantize;

import org.tinysim.engine.prepare.QuantMath;

/**
 * Symmetric per-channel int8 weights (codes in [-127, 127], zero point 0) with their int32 bias at
 * scale inputScale * weightScale[c], as TFLite's int8 kernels expect.
 */
public record ChannelWeights(byte[] weights, float[] scales, int[] bias) {

  static final int WEIGHT_QMAX = 127;

  /** Largest bias code: half of int32, leaving headroom for the accumulated products. */
  static final double BIAS_LIMIT = 1 << 30;

  /**
   * Quantises {@code w}, whose channel of element i is {@code (i / inner) % channels}: OHWI and
   * [out][in] have inner = elements per channel, 1HWC has inner = 1.
   *
   * <p>A channel's scale is max|w|/127, raised where needed so its bias fits 2^30; an all-zero
   * channel gets the scale its bias needs (or 1) instead of 0, which TFLite rejects.
   */
  public static ChannelWeights quantize(
      String layer, float[] w, float[] b, int channels, int inner, float inputScale) {
    if (b.length != channels) {
      throw new IllegalArgumentException(
          "layer '" + layer + "': " + b.length + " biases for " + channels + " channels");
    }
    float[] absMax = new float[channels];
    for (int i = 0; i < w.length; i++) {
      int c = (i / inner) % channels;
      absMax[c] = Math.max(absMax[c], Math.abs(w[i]));
    }
    float[] scales = new float[channels];
    for (int c = 0; c < channels; c++) {
      double forWeights = absMax[c] / WEIGHT_QMAX;
      double forBias = Math.abs(b[c]) / (inputScale * BIAS_LIMIT);
      double s = Math.max(forWeights, forBias);
      scales[c] = s > 0 ? (float) s : 1f;
      if (!Float.isFinite(scales[c]) || scales[c] == 0) {
        throw new IllegalArgumentException(
            "layer '"
                + layer
                + "', channel "
                + c
                + ": weight scale "
                + s
                + " not representable as a float");
      }
    }
    byte[] q = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      double v = QuantMath.round(w[i] / (double) scales[(i / inner) % channels]);
      q[i] = (byte) Math.max(-WEIGHT_QMAX, Math.min(WEIGHT_QMAX, v));
    }
    ChannelWeights result = new ChannelWeights(q, scales, new int[channels]);
    float[] biasScales = result.biasScales(inputScale);
    for (int c = 0; c < channels; c++) {
      result.bias[c] = (int) QuantMath.round(b[c] / (double) biasScales[c]);
    }
    return result;
  }

  /** Scales of the int32 bias: inputScale * weightScale[c]. */
  public float[] biasScales(float inputScale) {
    float[] s = new float[scales.length];
    for (int c = 0; c < s.length; c++) {
      s[c] = inputScale * scales[c];
    }
    return s;
  }
}
