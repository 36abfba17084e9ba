package org.tinysim.engine.oracle;

/**
 * DEQUANTIZE int8 -> float32 (TFLite {@code reference_ops::Dequantize}): float32 {@code scale * (q
 * - zp)}.
 */
public final class DequantizeInt8ToFloat {

  private DequantizeInt8ToFloat() {}

  public static void run(byte[] input, float scale, int zeroPoint, float[] output) {
    if (input.length != output.length) {
      throw new IllegalArgumentException("size mismatch");
    }
    for (int i = 0; i < input.length; i++) {
      output[i] = scale * (input[i] - zeroPoint);
    }
  }
}
