package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape;

/**
 * The first operator whose output differs from another implementation's (e.g. the board's), with
 * the first differing element. {@code elementIndex} is -1 when the sizes differ.
 */
public record LayerMismatch(
    Op op,
    int elementIndex,
    double expected,
    double actual,
    int differingElements,
    int expectedBytes,
    int actualBytes) {

  public String describe() {
    String where =
        "operator "
            + op.index()
            + " ("
            + op.opName()
            + ") output '"
            + op.output().name()
            + "' "
            + op.output().shape();
    if (elementIndex < 0) {
      return where + ": expected " + expectedBytes + " bytes, got " + actualBytes;
    }
    return where
        + ": "
        + differingElements
        + " element(s) differ; first at "
        + elementIndex
        + " "
        + coordinates(op.output().shape(), elementIndex)
        + ": expected "
        + format(expected)
        + ", got "
        + format(actual);
  }

  /** Row-major coordinates of a flat index, e.g. [0, 3, 1, 7]. */
  static String coordinates(Shape shape, int flat) {
    int[] dims = shape.dims();
    int[] at = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      at[d] = dims[d] == 0 ? 0 : flat % dims[d];
      flat = dims[d] == 0 ? flat : flat / dims[d];
    }
    return java.util.Arrays.toString(at);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
  }
}
