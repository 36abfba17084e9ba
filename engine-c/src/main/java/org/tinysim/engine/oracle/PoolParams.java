package org.tinysim.engine.oracle;

/**
 * int8 pooling parameters (TFLite {@code PoolParams}). Pooling does not requantise: input and
 * output share scale and zero point, so only the activation clamp is quantised.
 */
public record PoolParams(
    int strideH,
    int strideW,
    int filterH,
    int filterW,
    int padH,
    int padW,
    int activationMin,
    int activationMax) {

  public PoolParams {
    if (strideH < 1 || strideW < 1 || filterH < 1 || filterW < 1 || padH < 0 || padW < 0) {
      throw new IllegalArgumentException("bad pooling geometry");
    }
    if (activationMin > activationMax) {
      throw new IllegalArgumentException("activationMin > activationMax");
    }
  }
}
