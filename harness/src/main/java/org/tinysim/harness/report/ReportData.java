package org.tinysim.harness.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one HTML report shows, as plain values (no engine or emulator types), so any run — a
 * single inference, a golden case, an accuracy sweep — can fill it.
 *
 * @param accuracy present when a labelled data set was run
 * @param checks a golden run's budget and baseline checks; empty for a plain report
 */
public record ReportData(
    ModelSummary model,
    List<LayerRow> layers,
    MemoryTimeline memory,
    Optional<AccuracySummary> accuracy,
    List<CheckRow> checks) {

  public ReportData {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(accuracy, "accuracy");
    layers = List.copyOf(layers);
    checks = List.copyOf(checks);
  }

  /** A report without golden checks. */
  public ReportData(
      ModelSummary model,
      List<LayerRow> layers,
      MemoryTimeline memory,
      Optional<AccuracySummary> accuracy) {
    this(model, layers, memory, accuracy, List.of());
  }

  public ReportData withAccuracy(AccuracySummary summary) {
    return new ReportData(model, layers, memory, Optional.of(summary), checks);
  }

  /** The same report with a golden run's checks shown first. */
  public ReportData withChecks(List<CheckRow> rows) {
    return new ReportData(model, layers, memory, accuracy, rows);
  }
}
