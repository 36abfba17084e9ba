package org.tinysim.engine.ir;

/**
 * A 4-D row-major shape. Activations use it as NHWC; conv filters as OHWI ({@code batch} = output
 * channels, {@code channels} = input channels per group); depthwise filters as 1 x H x W x (inC *
 * depthMultiplier).
 */
public record Shape4(int batch, int height, int width, int channels) {

  public Shape4 {
    if (batch <= 0 || height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException("all dimensions must be positive: " + this);
    }
  }

  public int flatSize() {
    return Math.multiplyExact(
        Math.multiplyExact(batch, height), Math.multiplyExact(width, channels));
  }

  /** Flat offset of element (b, y, x, c). */
  public int index(int b, int y, int x, int c) {
    return ((b * height + y) * width + x) * channels + c;
  }

  public int[] toArray() {
    return new int[] {batch, height, width, channels};
  }

  public void requireLength(String what, byte[] data) {
    if (data.length != flatSize()) {
      throw new IllegalArgumentException(
          what + " has " + data.length + " elements, shape " + this + " needs " + flatSize());
    }
  }
}
