package org.tinysim.harness.labs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.inference.ModelDoesNotFitException;
import org.tinysim.harness.inference.ModelRunner;
import org.tinysim.harness.toolchain.KernelPath;

/** What labs 3 and 4 share: read the student's options, compile and run a model, compare. */
final class ModelLabs {

  /** Seeded random inputs the board's outputs are compared on. */
  static final int INPUTS = 2;

  static final long SEED = 3;

  private ModelLabs() {}

  static JsonNode readJson(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  static Graph model(Path labDir, String relative) {
    Path file = labDir.getParent().getParent().resolve(relative);
    return TfliteImporter.load(file);
  }

  /** Peak SRAM on the board and whether its outputs equal the oracle's on seeded inputs. */
  record Measured(
      CompiledModel model, long peakSramBytes, long cycles, int mismatches, String notFit) {}

  static Measured compileAndRun(Graph graph, CodegenOptions options, Path buildRoot) {
    CompiledModel compiled;
    try {
      compiled = new ModelCompiler(buildRoot).compile(graph, options, KernelPath.DSP);
    } catch (ModelDoesNotFitException e) {
      return new Measured(null, 0, 0, 0, e.getMessage());
    }
    ReferenceInterpreter oracle = new ReferenceInterpreter(graph);
    Random rnd = new Random(SEED);
    int inputBytes = (int) compiled.code().inputs().get(0).bytes();
    int mismatches = 0;
    long peak = 0;
    long cycles = 0;
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      for (int n = 0; n < INPUTS; n++) {
        byte[] input = new byte[inputBytes];
        rnd.nextBytes(input);
        InferenceResult r = runner.infer(input);
        byte[] expected = oracle.run(TensorData.int8(input)).get(0).int8();
        if (!java.util.Arrays.equals(expected, r.output())) {
          mismatches++;
        }
        peak = Math.max(peak, r.peakSramBytes());
        cycles = r.cycles();
      }
    }
    return new Measured(compiled, peak, cycles, mismatches, null);
  }

  static List<Criterion> exactness(Measured m) {
    List<Criterion> out = new ArrayList<>();
    out.add(
        Criterion.check(
            m.mismatches() == 0,
            "outputs bit-exact vs the oracle",
            m.mismatches() == 0
                ? INPUTS + " of " + INPUTS + " inputs give the oracle's outputs"
                : m.mismatches() + " of " + INPUTS + " inputs differ from the oracle",
            "memory options must never change results; report this as a tinysim bug"));
    return out;
  }
}
