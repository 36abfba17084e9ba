package org.tinysim.harness.report;

import java.util.List;

/**
 * One op of the schedule with its measured cycles.
 *
 * @param outputs arena slots of the tensors the op writes (an aliasing op such as RESHAPE shows its
 *     input's slot)
 * @param inputs arena slots of the non-constant tensors it reads
 * @param inPlace whether the op writes over its input (in-place depthwise)
 */
public record LayerRow(
    int index,
    String op,
    String outputShape,
    long macs,
    long cycles,
    List<ArenaSlot> outputs,
    List<ArenaSlot> inputs,
    boolean inPlace) {

  public LayerRow {
    outputs = List.copyOf(outputs);
    inputs = List.copyOf(inputs);
  }

  public double macsPerCycle() {
    return cycles == 0 ? 0 : (double) macs / cycles;
  }
}
