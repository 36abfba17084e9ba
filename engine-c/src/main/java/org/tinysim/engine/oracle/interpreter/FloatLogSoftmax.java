package org.tinysim.engine.oracle.interpreter;

/**
 * float32 LOG_SOFTMAX as TFLite's float reference computes it: x - max - log(sum(exp(x - max)))
 * with a float accumulator. exp/log go through double and are rounded to float, so results can
 * differ from a C expf/logf by an ulp: compare float tails with a tolerance, not bit-exactly.
 */
final class FloatLogSoftmax {

  private FloatLogSoftmax() {}

  static float[] run(float[] in, int depth) {
    if (depth <= 0 || in.length % depth != 0) {
      throw new IllegalArgumentException(in.length + " values do not split into rows of " + depth);
    }
    float[] out = new float[in.length];
    for (int row = 0; row < in.length; row += depth) {
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < depth; c++) {
        max = Math.max(max, in[row + c]);
      }
      float sum = 0f;
      for (int c = 0; c < depth; c++) {
        sum += (float) Math.exp(in[row + c] - max);
      }
      float logSum = (float) Math.log(sum);
      for (int c = 0; c < depth; c++) {
        out[row + c] = in[row + c] - max - logSum;
      }
    }
    return out;
  }
}
