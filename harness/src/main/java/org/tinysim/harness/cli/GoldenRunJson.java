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
 * {@code tinysim golden --json}: one entry per case and kernel path. A {@code --shard} run adds
 * {@code shard} ("I/N") and each case's {@code unit} (its number in the unsharded run), which
 * {@code golden merge} needs and removes.
 */
@JsonPropertyOrder({"seconds", "failed", "cases", "shard"})
record GoldenRunJson(
    double seconds,
    long failed,
    List<Case> cases,
    @JsonInclude(JsonInclude.Include.NON_NULL) String shard) {

  static GoldenRunJson of(List<Verdict> verdicts, double seconds) {
    return new GoldenRunJson(
        seconds,
        verdicts.stream().filter(Verdict::failed).count(),
        verdicts.stream().map(v -> Case.of(v, null)).toList(),
        null);
  }

  static GoldenRunJson ofShard(
      List<Verdict> verdicts, double seconds, String shard, List<Integer> units) {
    List<Case> cases = new java.util.ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      cases.add(Case.of(verdicts.get(i), units.get(i)));
    }
    return new GoldenRunJson(
        seconds, verdicts.stream().filter(Verdict::failed).count(), cases, shard);
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
    "imagesPerSecond",
    "unit"
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
      @JsonInclude(JsonInclude.Include.NON_NULL) Double imagesPerSecond,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer unit) {

    static Case of(Verdict v, Integer unit) {
      return new Case(
          v.goldenCase().id(),
          v.path().name(),
          v.status().name(),
          v.message(),
          v.rows().stream().map(DeltaRow::of).toList(),
          v.layers(),
          v.badLayer().orElse(null),
          v.measurement().map(m -> m.inputs().size()).orElse(null),
          v.measurement().map(Measurement::imagesPerSecond).orElse(null),
          unit);
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
