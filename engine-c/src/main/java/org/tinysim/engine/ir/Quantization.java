package org.tinysim.engine.ir;

import java.util.Arrays;

/**
 * Affine quantisation real = scale * (q - zeroPoint). One scale means per-tensor; several mean
 * per-channel along {@code axis}. No scales means the tensor is not quantised.
 */
public record Quantization(float[] scales, int[] zeroPoints, int axis) {

  public static final Quantization NONE = new Quantization(new float[0], new int[0], 0);

  public Quantization {
    if (scales.length != zeroPoints.length) {
      throw new IllegalArgumentException(
          scales.length + " scales but " + zeroPoints.length + " zero points");
    }
    scales = scales.clone();
    zeroPoints = zeroPoints.clone();
  }

  public static Quantization perTensor(float scale, int zeroPoint) {
    return new Quantization(new float[] {scale}, new int[] {zeroPoint}, 0);
  }

  @Override
  public float[] scales() {
    return scales.clone();
  }

  @Override
  public int[] zeroPoints() {
    return zeroPoints.clone();
  }

  public boolean isQuantized() {
    return scales.length > 0;
  }

  public boolean isPerChannel() {
    return scales.length > 1;
  }

  public int channelCount() {
    return scales.length;
  }

  /** The per-tensor scale (the first one for per-channel data). */
  public float scale() {
    return scales[0];
  }

  public float scale(int channel) {
    return scales[channel];
  }

  /** The per-tensor zero point (the first one for per-channel data). */
  public int zeroPoint() {
    return zeroPoints[0];
  }

  public int zeroPoint(int channel) {
    return zeroPoints[channel];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantization q
        && axis == q.axis
        && Arrays.equals(scales, q.scales)
        && Arrays.equals(zeroPoints, q.zeroPoints);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints) + axis;
  }

  @Override
  public String toString() {
    if (!isQuantized()) {
      return "unquantized";
    }
    if (!isPerChannel()) {
      return "s=" + scales[0] + " zp=" + zeroPoints[0];
    }
    return "per-axis(" + scales.length + " ch, dim " + axis + ")";
  }
}
