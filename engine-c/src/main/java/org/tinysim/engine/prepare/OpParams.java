package org.tinysim.engine.prepare;

/**
 * Integer parameters of one operator, computed once by {@link Preparer} exactly as TFLite's Prepare
 * step does. Offsets follow TFLite's sign conventions: inputOffset = -input zero point,
 * outputOffset = +output zero point. Shifts are TFLite exponents (positive = left shift). Arrays
 * are owned by the record; consumers must not modify them.
 */
public sealed interface OpParams {

  /**
   * CONV_2D. One multiplier/shift per output channel (per-tensor filters are broadcast, as TFLite
   * does). padH/padW are top/left; padHOffset/padWOffset the extra bottom/right pad.
   */
  record Conv(
      int inputOffset,
      int outputOffset,
      int[] outputMultiplier,
      int[] outputShift,
      int actMin,
      int actMax,
      int strideH,
      int strideW,
      int dilationH,
      int dilationW,
      int padH,
      int padW,
      int padHOffset,
      int padWOffset)
      implements Convolution {}

  /** DEPTHWISE_CONV_2D; per-channel arrays have one entry per output channel. */
  record DepthwiseConv(
      int inputOffset,
      int outputOffset,
      int[] outputMultiplier,
      int[] outputShift,
      int actMin,
      int actMax,
      int strideH,
      int strideW,
      int dilationH,
      int dilationW,
      int padH,
      int padW,
      int padHOffset,
      int padWOffset,
      int depthMultiplier)
      implements Convolution {}

  /** What CONV_2D and DEPTHWISE_CONV_2D share: offsets, requantisation, activation, window. */
  sealed interface Convolution extends OpParams permits Conv, DepthwiseConv {
    int inputOffset();

    int outputOffset();

    int[] outputMultiplier();

    int[] outputShift();

    int actMin();

    int actMax();

    int strideH();

    int strideW();

    int dilationH();

    int dilationW();

    int padH();

    int padW();

    /**
     * Undilated, stride 1 or 2 and padding 0 to {@code maxPad} both ways: the windows the 3x3
     * depthwise and RGB first-layer kernels take.
     */
    default boolean undilatedStrideAtMost2PadAtMost(int maxPad) {
      return dilationH() == 1
          && dilationW() == 1
          && strideH() >= 1
          && strideH() <= 2
          && strideW() >= 1
          && strideW() <= 2
          && padH() >= 0
          && padH() <= maxPad
          && padW() >= 0
          && padW() <= maxPad;
    }
  }

  /**
   * FULLY_CONNECTED over [batches, inputDepth] x [outputDepth, inputDepth]^T. Per-tensor weights
   * use TFLite's float-then-double product for the multiplier and fill every entry with it; {@code
   * perChannel} tells whether the entries may differ.
   */
  record FullyConnected(
      int inputOffset,
      int filterOffset,
      int outputOffset,
      int[] outputMultiplier,
      int[] outputShift,
      boolean perChannel,
      int actMin,
      int actMax,
      int batches,
      int inputDepth,
      int outputDepth)
      implements OpParams {}

  /** ADD (int8): inputs are left-shifted by leftShift=20 and rescaled to twice the max scale. */
  record Add(
      int input1Offset,
      int input2Offset,
      int outputOffset,
      int leftShift,
      int input1Multiplier,
      int input1Shift,
      int input2Multiplier,
      int input2Shift,
      int outputMultiplier,
      int outputShift,
      int actMin,
      int actMax,
      boolean broadcast)
      implements OpParams {}

  /** MUL (int8): real multiplier = s1 * s2 / s_out. */
  record Mul(
      int input1Offset,
      int input2Offset,
      int outputOffset,
      int outputMultiplier,
      int outputShift,
      int actMin,
      int actMax,
      boolean broadcast)
      implements OpParams {}

  /** AVERAGE_POOL_2D and MAX_POOL_2D. */
  record Pool(
      int strideH,
      int strideW,
      int filterH,
      int filterW,
      int padH,
      int padW,
      int actMin,
      int actMax)
      implements OpParams {}

  /**
   * MEAN (int8): real multiplier = input scale / output scale; {@code elementsPerOutput} is the
   * number of input values averaged into one output.
   */
  record Mean(
      int inputZeroPoint,
      int outputZeroPoint,
      float inputScale,
      float outputScale,
      int multiplier,
      int shift,
      int[] axes,
      boolean keepDims,
      int elementsPerOutput)
      implements OpParams {}

  /** PAD: per-dimension before/after amounts; padded cells take {@code padValue}. */
  record Pad(int[] before, int[] after, int padValue) implements OpParams {}

  /**
   * PAD whose padding the convolution at op {@code consumer} applies itself (set by code
   * generation's pad fusion, never by {@link Preparer}): the op copies nothing and its output is
   * never materialised.
   */
  record FusedPad(int consumer) implements OpParams {}

  /** RESHAPE: a byte copy (or no-op when buffers alias). */
  record Reshape(long bytes) implements OpParams {}

  /** TRANSPOSE: output dim i comes from input dim perm[i]. */
  record Transpose(int[] perm) implements OpParams {}

  /**
   * SOFTMAX (int8 in, int8 out with scale 1/256 zp -128): kScaledDiffIntegerBits = 5; diffMin =
   * -CalculateInputRadius(5, inputLeftShift).
   */
  record Softmax(int inputMultiplier, int inputLeftShift, int diffMin, float beta)
      implements OpParams {}

  /** LOG_SOFTMAX (int8 in, int8 out with scale 16/256 zp 127), TFLite reference params. */
  record LogSoftmax(
      int inputMultiplier,
      int inputLeftShift,
      int reverseScalingDivisor,
      int reverseScalingRightShift,
      int diffMin,
      int outputZeroPoint)
      implements OpParams {}

  /** QUANTIZE float32 -> int8: q = clamp(round(x / scale) + zeroPoint). */
  record Quantize(float outputScale, int outputZeroPoint) implements OpParams {}

  /** QUANTIZE int8 -> int8: multiplier = input scale / output scale. */
  record Requantize(int inputZeroPoint, int outputZeroPoint, int multiplier, int shift)
      implements OpParams {}

  /** DEQUANTIZE int8 -> float32: x = scale * (q - zeroPoint). */
  record Dequantize(float scale, int zeroPoint) implements OpParams {}

  /**
   * CONCATENATION of same-quantised int8 inputs viewed as [outer, axisSize_i * inner]. When {@code
   * requantize} is set some input's scale/zero point differs from the output's and the values must
   * be rescaled (inputScales/inputZeroPoints give the per-input parameters).
   */
  record Concatenation(
      int axis,
      int outerSize,
      int innerSize,
      int[] inputAxisSizes,
      float[] inputScales,
      int[] inputZeroPoints,
      float outputScale,
      int outputZeroPoint,
      boolean requantize)
      implements OpParams {}

  /** An operator that runs in float32 (e.g. LOG_SOFTMAX after DEQUANTIZE): no integer params. */
  record FloatOp() implements OpParams {}
}
