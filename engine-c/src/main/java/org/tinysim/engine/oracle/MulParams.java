package org.tinysim.engine.oracle;

/**
 * int8 MUL parameters (TFLite {@code ArithmeticParams} as {@code reference_integer_ops::Mul} reads
 * them); the multiplier encodes {@code input1Scale * input2Scale / outputScale}.
 *
 * @param input1Offset {@code -input1ZeroPoint}
 * @param input2Offset {@code -input2ZeroPoint}
 * @param outputOffset {@code outputZeroPoint}
 */
public record MulParams(
    int input1Offset,
    int input2Offset,
    int outputOffset,
    int outputMultiplier,
    int outputShift,
    int activationMin,
    int activationMax) {

  public MulParams {
    if (activationMin > activationMax) {
      throw new IllegalArgumentException("activationMin > activationMax");
    }
  }
}
