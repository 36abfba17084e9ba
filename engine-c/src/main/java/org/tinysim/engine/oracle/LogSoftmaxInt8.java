package org.tinysim.engine.oracle;

import static org.tinysim.engine.oracle.FixedPointMath.expOnNegativeValues;
import static org.tinysim.engine.oracle.FixedPointMath.logXForXGreaterThanOrEqualTo1;
import static org.tinysim.engine.oracle.FixedPointMath.multiplyByQuantizedMultiplier;
import static org.tinysim.engine.oracle.FixedPointMath.rescale;
import static org.tinysim.engine.oracle.FixedPointMath.roundingDivideByPOT;
import static org.tinysim.engine.oracle.FixedPointMath.saturateToInt8;

/**
 * int8 LOG_SOFTMAX over the last dimension with TFLite's {@code LogSoftmaxQuantized} semantics:
 * {@code out = (x - max) - log(sum(exp(x - max)))} computed in Q5.26, then mapped to [-16, 0] with
 * scale 1/16 and zero point 127.
 *
 * <p>As in TFLite, elements whose quantised difference to the row max is below {@code diffMin} (the
 * input radius, 15.5 to 31 real units depending on the scale's mantissa) are forced to -128 even
 * where the real result would still be representable.
 */
public final class LogSoftmaxInt8 {

  private static final int INPUT_INTEGER_BITS = 5;
  private static final int ACCUMULATION_INTEGER_BITS = 12;
  private static final int OUTPUT_INTEGER_BITS = 4;

  private LogSoftmaxInt8() {}

  public static void run(LogSoftmaxParams p, int depth, byte[] input, byte[] output) {
    if (depth <= 0 || input.length % depth != 0 || output.length != input.length) {
      throw new IllegalArgumentException("input/output sizes do not match depth " + depth);
    }
    for (int row = 0; row < input.length; row += depth) {
      int max = Byte.MIN_VALUE;
      for (int c = 0; c < depth; c++) {
        max = Math.max(max, input[row + c]);
      }
      int sumOfExpsQ12 = 0;
      for (int c = 0; c < depth; c++) {
        int diff = input[row + c] - max;
        if (diff >= p.diffMin()) {
          int diffQ5 = multiplyByQuantizedMultiplier(diff, p.inputMultiplier(), p.inputLeftShift());
          sumOfExpsQ12 +=
              rescale(
                  expOnNegativeValues(diffQ5, INPUT_INTEGER_BITS), 0, ACCUMULATION_INTEGER_BITS);
        }
      }
      int logSumQ5 =
          logXForXGreaterThanOrEqualTo1(
              sumOfExpsQ12, ACCUMULATION_INTEGER_BITS, INPUT_INTEGER_BITS);
      // Differences whose result would fall below the smallest Q5.26 value map to -128.
      int shiftedLogSumQ5 = logSumQ5 + Integer.MIN_VALUE;
      int adjustedDiffMin =
          Math.max(
              p.diffMin() - 1,
              multiplyByQuantizedMultiplier(
                  shiftedLogSumQ5, p.reverseScalingDivisor(), -p.reverseScalingRightShift()));
      for (int c = 0; c < depth; c++) {
        int diff = input[row + c] - max;
        if (diff > adjustedDiffMin) {
          int diffQ5 = multiplyByQuantizedMultiplier(diff, p.inputMultiplier(), p.inputLeftShift());
          int out =
              roundingDivideByPOT(diffQ5 - logSumQ5, 31 - INPUT_INTEGER_BITS - OUTPUT_INTEGER_BITS)
                  + Byte.MAX_VALUE;
          output[row + c] = saturateToInt8(out);
        } else {
          output[row + c] = Byte.MIN_VALUE;
        }
      }
    }
  }
}
