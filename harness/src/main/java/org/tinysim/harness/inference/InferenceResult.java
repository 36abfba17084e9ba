package org.tinysim.harness.inference;

import java.util.List;

/**
 * One inference on the emulated board.
 *
 * @param outputs graph outputs, in graph order
 * @param cycles DWT cycles of tinysim_model_invoke (measured by the firmware)
 * @param layerCycles DWT cycles of each op
 * @param emulatedCycles emulator cycles from resume to the next yield (invoke + host-ABI loop)
 * @param peakSramBytes SRAM high-water mark measured by the emulator since reset
 * @param flashBytes flash occupied by the image
 * @param coreHz core clock the firmware set up
 */
public record InferenceResult(
    List<byte[]> outputs,
    long cycles,
    long[] layerCycles,
    long emulatedCycles,
    long peakSramBytes,
    long flashBytes,
    long coreHz) {

  public InferenceResult {
    outputs = outputs.stream().map(byte[]::clone).toList();
    layerCycles = layerCycles.clone();
  }

  /** The first output. */
  public byte[] output() {
    return outputs.get(0).clone();
  }

  @Override
  public long[] layerCycles() {
    return layerCycles.clone();
  }

  public double milliseconds() {
    return cycles * 1000.0 / coreHz;
  }
}
