package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.tinysim.harness.golden.MeasuredRecords;

/**
 * {@code tinysim golden --shard I/N --json}: what the shard measured, slice by slice, for {@code
 * golden merge} to join into verdicts. Not a verdict itself: accuracy, the outputs' hash and the
 * deltas need every slice of a case.
 *
 * @param kernelChange the shard ran modified kernels ({@code --kernels}/{@code --kernel-patch})
 */
@JsonPropertyOrder({"shard", "kernelChange", "seconds", "parts"})
record GoldenShardJson(String shard, boolean kernelChange, double seconds, List<Part> parts) {

  static final String MEASURED = "MEASURED";
  static final String SKIPPED = "SKIPPED";
  static final String ERROR = "ERROR";

  /**
   * One slice of one (case, kernel path) unit.
   *
   * @param unit the unit's number in the unsharded run (the merged report's order)
   * @param status MEASURED, SKIPPED or ERROR (then {@code message} says why)
   * @param measured the figures, when MEASURED
   */
  @JsonPropertyOrder({
    "case",
    "kernelPath",
    "unit",
    "slice",
    "slices",
    "status",
    "message",
    "measured"
  })
  record Part(
      @JsonProperty("case") String id,
      String kernelPath,
      int unit,
      int slice,
      int slices,
      String status,
      String message,
      MeasuredRecords measured) {}
}
