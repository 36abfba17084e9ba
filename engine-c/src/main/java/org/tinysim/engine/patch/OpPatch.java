package org.tinysim.engine.patch;

/**
 * One op run on one patch.
 *
 * @param out output rows/columns computed, in the output tensor's coordinates
 * @param in input rows/columns read, clipped to the input tensor (input coordinates)
 * @param padTop rows of image padding above {@code in} (non-zero only at the image border)
 * @param padLeft columns of image padding left of {@code in}
 */
public record OpPatch(Region out, Region in, int padTop, int padLeft) {

  /** Padding below {@code in} the op needs to produce {@code out} (PAD ops: their after-pad). */
  public int padBottom(Window w) {
    return Math.max(0, w.reads(out).bottom() - in.bottom());
  }

  public int padRight(Window w) {
    return Math.max(0, w.reads(out).right() - in.right());
  }
}
