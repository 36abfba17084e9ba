package org.tinysim.engine.oracle;

/**
 * int8 PAD / PADV2 for any rank: copies the input into the interior and fills the border with
 * {@code padValue}. For PAD that is the output zero point (real 0.0); PADV2 passes its quantised
 * constant.
 */
public final class PadInt8 {

  private PadInt8() {}

  /**
   * @param before padding before each dimension (same rank as {@code inShape}, non-negative)
   * @param after padding after each dimension
   * @return the output shape
   */
  public static int[] run(
      int[] inShape, byte[] input, int[] before, int[] after, byte padValue, byte[] output) {
    int rank = inShape.length;
    if (before.length != rank || after.length != rank) {
      throw new IllegalArgumentException("padding rank mismatch");
    }
    int[] outShape = new int[rank];
    for (int d = 0; d < rank; d++) {
      if (before[d] < 0 || after[d] < 0) {
        throw new IllegalArgumentException("negative padding");
      }
      outShape[d] = inShape[d] + before[d] + after[d];
    }
    if (Shapes.flatSize(inShape) != input.length || Shapes.flatSize(outShape) != output.length) {
      throw new IllegalArgumentException("data size does not match shape");
    }
    java.util.Arrays.fill(output, padValue);
    int[] outStrides = Shapes.strides(outShape);
    int[] index = new int[rank];
    for (int i = 0; i < input.length; i++) {
      int o = 0;
      for (int d = 0; d < rank; d++) {
        o += (index[d] + before[d]) * outStrides[d];
      }
      output[o] = input[i];
      Shapes.increment(index, inShape);
    }
    return outShape;
  }
}
