package org.tinysim.engine.training;

/**
 * SRAM of one training step, in bytes.
 *
 * @param arena planned arena of activations and gradients (lifetime-overlapped)
 * @param activationsAtPeak forward activations live at the peak step
 * @param gradientsAtPeak gradient buffers live at the peak step
 * @param gradientTotal sum of all gradient buffer sizes (what no reuse at all would cost)
 * @param weightCopies updated weights copied to SRAM (flash is read-only), plus their float32
 *     masters for fp32 parameters
 * @param biasCopies updated biases copied to SRAM, plus masters
 * @param optimizerState momentum buffers
 * @param peakStep the step with the most live arena bytes (first of equals)
 * @param peakStepLabel that step, readable, naming its layer
 */
public record MemoryBreakdown(
    long arena,
    long activationsAtPeak,
    long gradientsAtPeak,
    long gradientTotal,
    long weightCopies,
    long biasCopies,
    long optimizerState,
    int peakStep,
    String peakStepLabel) {

  /** Parameter copies in SRAM. */
  public long parameterCopies() {
    return weightCopies + biasCopies;
  }

  /** Everything the step needs in SRAM at once: arena + static copies + optimizer state. */
  public long peak() {
    return arena + weightCopies + biasCopies + optimizerState;
  }
}
