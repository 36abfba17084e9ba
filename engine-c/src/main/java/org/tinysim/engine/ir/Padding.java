package org.tinysim.engine.ir;

/** Spatial padding scheme of convolutions and pools. */
public enum Padding {
  SAME,
  VALID;

  /**
   * Output extent along one spatial axis, as TFLite's ComputeOutSize: SAME gives ceil(in / stride);
   * VALID gives floor((in - effectiveFilter) / stride) + 1 where effectiveFilter = (filter - 1) *
   * dilation + 1. Stride must be positive.
   */
  public int outputSize(int in, int filter, int stride, int dilation) {
    // long arithmetic: options read from a damaged file may hold huge values.
    long effectiveFilter = (filter - 1L) * dilation + 1;
    long out =
        switch (this) {
          case SAME -> (in + (long) stride - 1) / stride;
          case VALID -> (in + (long) stride - effectiveFilter) / stride;
        };
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, out));
  }
}
