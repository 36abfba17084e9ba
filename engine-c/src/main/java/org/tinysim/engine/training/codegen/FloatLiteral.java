package org.tinysim.engine.training.codegen;

/** Exact C literals for floats: C99 hexadecimal floating constants (no decimal rounding). */
final class FloatLiteral {

  private FloatLiteral() {}

  static String of(float v) {
    if (!Float.isFinite(v)) {
      throw new IllegalArgumentException("non-finite float " + v + " has no C literal");
    }
    return Float.toHexString(v) + "f";
  }
}
