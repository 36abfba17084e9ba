package org.tinysim.engine.tflite;

/**
 * QuantizationParameters of a tensor as stored; arrays are empty (never null) when absent. real =
 * scale * (q - zero_point), per channel along {@code quantizedDimension} when several scales.
 */
public record TfliteQuantization(
    float[] min, float[] max, float[] scale, long[] zeroPoint, int quantizedDimension) {

  public static final TfliteQuantization NONE =
      new TfliteQuantization(new float[0], new float[0], new float[0], new long[0], 0);
}
