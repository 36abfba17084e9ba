package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.tinysim.engine.training.LayerRule;
import org.tinysim.engine.training.MemoryBreakdown;
import org.tinysim.engine.training.TrainingMemoryReport;
import org.tinysim.engine.training.TrainingProgram;

/** {@code tinysim train-plan --json}: the spec, one row per compile mode, and the chosen plan. */
@JsonPropertyOrder({"model", "spec", "params", "budget", "layers", "modes", "backwardMacs", "fits"})
record TrainPlanJson(
    String model,
    String spec,
    String params,
    long budget,
    List<Layer> layers,
    List<Mode> modes,
    long backwardMacs,
    boolean fits) {

  static TrainPlanJson of(TrainingMemoryReport report, TrainingProgram chosen) {
    return new TrainPlanJson(
        report.model(),
        report.spec().source(),
        report.spec().paramPrecision().name().toLowerCase(),
        report.spec().sramBudget(),
        report.spec().layers().stream().map(Layer::of).toList(),
        report.rows().stream().map(r -> Mode.of(report, r)).toList(),
        chosen.backwardMacs(),
        chosen.fitsBudget());
  }

  @JsonPropertyOrder({"layer", "update"})
  record Layer(String layer, String update) {

    static Layer of(LayerRule r) {
      return new Layer(r.selector(), r.rule().toString());
    }
  }

  @JsonPropertyOrder({
    "mode",
    "updatedLayers",
    "steps",
    "arena",
    "activationsAtPeak",
    "gradientsAtPeak",
    "gradientTotal",
    "weightCopies",
    "biasCopies",
    "optimizerState",
    "peak",
    "peakAt",
    "reductionVsFull",
    "fits"
  })
  record Mode(
      String mode,
      int updatedLayers,
      int steps,
      long arena,
      long activationsAtPeak,
      long gradientsAtPeak,
      long gradientTotal,
      long weightCopies,
      long biasCopies,
      long optimizerState,
      long peak,
      String peakAt,
      double reductionVsFull,
      boolean fits) {

    static Mode of(TrainingMemoryReport report, TrainingMemoryReport.Row r) {
      MemoryBreakdown m = r.memory();
      return new Mode(
          r.mode().name(),
          r.updatedLayers(),
          r.steps(),
          m.arena(),
          m.activationsAtPeak(),
          m.gradientsAtPeak(),
          m.gradientTotal(),
          m.weightCopies(),
          m.biasCopies(),
          m.optimizerState(),
          m.peak(),
          m.peakStepLabel(),
          report.reductionVsFull(r.mode()),
          m.peak() <= report.spec().sramBudget());
    }
  }
}
