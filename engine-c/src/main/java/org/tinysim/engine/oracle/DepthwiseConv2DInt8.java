package org.tinysim.engine.oracle;

import static org.tinysim.engine.oracle.FixedPointMath.clamp;
import static org.tinysim.engine.oracle.FixedPointMath.multiplyByQuantizedMultiplier;

import org.tinysim.engine.ir.Shape4;

/**
 * Per-channel int8 DEPTHWISE_CONV_2D with TFLite {@code
 * reference_integer_ops::DepthwiseConvPerChannel} semantics, including depth multiplier and
 * dilation. Filter shape is {@code [1, fh, fw, inC * depthMultiplier]}.
 */
public final class DepthwiseConv2DInt8 {

  private DepthwiseConv2DInt8() {}

  public static void run(
      DepthwiseConvParams p,
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
    int inDepth = inShape.channels();
    int outDepth = outShape.channels();
    if (filterShape.batch() != 1
        || filterShape.channels() != outDepth
        || outDepth != inDepth * p.depthMultiplier()
        || inShape.batch() != outShape.batch()
        || p.channelCount() != outDepth
        || (bias != null && bias.length != outDepth)) {
      throw new IllegalArgumentException("inconsistent depthwise shapes/params");
    }
    for (int b = 0; b < outShape.batch(); b++) {
      for (int oy = 0; oy < outShape.height(); oy++) {
        int inYOrigin = oy * p.strideH() - p.padH();
        for (int ox = 0; ox < outShape.width(); ox++) {
          int inXOrigin = ox * p.strideW() - p.padW();
          for (int ic = 0; ic < inDepth; ic++) {
            for (int m = 0; m < p.depthMultiplier(); m++) {
              int oc = ic * p.depthMultiplier() + m;
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
                  int in = input[inShape.index(b, iy, ix, ic)];
                  int w = filter[filterShape.index(0, fy, fx, oc)];
                  acc += w * (in + p.inputOffset());
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
}
