package org.tinysim.engine.oracle;

/**
 * int8 FULLY_CONNECTED parameters (TFLite {@code FullyConnectedParams}). A single-element
 * multiplier/shift array means per-tensor requantisation; one element per output neuron means
 * per-channel. Per-channel weights are symmetric, so {@code filterOffset} must then be 0.
 *
 * @param inputOffset {@code -inputZeroPoint}
 * @param filterOffset {@code -filterZeroPoint} (0 for int8 symmetric weights)
 * @param outputOffset {@code outputZeroPoint}
 */
public record FullyConnectedParams(
    int inputOffset,
    int filterOffset,
    int outputOffset,
    int[] outputMultiplier,
    int[] outputShift,
    int activationMin,
    int activationMax) {

  public FullyConnectedParams {
    outputMultiplier = outputMultiplier.clone();
    outputShift = outputShift.clone();
    if (outputMultiplier.length == 0 || outputMultiplier.length != outputShift.length) {
      throw new IllegalArgumentException("multiplier/shift arrays empty or mismatched");
    }
    if (outputMultiplier.length > 1 && filterOffset != 0) {
      throw new IllegalArgumentException("per-channel weights must be symmetric (filterOffset 0)");
    }
    if (activationMin > activationMax) {
      throw new IllegalArgumentException("activationMin > activationMax");
    }
  }

  public static FullyConnectedParams perTensor(
      int inputOffset,
      int filterOffset,
      int outputOffset,
      int outputMultiplier,
      int outputShift,
      int activationMin,
      int activationMax) {
    return new FullyConnectedParams(
        inputOffset,
        filterOffset,
        outputOffset,
        new int[] {outputMultiplier},
        new int[] {outputShift},
        activationMin,
        activationMax);
  }

  @Override
  public int[] outputMultiplier() {
    return outputMultiplier.clone();
  }

  @Override
  public int[] outputShift() {
    return outputShift.clone();
  }

  boolean isPerChannel() {
    return outputMultiplier.length > 1;
  }

  int multiplier(int channel) {
    return outputMultiplier[isPerChannel() ? channel : 0];
  }

  int shift(int channel) {
    return outputShift[isPerChannel() ? channel : 0];
  }

  int channelCount() {
    return outputMultiplier.length;
  }
}
