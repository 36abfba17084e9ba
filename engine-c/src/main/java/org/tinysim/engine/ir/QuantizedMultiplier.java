package org.tinysim.engine.ir;

/**
 * A real multiplier as TFLite encodes it: {@code multiplier} is a Q31 fixed-point value in [2^30,
 * 2^31) (or 0), and real = multiplier * 2^(shift - 31). Positive shift means left shift.
 */
public record QuantizedMultiplier(int multiplier, int shift) {

  /** The real value this encodes (for diagnostics and tests). */
  public double toDouble() {
    return multiplier * Math.pow(2, shift - 31);
  }
}
