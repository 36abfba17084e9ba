package org.tinysim.engine.floatnet;

import java.util.Objects;
import org.tinysim.engine.ir.Padding;

/** Argument checks shared by the layer records; messages name the layer. */
final class LayerChecks {
  private LayerChecks() {}

  static void common(String name, int input) {
    Objects.requireNonNull(name, "layer name");
    if (input < 0) {
      throw new IllegalArgumentException("layer '" + name + "': negative input tensor id " + input);
    }
  }

  static void positive(String name, String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(
          "layer '" + name + "': " + what + " must be positive, got " + value);
    }
  }

  static void present(String name, String what, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("layer '" + name + "': " + what + " is missing");
    }
  }

  static void length(String name, String what, float[] values, long expected) {
    present(name, what, values);
    if (values.length != expected) {
      throw new IllegalArgumentException(
          "layer '"
              + name
              + "': "
              + what
              + " has "
              + values.length
              + " values, expected "
              + expected);
    }
  }

  static void window(
      String name, int kernelH, int kernelW, int strideH, int strideW, Padding padding) {
    positive(name, "kernelH", kernelH);
    positive(name, "kernelW", kernelW);
    positive(name, "strideH", strideH);
    positive(name, "strideW", strideW);
    present(name, "padding", padding);
  }
}
