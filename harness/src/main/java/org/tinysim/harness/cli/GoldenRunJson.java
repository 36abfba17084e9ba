package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.tinysim.harness.golden.Delta;
import org.tinysim.harness.golden.LayerChange;
import org.tinysim.harness.golden.Measurement;
import org.tinysim.harness.golden.Verdict;

/**
 * {@code tinysim golden --json} and {@code golden merge --json}: one entry per case and kernel
 * path.
 */
@JsonPropertyOrder({"seconds", "failed", "cases"})
record GoldenRunJson(double seconds, long failed, List<Case> cases) {

  static GoldenRunJson of(List<Verdict> verdicts, double seconds) {
    return new GoldenRunJson(
        seconds,
        verdicts.stream().filter(Verdict::failed).count(),
        verdicts.stream().map(Case::of).toList());
  }

  /** {@code records} and {@code imagesPerSecond} are absent when the case did not run. */
  @JsonPropertyOrder({
    "case",
    "kernelPath",
    "status",
    "message",
    "deltas",
    "changedLayers",
    "wrongOutput",
    "records",
    "imagesPerSecond"
  })
  record Case(
      @JsonProperty("case") String id,
      String kernelPath,
      String status,
      String message,
      List<DeltaRow> deltas,
      List<LayerChange> changedLayers,
      @JsonInclude(JsonInclude.Include.ALWAYS) String wrongOutput,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer records,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double imagesPerSecond) {

    static Case of(Verdict v) {
      return new Case(
          v.goldenCase().id(),
          v.path().name(),
          v.status().name(),
          v.message(),
          v.rows().stream().map(DeltaRow::of).toList(),
          v.layers(),
          v.badLayer().orElse(null),
          v.measurement().map(m -> m.inputs().size()).orElse(null),
          v.measurement().map(Measurement::imagesPerSecond).orElse(null));
    }
  }

  @JsonPropertyOrder({"quantity", "blessed", "measured", "change", "rule", "ok"})
  record DeltaRow(
      String quantity, String blessed, String measured, String change, String rule, boolean ok) {

    static DeltaRow of(Delta d) {
      // The table pads quantities for alignment; JSON does not need it.
      return new DeltaRow(
          d.quantity().strip(), d.blessed(), d.measured(), d.change(), d.rule(), d.ok());
    }
  }
}
