package org.tinysim.engine.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.planner.OpOccupancy;
import org.tinysim.engine.prepare.Preparer;

/**
 * ADD's table scratch is optional: the planner keeps it where it costs no arena bytes and drops it
 * from the ops that set the arena's peak when that lowers the peak. fashion_widecnn has three
 * 28x28x64 ADDs near its peak. (The arena itself is pinned per model by the golden baselines.)
 */
class OptionalScratchTest {

  @Test
  void addTablesNeverSetTheArenaPeakAlone() throws IOException {
    Graph graph =
        TfliteImporter.load(
            Files.readAllBytes(Path.of("../models/fashion_widecnn.tflite")), "fashion_widecnn");
    ArenaPlan arena =
        new CodeGenerator().generate(Preparer.prepare(graph), CodegenOptions.defaults()).arena();
    int withTables = 0;
    int withoutTables = 0;
    boolean peakWithoutTables = false;
    for (OpOccupancy row : arena.plan().perOpReport()) {
      if (row.op() < 0) {
        continue;
      }
      boolean atPeak = row.liveTop() == arena.arenaBytes();
      boolean tables =
          graph.ops().get(row.op()) instanceof Op.Add && arena.scratchBytes(row.op()) > 0;
      if (graph.ops().get(row.op()) instanceof Op.Add add) {
        assertThat(add.output().shape().elementCount())
            .isGreaterThanOrEqualTo(AddEmitter.TABLE_MIN_SIZE);
        if (tables) {
          withTables++;
        } else {
          withoutTables++;
        }
      }
      peakWithoutTables |= atPeak && !tables;
    }
    assertThat(withTables).as("ADDs that kept their tables").isPositive();
    assertThat(withoutTables).as("ADDs whose tables were dropped at the peak").isPositive();
    assertThat(peakWithoutTables).as("an op without tables reaches the peak").isTrue();
  }
}
