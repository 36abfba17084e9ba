package org.tinysim.engine.oracle;

import static org.tinysim.engine.oracle.FixedPointMath.expOnNegativeValues;
import static org.tinysim.engine.oracle.FixedPointMath.multiplyByQuantizedMultiplierGreaterThanOne;
import static org.tinysim.engine.oracle.FixedPointMath.rescale;
import static org.tinysim.engine.oracle.FixedPointMath.roundingDivideByPOT;
import static org.tinysim.engine.oracle.FixedPointMath.saturateToInt8;
import static org.tinysim.engine.oracle.FixedPointMath.saturatingRoundingDoublingHighMul;

/**
 * int8 SOFTMAX over the last dimension with TFLite's gemmlowp-based reference algorithm ({@code
 * reference_ops::Softmax<int8_t, int8_t>}): differences to the row max are scaled to Q5.26,
 * exponentiated in fixed point, summed in Q12.19, and normalised by a fixed-point reciprocal.
 * Output scale 1/256, zero point -128.
 */
public final class SoftmaxInt8 {

  private static final int ACCUMULATION_INTEGER_BITS = 12;

  private SoftmaxInt8() {}

  /**
   * @param depth size of the last dimension; {@code input.length} must be a multiple of it
   */
  public static void run(SoftmaxParams p, int depth, byte[] input, byte[] output) {
    if (depth <= 0 || input.length % depth != 0 || output.length != input.length) {
      throw new IllegalArgumentException("input/output sizes do not match depth " + depth);
    }
    final int scaledDiffBits = SoftmaxParams.SCALED_DIFF_INTEGER_BITS;
    for (int row = 0; row < input.length; row += depth) {
      int max = Byte.MIN_VALUE;
      for (int c = 0; c < depth; c++) {
        max = Math.max(max, input[row + c]);
      }
      int sumOfExps = 0; // Q12.19
      for (int c = 0; c < depth; c++) {
        int diff = input[row + c] - max;
        if (diff >= p.diffMin()) {
          int exp = expOnNegativeValues(scaledDiff(p, diff), scaledDiffBits);
          sumOfExps += rescale(exp, 0, ACCUMULATION_INTEGER_BITS);
        }
      }
      FixedPointMath.Reciprocal recip =
          FixedPointMath.reciprocal(sumOfExps, ACCUMULATION_INTEGER_BITS);
      int exponent = recip.numBitsOverUnit() + 31 - 8;
      for (int c = 0; c < depth; c++) {
        int diff = input[row + c] - max;
        if (diff >= p.diffMin()) {
          int exp = expOnNegativeValues(scaledDiff(p, diff), scaledDiffBits);
          int unsat =
              roundingDivideByPOT(saturatingRoundingDoublingHighMul(recip.raw(), exp), exponent);
          output[row + c] = saturateToInt8(unsat + Byte.MIN_VALUE);
        } else {
          output[row + c] = Byte.MIN_VALUE;
        }
      }
    }
  }

  private static int scaledDiff(SoftmaxParams p, int diff) {
    return multiplyByQuantizedMultiplierGreaterThanOne(
        diff, p.inputMultiplier(), p.inputLeftShift());
  }
}
