package org.tinysim.engine.oracle;

/**
 * Per-channel int8 depthwise convolution parameters (TFLite {@code DepthwiseParams}). Output
 * channel {@code oc = ic * depthMultiplier + m}; multipliers/shifts are indexed by oc.
 *
 * @param inputOffset {@code -inputZeroPoint}
 * @param outputOffset {@code outputZeroPoint}
 */
public record DepthwiseConvParams(
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
    int depthMultiplier,
    int activationMin,
    int activationMax) {

  public DepthwiseConvParams {
    outputMultiplier = outputMultiplier.clone();
    outputShift = outputShift.clone();
    if (outputMultiplier.length != outputShift.length) {
      throw new IllegalArgumentException("multiplier/shift length mismatch");
    }
    if (strideH < 1
        || strideW < 1
        || dilationH < 1
        || dilationW < 1
        || padH < 0
        || padW < 0
        || depthMultiplier < 1) {
      throw new IllegalArgumentException("bad stride/dilation/padding/depthMultiplier");
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
