package org.tinysim.harness.report.html;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one HTML report shows, as plain values (no engine or emulator types), so any run —
 * a single inference, a golden case, an accuracy sweep — can fill it.
 */
public record ReportData(ModelSummary model, List<LayerRow> layers, MemoryTimeline memory,
    Optional<AccuracySummary> accuracy) {

  public ReportData {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(accuracy, "accuracy");
    layers = List.copyOf(layers);
  }

  public ReportData withAccuracy(AccuracySummary summary) {
    return new ReportData(model, layers, memory, Optional.of(summary));
  }
}
