package org.tinysim.engine.oracle;

import static org.tinysim.engine.oracle.FixedPointMath.clamp;
import static org.tinysim.engine.oracle.FixedPointMath.multiplyByQuantizedMultiplier;

import org.tinysim.engine.ir.Shape4;

/**
 * Per-channel int8 CONV_2D with TFLite {@code reference_integer_ops::ConvPerChannel} semantics:
 * {@code acc = sum((in + inputOffset) * filter) + bias[oc]}, requantised per output channel, plus
 * {@code outputOffset}, clamped to the activation range. Out-of-image taps contribute nothing (they
 * are skipped, i.e. behave like padding with the input zero point). Grouped convolution is
 * supported when {@code filter.channels} divides the input depth.
 */
public final class Conv2DInt8 {

  private Conv2DInt8() {}

  /**
   * @param filter OHWI weights, shape {@code [outC, fh, fw, inC/groups]}
   * @param bias int32 per output channel, or {@code null}
   */
  public static void run(
      ConvParams p,
      Shape4 inShape,
      byte[] input,
      Shape4 filterShape,
      byte[] filter,
      int[] bias,
      Shape4 outShape,
      byte[] output) {
    inShape.requireLength("input", input);
    filterShape.requireLength("filter", filter);
    outShape.requireLength("output", output);
    int outDepth = outShape.channels();
    int filterInDepth = filterShape.channels();
    if (filterShape.batch() != outDepth
        || inShape.batch() != outShape.batch()
        || inShape.channels() % filterInDepth != 0
        || p.channelCount() != outDepth
        || (bias != null && bias.length != outDepth)) {
      throw new IllegalArgumentException("inconsistent conv shapes/params");
    }
    int groups = inShape.channels() / filterInDepth;
    if (outDepth % groups != 0) {
      throw new IllegalArgumentException("output channels not divisible by groups");
    }
    int filtersPerGroup = outDepth / groups;

    for (int b = 0; b < outShape.batch(); b++) {
      for (int oy = 0; oy < outShape.height(); oy++) {
        int inYOrigin = oy * p.strideH() - p.padH();
        for (int ox = 0; ox < outShape.width(); ox++) {
          int inXOrigin = ox * p.strideW() - p.padW();
          for (int oc = 0; oc < outDepth; oc++) {
            int inChannelBase = (oc / filtersPerGroup) * filterInDepth;
            int acc = 0;
            for (int fy = 0; fy < filterShape.height(); fy++) {
              int iy = inYOrigin + p.dilationH() * fy;
              if (iy < 0 || iy >= inShape.height()) {
                continue;
              }
              for (int fx = 0; fx < filterShape.width(); fx++) {
                int ix = inXOrigin + p.dilationW() * fx;
                if (ix < 0 || ix >= inShape.width()) {
                  continue;
                }
                for (int ic = 0; ic < filterInDepth; ic++) {
                  int in = input[inShape.index(b, iy, ix, inChannelBase + ic)];
                  int w = filter[filterShape.index(oc, fy, fx, ic)];
                  acc += w * (in + p.inputOffset());
                }
              }
            }
            if (bias != null) {
              acc += bias[oc];
            }
            acc = multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc));
            acc += p.outputOffset();
            output[outShape.index(b, oy, ox, oc)] =
                (byte) clamp(acc, p.activationMin(), p.activationMax());
          }
        }
      }
    }
  }
}
