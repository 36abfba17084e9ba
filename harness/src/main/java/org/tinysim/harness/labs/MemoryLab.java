package org.tinysim.harness.labs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;

/**
 * Lab 3, memory: the student picks the arena planner and in-place depthwise in {@code lab3.json};
 * the bundled fashion_mobilenet is compiled with them and run on the board, whose measured peak
 * SRAM must be under the budget, outputs unchanged.
 */
final class MemoryLab implements Lab {

  static final String MODEL = "models/fashion_mobilenet.tflite";

  /**
   * Peak SRAM allowed (emulator high-water mark: arena, stack, statics): linear 43,892 B, greedy
   * 14,292 B, greedy with in-place depthwise 14,204 B.
   */
  static final long BUDGET_BYTES = 15 * 1024;

  @Override
  public int number() {
    return 3;
  }

  @Override
  public String title() {
    return "memory: the planner, in-place depthwise, fit a model into a budget";
  }

  @Override
  public String folder() {
    return "lab3-memory";
  }

  @Override
  public List<String> studentFiles() {
    return List.of("lab3.json");
  }

  @Override
  public LabReport check(Path dir, Path labDir, Path buildRoot) {
    JsonNode json = ModelLabs.readJson(dir.resolve("lab3.json"));
    String planner = json.path("planner").asText("greedy");
    if (!planner.equals("greedy") && !planner.equals("linear")) {
      throw new IllegalArgumentException(
          dir.resolve("lab3.json")
              + ": planner must be greedy or "
              + "linear, not '"
              + planner
              + "'");
    }
    boolean inPlace = json.path("inPlace").asBoolean(false);
    Graph graph = ModelLabs.model(labDir, MODEL);
    ModelLabs.Measured m =
        ModelLabs.compileAndRun(graph, new CodegenOptions(planner, inPlace), buildRoot);
    List<Criterion> out = new ArrayList<>();
    String options = "planner " + planner + (inPlace ? ", in-place depthwise" : "");
    if (m.notFit() != null) {
      out.add(
          Criterion.fail(
              "peak SRAM within the budget",
              options + ": " + m.notFit(),
              "a greedy planner reuses the memory of tensors that are dead"));
      return new LabReport(number(), title(), dir.toString(), out);
    }
    out.add(
        Criterion.check(
            m.peakSramBytes() <= BUDGET_BYTES,
            "peak SRAM within the budget",
            String.format(
                "%s: arena %,d B, peak SRAM measured %,d B (budget %,d B)",
                options, m.model().arenaBytes(), m.peakSramBytes(), BUDGET_BYTES),
            "read the memory timeline (tinysim report "
                + MODEL
                + " -o report.html): which tensors "
                + "are alive at the peak? Which planner reuses dead ones; can a depthwise conv write over its "
                + "input?"));
    out.addAll(ModelLabs.exactness(m));
    return new LabReport(number(), title(), dir.toString(), out);
  }
}
