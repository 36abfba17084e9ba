package org.tinysim.engine.patch;

/**
 * A rectangle of a tensor's spatial plane (rows and columns of an NHWC tensor), half-open: rows
 * {@code [top, bottom)}, columns {@code [left, right)}.
 */
public record Region(int top, int bottom, int left, int right) {

  public static Region whole(int height, int width) {
    return new Region(0, height, 0, width);
  }

  public int height() {
    return Math.max(0, bottom - top);
  }

  public int width() {
    return Math.max(0, right - left);
  }

  public boolean isEmpty() {
    return height() == 0 || width() == 0;
  }

  public long pixels() {
    return (long) height() * width();
  }

  /** Smallest region holding both. */
  public Region union(Region other) {
    return new Region(
        Math.min(top, other.top),
        Math.max(bottom, other.bottom),
        Math.min(left, other.left),
        Math.max(right, other.right));
  }

  /** This region cut to a {@code height x width} plane. */
  public Region clip(int height, int width) {
    return new Region(
        Math.max(0, top), Math.min(height, bottom), Math.max(0, left), Math.min(width, right));
  }

  public boolean contains(Region inner) {
    return inner.top >= top && inner.bottom <= bottom && inner.left >= left && inner.right <= right;
  }

  @Override
  public String toString() {
    return "rows " + top + ".." + bottom + " cols " + left + ".." + right;
  }
}
