package org.tinysim.engine.oracle;

import static org.tinysim.engine.oracle.FixedPointMath.multiplyByQuantizedMultiplier;
import static org.tinysim.engine.oracle.FixedPointMath.saturateToInt8;

import org.tinysim.engine.ir.Shape4;

/**
 * int8 MEAN over axes {1, 2} of an NHWC tensor, keep_dims, output {@code [N, 1, 1, C]}. Follows
 * TFLite's integer path: sum of {@code (in - inputZeroPoint)}, requantise by {@code
 * inputScale/outputScale}, divide by H*W rounding half away from zero, add the output zero point
 * and saturate. (Newer TFLite Micro releases route differing scales through a float path instead;
 * this oracle deliberately models the integer one.)
 */
public final class MeanInt8 {

  private MeanInt8() {}

  public static void run(MeanParams p, Shape4 inShape, byte[] input, byte[] output) {
    inShape.requireLength("input", input);
    if (output.length != inShape.batch() * inShape.channels()) {
      throw new IllegalArgumentException("output must be [N, 1, 1, C]");
    }
    int count = inShape.height() * inShape.width();
    for (int b = 0; b < inShape.batch(); b++) {
      for (int c = 0; c < inShape.channels(); c++) {
        int acc = 0;
        for (int y = 0; y < inShape.height(); y++) {
          for (int x = 0; x < inShape.width(); x++) {
            acc += input[inShape.index(b, y, x, c)] - p.inputZeroPoint();
          }
        }
        acc = multiplyByQuantizedMultiplier(acc, p.multiplier(), p.shift());
        acc = AveragePool2DInt8.roundedDivide(acc, count);
        acc += p.outputZeroPoint();
        output[b * inShape.channels() + c] = saturateToInt8(acc);
      }
    }
  }
}
