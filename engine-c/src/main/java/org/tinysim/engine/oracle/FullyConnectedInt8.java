package org.tinysim.engine.oracle;

import static org.tinysim.engine.oracle.FixedPointMath.clamp;
import static org.tinysim.engine.oracle.FixedPointMath.multiplyByQuantizedMultiplier;

/**
 * int8 FULLY_CONNECTED with TFLite {@code reference_integer_ops::FullyConnected} (per-tensor) and
 * {@code FullyConnectedPerChannel} semantics. Input is {@code [batches, accumDepth]}, weights are
 * {@code [outDepth, accumDepth]}, output is {@code [batches, outDepth]}, all row-major.
 */
public final class FullyConnectedInt8 {

  private FullyConnectedInt8() {}

  public static void run(
      FullyConnectedParams p,
      int batches,
      byte[] input,
      int outDepth,
      byte[] filter,
      int[] bias,
      byte[] output) {
    if (batches <= 0 || outDepth <= 0 || input.length % batches != 0) {
      throw new IllegalArgumentException("bad batch/output dimensions");
    }
    int accumDepth = input.length / batches;
    if (filter.length != outDepth * accumDepth
        || output.length != batches * outDepth
        || (bias != null && bias.length != outDepth)
        || (p.isPerChannel() && p.channelCount() != outDepth)) {
      throw new IllegalArgumentException("inconsistent fully-connected shapes/params");
    }
    for (int b = 0; b < batches; b++) {
      for (int oc = 0; oc < outDepth; oc++) {
        int acc = 0;
        for (int d = 0; d < accumDepth; d++) {
          int in = input[b * accumDepth + d];
          int w = filter[oc * accumDepth + d];
          acc += (w + p.filterOffset()) * (in + p.inputOffset());
        }
        if (bias != null) {
          acc += bias[oc];
        }
        acc = multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc));
        acc += p.outputOffset();
        output[b * outDepth + oc] = (byte) clamp(acc, p.activationMin(), p.activationMax());
      }
    }
  }
}
