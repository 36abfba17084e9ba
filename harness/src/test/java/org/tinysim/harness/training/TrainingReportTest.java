package org.tinysim.harness.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.json.Json;
import org.tinysim.engine.training.CompileMode;
import org.tinysim.engine.training.MemoryBreakdown;

class TrainingReportTest {

  private static TrainingReport report() {
    TrainingSession.Result board =
        new TrainingSession.Result(0.5, 0.8, 100, 50, 2_000_000, 800_000, 205_340, Map.of());
    MemoryBreakdown planned = new MemoryBreakdown(150_000, 10, 10, 10, 1000, 100, 0, 1, "x");
    return new TrainingReport("m", "SPARSE_REORDERED", board, planned, 150_000, Map.of(), List.of())
        .withMemoryByMode(
            List.of(
                new TrainingDemo.ModeMemory(
                    CompileMode.FULL_UPDATE, 400_000, 0, "does not link into the 320 KB SRAM"),
                new TrainingDemo.ModeMemory(CompileMode.SPARSE_REORDERED, 200_000, 205_276, "")));
  }

  @Test
  void oneMeasuredPeakAndNoMeasuredZero() {
    String text = report().toText();
    assertThat(text)
        .contains(
            "peak SRAM measured 205,340 bytes",
            "memory SPARSE_REORDERED planned   200,000 B  measured   205,340 B",
            "memory FULL_UPDATE      planned   400,000 B  not measured: does not link into the "
                + "320 KB SRAM")
        .doesNotContain("205,276")
        .doesNotContain("measured         0 B");
    String json = Json.compact(report().toJson());
    assertThat(json)
        .contains(
            "\"FULL_UPDATE\":{\"plannedPeakBytes\":400000," + "\"measuredPeakBytes\":null,\"note\"",
            "\"measuredPeakBytes\":205340");
  }
}
