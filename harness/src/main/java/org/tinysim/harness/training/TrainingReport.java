package org.tinysim.harness.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.training.MemoryBreakdown;
import org.tinysim.engine.training.TrainingProgram;

/** What {@code tinysim train} reports, as text or as one JSON object. */
public record TrainingReport(
    String model,
    String mode,
    TrainingSession.Result board,
    MemoryBreakdown plannedMemory,
    long trainArenaBytes,
    Map<String, Double> comparisons,
    List<TrainingDemo.ModeMemory> memoryByMode) {

  /** Core clock the ms figures assume. */
  public static final double CORE_HZ = 216e6;

  public static TrainingReport of(
      TrainingFirmware firmware, TrainingSession.Result board, Map<String, Double> comparisons) {
    TrainingProgram p = firmware.code().program();
    return new TrainingReport(
        firmware.name(),
        p.mode().name(),
        board,
        p.memory(),
        firmware.code().trainArenaBytes(),
        comparisons,
        List.of());
  }

  /**
   * The memory comparison; the trained mode's row shows the training run's own peak, so the report
   * gives one peak SRAM figure for it, not two from different runs.
   */
  public TrainingReport withMemoryByMode(List<TrainingDemo.ModeMemory> rows) {
    List<TrainingDemo.ModeMemory> one =
        rows.stream()
            .map(
                r ->
                    r.mode().name().equals(mode) && r.note().isEmpty()
                        ? new TrainingDemo.ModeMemory(
                            r.mode(), r.plannedBytes(), board.peakSramBytes(), r.note())
                        : r)
            .toList();
    return new TrainingReport(model, mode, board, plannedMemory, trainArenaBytes, comparisons, one);
  }

  public double msPerStep() {
    return board.cyclesPerStep() / CORE_HZ * 1000;
  }

  /** The {@code --json} object. */
  public JsonView toJson() {
    Map<String, ModeRow> rows = new LinkedHashMap<>();
    for (TrainingDemo.ModeMemory r : memoryByMode) {
      rows.put(
          r.mode().name(),
          new ModeRow(r.plannedBytes(), r.note().isEmpty() ? r.measuredBytes() : null, r.note()));
    }
    return new JsonView(
        model,
        mode,
        board.steps(),
        board.evaluated(),
        board.accuracyBefore(),
        board.accuracyAfter(),
        board.cyclesPerStep(),
        msPerStep(),
        board.forwardCyclesPerStep(),
        board.peakSramBytes(),
        trainArenaBytes,
        new PlannedMemory(
            plannedMemory.arena(),
            plannedMemory.weightCopies(),
            plannedMemory.biasCopies(),
            plannedMemory.optimizerState(),
            plannedMemory.peak()),
        comparisons,
        rows);
  }

  /** {@code accuracyComparison} and {@code memoryByMode} are left out when empty. */
  @JsonPropertyOrder({
    "model",
    "mode",
    "steps",
    "testSamples",
    "accuracyBefore",
    "accuracyAfter",
    "cyclesPerStep",
    "msPerStepAt216MHz",
    "forwardCyclesPerStep",
    "peakSramBytes",
    "trainArenaBytes",
    "plannedMemory",
    "accuracyComparison",
    "memoryByMode"
  })
  public record JsonView(
      String model,
      String mode,
      int steps,
      int testSamples,
      double accuracyBefore,
      double accuracyAfter,
      long cyclesPerStep,
      @JsonProperty("msPerStepAt216MHz") double msPerStep,
      long forwardCyclesPerStep,
      long peakSramBytes,
      long trainArenaBytes,
      PlannedMemory plannedMemory,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> accuracyComparison,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, ModeRow> memoryByMode) {}

  @JsonPropertyOrder({"arena", "weightCopies", "biasCopies", "optimizerState", "peak"})
  public record PlannedMemory(
      long arena, long weightCopies, long biasCopies, long optimizerState, long peak) {}

  /** {@code note} is left out when empty; {@code measuredPeakBytes} is null when not measured. */
  @JsonPropertyOrder({"plannedPeakBytes", "measuredPeakBytes", "note"})
  public record ModeRow(
      long plannedPeakBytes,
      Long measuredPeakBytes,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String note) {}

  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "model %s, %s, %d training steps (batch 1), %d test images%n",
            model, mode, board.steps(), board.evaluated()));
    s.append(
        String.format(
            "accuracy before %.1f%%  after on-device int8+QAS %.1f%%%n",
            100 * board.accuracyBefore(), 100 * board.accuracyAfter()));
    comparisons.forEach(
        (k, v) -> s.append(String.format("accuracy after %s %.1f%%%n", k, 100 * v)));
    s.append(
        String.format(
            "cycles per training step %,d (%.1f ms at 216 MHz; forward %,d, "
                + "backward and update %,d)%n",
            board.cyclesPerStep(),
            msPerStep(),
            board.forwardCyclesPerStep(),
            board.cyclesPerStep() - board.forwardCyclesPerStep()));
    s.append(
        String.format(
            "peak SRAM measured %,d bytes (budget 262,144); training arena %,d;"
                + " planned peak %,d%n",
            board.peakSramBytes(), trainArenaBytes, plannedMemory.peak()));
    for (TrainingDemo.ModeMemory r : memoryByMode) {
      String measured =
          r.note().isEmpty()
              ? String.format("measured %,9d B", r.measuredBytes())
              : "not measured: " + r.note();
      s.append(
          String.format("memory %-16s planned %,9d B  %s%n", r.mode(), r.plannedBytes(), measured));
    }
    return s.toString();
  }
}
