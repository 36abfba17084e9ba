package org.tinysim.engine.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.interpreter.SharedFiles;
import org.tinysim.engine.planner.BufferRequest;
import org.tinysim.engine.planner.Placement;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.prepare.Preparer;

/**
 * An op runs on its lean scratch only when its whole scratch fits nowhere in the arena while it
 * runs: ArenaPlanner moves dropped optional scratch into any hole of that size (re-planning with it
 * can push other buffers up, a hole cannot). Checked on every op of the bundled models, and of
 * three ../shared ones when present.
 */
class ScratchHolesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bundled:fashion_mobilenet.tflite",
        "bundled:fashion_widecnn.tflite",
        "tflite-micro/person_detect.tflite",
        "mlperf-tiny/vww_96_int8.tflite",
        "tinyengine/mcunet_vww_80x80.tflite"
      })
  void anOpStaysLeanOnlyWhereNoHoleFitsItsWholeScratch(String model) throws IOException {
    Path file =
        model.startsWith("bundled:")
            ? Path.of("../models", model.substring("bundled:".length()))
            : SharedFiles.model(model);
    assumeTrue(Files.exists(file), model + " not present: skipped");
    Graph graph = TfliteImporter.load(Files.readAllBytes(file), file.getFileName().toString());
    ArenaPlan arena =
        new CodeGenerator().generate(Preparer.prepare(graph), CodegenOptions.defaults()).arena();
    KernelRegistry kernels = KernelRegistry.standard();
    int lean = 0;
    int whole = 0;
    for (int op = 0; op < arena.prepared().ops().size(); op++) {
      PreparedOp pop = arena.prepared().op(op);
      long wants = (kernels.forOp(pop.op()).scratchBytes(pop, false) + 3) & ~3L;
      if (arena.inPlace(op) || wants == 0) {
        continue;
      }
      if (arena.scratchBytes(op) >= wants) {
        whole++;
        continue;
      }
      lean++;
      assertThat(holeFor(arena, op, wants))
          .as("%s op %d keeps %d of %d scratch bytes", model, op, arena.scratchBytes(op), wants)
          .isFalse();
    }
    assertThat(whole).as("ops with their whole scratch in %s", model).isPositive();
  }

  /** Whether [o, o + bytes) is free while op runs for some aligned o below the arena's end. */
  private static boolean holeFor(ArenaPlan arena, int op, long bytes) {
    String own = arena.steps().get(op).scratchId();
    List<Placement> live =
        arena.plan().placements().stream()
            .filter(p -> p.request().liveAt(op) && !p.id().equals(own))
            .toList();
    TreeSet<Long> candidates = new TreeSet<>(List.of(0L));
    live.forEach(p -> candidates.add((p.end() + 3) & ~3L));
    for (long offset : candidates) {
      Placement trial = new Placement(BufferRequest.of(own, bytes, op, op), offset);
      if (trial.end() <= arena.arenaBytes() && live.stream().noneMatch(trial::overlapsInAddress)) {
        return true;
      }
    }
    return false;
  }
}
