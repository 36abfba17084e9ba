package org.tinysim.engine.ir;

import java.util.Arrays;

/** Tensor dimensions (non-negative), outermost first; a rank-0 shape is a scalar. */
public record Shape(int[] dims) {

  /** Largest element count accepted: far above any MCU model, and int-indexable. */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE;

  public Shape {
    dims = dims.clone();
    long count = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
      }
      count *= d;
      if (count > MAX_ELEMENTS) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(dims) + " has more than " + MAX_ELEMENTS + " elements");
      }
    }
  }

  public static Shape of(int... dims) {
    return new Shape(dims);
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int i) {
    return dims[i];
  }

  /** Last dimension (channels in NHWC), or 1 for scalars. */
  public int last() {
    return dims.length == 0 ? 1 : dims[dims.length - 1];
  }

  public long elementCount() {
    long count = 1;
    for (int d : dims) {
      count *= d;
    }
    return count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** Formats as 1x32x32x3 (the notation of MODEL_OPS.txt). */
  @Override
  public String toString() {
    return format(dims);
  }

  /** Formats any dims (even invalid ones, for error messages) as 1x32x32x3. */
  public static String format(int[] dims) {
    if (dims.length == 0) {
      return "scalar";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      b.append(i == 0 ? "" : "x").append(dims[i]);
    }
    return b.toString();
  }
}
