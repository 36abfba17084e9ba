package org.tinysim.engine.oracle.training;

/** The stochastic-rounding generator of tsn_sgdm_update_s8 (Marsaglia xorshift32). */
public final class Xorshift32 {

  private int state;

  public Xorshift32(int seed) {
    if (seed == 0) {
      throw new IllegalArgumentException("xorshift32 seed must be non-zero");
    }
    this.state = seed;
  }

  /** Next 32-bit draw, as an int holding the unsigned bits. */
  public int next() {
    int r = state;
    r ^= r << 13;
    r ^= r >>> 17;
    r ^= r << 5;
    state = r;
    return r;
  }

  public int state() {
    return state;
  }
}
