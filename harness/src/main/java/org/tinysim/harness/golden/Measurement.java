package org.tinysim.harness.golden;

import java.util.Optional;
import org.tinysim.engine.ir.Graph;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * What one run of a case on one kernel path measured.
 *
 * @param outputs every record's outputs, concatenated in record order
 * @param inputs the records that were run
 * @param referenceChecked records compared with the Java int8 reference
 * @param referenceMismatch the first record that differs from the reference, with the layer
 * @param seconds host time of the record loop (after compile and boot; the longest board when
 *     records ran on several)
 * @param run what the board ran, for reports (graph, firmware, first inference)
 * @param confusion [label][predicted] counts when the inputs have labels
 * @param layersProbed records whose every layer was compared with the reference (modified kernels),
 *     0 when only graph outputs were
 */
public record Measurement(
    KernelPath path,
    Figures figures,
    byte[] outputs,
    InputSet inputs,
    int referenceChecked,
    Optional<String> referenceMismatch,
    double seconds,
    Optional<BoardRun> run,
    Optional<int[][]> confusion,
    int layersProbed) {

  /** Graph outputs only, no layer probe. */
  public Measurement(
      KernelPath path,
      Figures figures,
      byte[] outputs,
      InputSet inputs,
      int referenceChecked,
      Optional<String> referenceMismatch,
      double seconds,
      Optional<BoardRun> run,
      Optional<int[][]> confusion) {
    this(
        path,
        figures,
        outputs,
        inputs,
        referenceChecked,
        referenceMismatch,
        seconds,
        run,
        confusion,
        0);
  }

  /** The compiled model and its first inference on the board. */
  public record BoardRun(Graph graph, CompiledModel compiled, InferenceResult first) {}

  public double imagesPerSecond() {
    return seconds <= 0 ? 0 : inputs.size() / seconds;
  }
}
