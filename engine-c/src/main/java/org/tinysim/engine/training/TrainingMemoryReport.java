package org.tinysim.engine.training;

import java.util.ArrayList;
import java.util.List;
import org.tinysim.engine.prepare.PreparedGraph;

/**
 * Peak SRAM of one training step under full update, sparse update and sparse update with operator
 * reordering: our version of the paper's memory comparison.
 *
 * @param model model name for the title
 * @param spec the sparse spec (full update uses only its optimizer and precision)
 * @param rows one per {@link CompileMode}, in enum order
 */
public record TrainingMemoryReport(String model, TrainingSpec spec, List<Row> rows) {

  /** One compiled mode. */
  public record Row(CompileMode mode, MemoryBreakdown memory, int updatedLayers, int steps) {}

  public TrainingMemoryReport {
    rows = List.copyOf(rows);
  }

  public static TrainingMemoryReport of(String model, PreparedGraph graph, TrainingSpec spec) {
    List<Row> rows = new ArrayList<>();
    for (CompileMode mode : CompileMode.values()) {
      TrainingProgram p = TrainingCompiler.compile(graph, spec, mode);
      rows.add(new Row(mode, p.memory(), p.updates().size(), p.steps().size()));
    }
    return new TrainingMemoryReport(model, spec, rows);
  }

  public Row row(CompileMode mode) {
    return rows.stream().filter(r -> r.mode() == mode).findFirst().orElseThrow();
  }

  /** How many times smaller than full update a mode's peak is. */
  public double reductionVsFull(CompileMode mode) {
    return ratio(CompileMode.FULL_UPDATE, mode);
  }

  /** Peak of {@code from} divided by peak of {@code to}. */
  public double ratio(CompileMode from, CompileMode to) {
    return (double) row(from).memory().peak() / row(to).memory().peak();
  }

  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("training memory of ")
        .append(model)
        .append(" (")
        .append(spec.source())
        .append("; ")
        .append(spec.paramPrecision().name().toLowerCase())
        .append(" params, activation gradients ")
        .append(spec.activationGradientType().name().toLowerCase())
        .append(spec.optimizer().hasState() ? ", SGD momentum" : ", plain SGD")
        .append("; budget ")
        .append(spec.sramBudget())
        .append(" B)\n");
    String format = "%-17s %7s %10s %12s %12s %13s %12s %10s %8s  %s%n";
    b.append(
        String.format(
            format,
            "mode",
            "layers",
            "arena B",
            "act@peak B",
            "grad@peak B",
            "param copy B",
            "optimizer B",
            "peak B",
            "vs full",
            "fits"));
    for (Row r : rows) {
      MemoryBreakdown m = r.memory();
      b.append(
          String.format(
              format,
              label(r.mode()),
              r.updatedLayers(),
              m.arena(),
              m.activationsAtPeak(),
              m.gradientsAtPeak(),
              m.parameterCopies(),
              m.optimizerState(),
              m.peak(),
              String.format("%.1fx", reductionVsFull(r.mode())),
              m.peak() <= spec.sramBudget()
                  ? "yes"
                  : "no, " + (m.peak() - spec.sramBudget()) + " B over"));
    }
    double pruning = ratio(CompileMode.FULL_UPDATE, CompileMode.SPARSE);
    double reordering = ratio(CompileMode.SPARSE, CompileMode.SPARSE_REORDERED);
    b.append(
        String.format(
            "  sparse update %.1fx less than full update, reordering %.1fx less "
                + "than sparse, together %.1fx%n",
            pruning, reordering, reductionVsFull(CompileMode.SPARSE_REORDERED)));
    for (Row r : rows) {
      b.append("  ")
          .append(label(r.mode()))
          .append(" arena peak at ")
          .append(r.memory().peakStepLabel())
          .append('\n');
    }
    return b.toString();
  }

  public static String label(CompileMode mode) {
    return switch (mode) {
      case FULL_UPDATE -> "full update";
      case SPARSE -> "sparse";
      case SPARSE_REORDERED -> "sparse+reorder";
    };
  }
}
