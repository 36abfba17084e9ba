package org.tinysim.engine.oracle;

/** RESHAPE: row-major layout is unchanged, so the data is copied verbatim (sizes must agree). */
public final class ReshapeInt8 {

  private ReshapeInt8() {}

  public static void run(int[] inShape, byte[] input, int[] outShape, byte[] output) {
    int size = Shapes.flatSize(inShape);
    if (size != Shapes.flatSize(outShape) || size != input.length || size != output.length) {
      throw new IllegalArgumentException("reshape must preserve the element count");
    }
    System.arraycopy(input, 0, output, 0, size);
  }
}
