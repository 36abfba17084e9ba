package org.tinysim.engine.ir;

/** Clamp bounds of a quantised output after its fused activation. */
public record ActivationRange(int min, int max) {

  /** No clamping beyond the int8 range itself. */
  public static final ActivationRange INT8_FULL = new ActivationRange(-128, 127);
}
