package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.LayerMismatch;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * Compiles a single-input model once, runs every input on the board and checks each output against
 * the ReferenceInterpreter; records a report row, then asserts it fits the F746 (1 MB flash, 320 KB
 * SRAM) and matched.
 */
final class BoardCheck {

  private static final long FLASH_BYTES = 1024 * 1024;
  private static final long SRAM_BYTES = 320 * 1024;

  private BoardCheck() {}

  /** Board results in input order. {@code floatTolerance} only applies to float32 outputs. */
  static List<InferenceResult> run(
      String model,
      Graph graph,
      CodegenOptions options,
      KernelPath path,
      double floatTolerance,
      List<byte[]> inputs) {
    ReferenceInterpreter oracle = new ReferenceInterpreter(graph);
    CompiledModel compiled = new ModelCompiler(BuildDirs.root()).compile(graph, options, path);
    List<InferenceResult> results = new ArrayList<>();
    Optional<LayerMismatch> firstBad = Optional.empty();
    int bad = 0;
    double floatError = 0;
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      for (byte[] input : inputs) {
        InferenceResult r = runner.infer(input);
        InterpreterRun expected = oracle.runAll(BoardOracle.inputs(graph, List.of(input)));
        Optional<LayerMismatch> m = BoardOracle.mismatch(expected, r.outputs(), floatTolerance);
        floatError = Math.max(floatError, BoardOracle.maxFloatError(expected, r.outputs()));
        if (m.isPresent()) {
          bad++;
          firstBad = firstBad.isPresent() ? firstBad : m;
        }
        results.add(r);
      }
    }
    InferenceResult first = results.get(0);
    // The emulator's mark counts from reset, so the last run's covers every inference.
    long peakSram = results.get(results.size() - 1).peakSramBytes();
    String build = path.name().toLowerCase() + (options.inPlace() ? " in-place" : "");
    ModelReport.append(
        ModelReport.row(
            model,
            build,
            compiled,
            first,
            peakSram,
            verdict(bad, inputs.size(), floatError, floatTolerance)));
    System.out.printf(
        "%s %s: flash %d B, peak SRAM %d B, arena %d B (%s), %d cycles, " + "%d MACs%n",
        model,
        build,
        first.flashBytes(),
        peakSram,
        compiled.arenaBytes(),
        compiled.arenaSizes(),
        first.cycles(),
        compiled.macs());

    assertThat(bad)
        .as(
            "%s %s on the board vs the interpreter: %s",
            model, build, BoardOracle.describe(firstBad))
        .isZero();
    assertThat(first.coreHz()).as("the report's ms assume").isEqualTo(ModelReport.CORE_HZ);
    assertThat(first.flashBytes()).as("%s flash", model).isLessThanOrEqualTo(FLASH_BYTES);
    assertThat(peakSram)
        .as("%s measured peak SRAM", model)
        .isBetween(compiled.arenaBytes(), SRAM_BYTES);
    return results;
  }

  /** The report's bit-exact cell, e.g. "yes, 2 input(s)". */
  private static String verdict(int bad, int inputs, double floatError, double tolerance) {
    String v =
        bad > 0 ? "no, " + bad + "/" + inputs + " inputs differ" : "yes, " + inputs + " input(s)";
    return tolerance > 0
        ? v
            + String.format(
                Locale.ROOT, "; float tail max err %.1e (tolerance %.0e)", floatError, tolerance)
        : v;
  }
}
