package org.tinysim.engine.planner;

import java.util.List;
import java.util.Objects;

/**
 * One op of the execution schedule, as far as memory is concerned.
 *
 * @param name op name, unique in the schedule; also names the op's scratch buffer
 * @param inputs ids of arena buffers read (weights and biases live in flash: do not list them)
 * @param outputs ids of arena buffers written
 * @param scratchBytes kernel scratch needed only while this op runs (im2col, per-channel temp row);
 *     0 if none
 * @param outputInPlace whether {@code outputs[0]} asks to reuse the slot of {@code inputs[0]}
 */
public record ScheduleStep(
    String name,
    List<String> inputs,
    List<String> outputs,
    long scratchBytes,
    boolean outputInPlace) {

  public ScheduleStep {
    Objects.requireNonNull(name, "name");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    if (scratchBytes < 0) {
      throw new IllegalArgumentException("op '" + name + "' has negative scratch");
    }
    if (outputInPlace && (inputs.isEmpty() || outputs.isEmpty())) {
      throw new IllegalArgumentException(
          "op '" + name + "' is in place but lacks an input or output");
    }
  }

  public static ScheduleStep of(String name, List<String> inputs, List<String> outputs) {
    return new ScheduleStep(name, inputs, outputs, 0, false);
  }

  public ScheduleStep withScratch(long bytes) {
    return new ScheduleStep(name, inputs, outputs, bytes, outputInPlace);
  }

  /** Marks {@code outputs[0]} as wanting {@code inputs[0]}'s slot (in-place depthwise). */
  public ScheduleStep inPlace() {
    return new ScheduleStep(name, inputs, outputs, scratchBytes, true);
  }

  /** Id of the scratch buffer request generated for this op. */
  public String scratchId() {
    return name + "/scratch";
  }
}
