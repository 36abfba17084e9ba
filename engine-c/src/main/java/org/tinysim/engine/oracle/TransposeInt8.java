package org.tinysim.engine.oracle;

/**
 * TRANSPOSE for rank 1..5 (TFLite's limit is 6; 5 covers every model we target): {@code out[i0..ik]
 * = in[j]} where output dimension d is input dimension {@code perm[d]}.
 */
public final class TransposeInt8 {

  public static final int MAX_RANK = 5;

  private TransposeInt8() {}

  /**
   * @return the output shape, {@code inShape[perm[d]]} for each d
   */
  public static int[] run(int[] inShape, byte[] input, int[] perm, byte[] output) {
    int rank = inShape.length;
    if (rank < 1 || rank > MAX_RANK || perm.length != rank) {
      throw new IllegalArgumentException("rank must be 1.." + MAX_RANK + " and match perm");
    }
    boolean[] seen = new boolean[rank];
    int[] outShape = new int[rank];
    for (int d = 0; d < rank; d++) {
      if (perm[d] < 0 || perm[d] >= rank || seen[perm[d]]) {
        throw new IllegalArgumentException("perm is not a permutation");
      }
      seen[perm[d]] = true;
      outShape[d] = inShape[perm[d]];
    }
    if (Shapes.flatSize(inShape) != input.length || input.length != output.length) {
      throw new IllegalArgumentException("data size does not match shape");
    }
    int[] inStrides = Shapes.strides(inShape);
    int[] index = new int[rank]; // index into the output
    for (int o = 0; o < output.length; o++) {
      int i = 0;
      for (int d = 0; d < rank; d++) {
        i += index[d] * inStrides[perm[d]];
      }
      output[o] = input[i];
      Shapes.increment(index, outShape);
    }
    return outShape;
  }
}
