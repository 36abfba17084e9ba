package org.tinysim.engine.oracle;

/**
 * Per-channel int8 convolution parameters, named after TFLite's {@code ConvParams}.
 *
 * @param inputOffset {@code -inputZeroPoint}
 * @param outputOffset {@code outputZeroPoint}
 * @param outputMultiplier per output channel, from {@code inScale*filterScale[c]/outScale}
 * @param outputShift per output channel, positive = left
 * @param padH leading (top) padding; the bottom is implied by the output height
 * @param padW leading (left) padding
 *     <p>Arrays are copied on the way in and out; record equality on them is by identity.
 */
public record ConvParams(
    int inputOffset,
    int outputOffset,
    int[] outputMultiplier,
    int[] outputShift,
    int strideH,
    int strideW,
    int dilationH,
    int dilationW,
    int padH,
    int padW,
    int activationMin,
    int activationMax) {

  public ConvParams {
    outputMultiplier = outputMultiplier.clone();
    outputShift = outputShift.clone();
    if (outputMultiplier.length != outputShift.length) {
      throw new IllegalArgumentException("multiplier/shift length mismatch");
    }
    if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || padH < 0 || padW < 0) {
      throw new IllegalArgumentException("bad stride/dilation/padding");
    }
    if (activationMin > activationMax) {
      throw new IllegalArgumentException("activationMin > activationMax");
    }
  }

  @Override
  public int[] outputMultiplier() {
    return outputMultiplier.clone();
  }

  @Override
  public int[] outputShift() {
    return outputShift.clone();
  }

  int multiplier(int channel) {
    return outputMultiplier[channel];
  }

  int shift(int channel) {
    return outputShift[channel];
  }

  int channelCount() {
    return outputMultiplier.length;
  }
}
