package org.tinysim.engine.training.codegen;

import java.util.List;
import java.util.Map;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.training.TrainingProgram;

/**
 * The C sources of a training firmware and what the host needs to drive it.
 *
 * @param forward the inference code it builds on (I/O symbols, arena, op names)
 * @param files file name -> content; {@code model.c} is included by {@code train.c}, not compiled
 *     on its own
 * @param trainArenaBytes the training arena (saved activations and gradients)
 * @param parameters the SRAM parameter arrays the steps update, by symbol
 */
public record GeneratedTraining(
    TrainingProgram program,
    GeneratedModel forward,
    Map<String, String> files,
    long trainArenaBytes,
    List<SramParameter> parameters) {

  /** Status offset of a failing backward kernel: status = base + line of train.c. */
  public static final int BACKWARD_ERROR_BASE = 100000;

  /** An updated parameter tensor living in SRAM: its C symbol and the IR tensor it holds. */
  public record SramParameter(String symbol, int irTensor, boolean int32, int count) {}

  public GeneratedTraining {
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
    parameters = List.copyOf(parameters);
  }

  /** Writes every file into {@code dir}, as the inference sources are written. */
  public void writeTo(java.nio.file.Path dir) {
    GeneratedModel f = forward;
    new GeneratedModel(
            f.name(),
            files,
            f.arena(),
            f.sizes(),
            f.inputs(),
            f.outputs(),
            f.opNames(),
            f.macs(),
            f.weightBytes(),
            f.memoryReport())
        .writeTo(dir);
  }

  /** C files to compile: everything but headers and the included model.c. */
  public List<String> sourceFiles() {
    return files.keySet().stream()
        .filter(n -> n.endsWith(".c") && !n.equals("model.c"))
        .sorted()
        .toList();
  }
}
