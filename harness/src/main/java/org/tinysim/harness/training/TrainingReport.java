package org.tinysim.harness.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.training.MemoryBreakdown;
import org.tinysim.engine.training.TrainingProgram;

/** What {@code tinysim train} reports, as text or as one JSON object. */
public record TrainingReport(String model, String mode, TrainingSession.Result board,
    MemoryBreakdown plannedMemory, long trainArenaBytes, Map<String, Double> comparisons,
    List<TrainingDemo.ModeMemory> memoryByMode) {

  /** Core clock the ms figures assume. */
  public static final double CORE_HZ = 216e6;

  public static TrainingReport of(TrainingFirmware firmware, TrainingSession.Result board,
      Map<String, Double> comparisons) {
    TrainingProgram p = firmware.code().program();
    return new TrainingReport(firmware.name(), p.mode().name(), board, p.memory(),
        firmware.code().trainArenaBytes(), comparisons, List.of());
  }

  public TrainingReport withMemoryByMode(List<TrainingDemo.ModeMemory> rows) {
    return new TrainingReport(model, mode, board, plannedMemory, trainArenaBytes, comparisons,
        rows);
  }

  public double msPerStep() {
    return board.cyclesPerStep() / CORE_HZ * 1000;
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("mode", mode);
    m.put("steps", board.steps());
    m.put("testSamples", board.evaluated());
    m.put("accuracyBefore", board.accuracyBefore());
    m.put("accuracyAfter", board.accuracyAfter());
    m.put("cyclesPerStep", board.cyclesPerStep());
    m.put("msPerStepAt216MHz", msPerStep());
    m.put("forwardCyclesPerStep", board.forwardCyclesPerStep());
    m.put("peakSramBytes", board.peakSramBytes());
    m.put("trainArenaBytes", trainArenaBytes);
    Map<String, Object> planned = new LinkedHashMap<>();
    planned.put("arena", plannedMemory.arena());
    planned.put("weightCopies", plannedMemory.weightCopies());
    planned.put("biasCopies", plannedMemory.biasCopies());
    planned.put("optimizerState", plannedMemory.optimizerState());
    planned.put("peak", plannedMemory.peak());
    m.put("plannedMemory", planned);
    if (!comparisons.isEmpty()) {
      m.put("accuracyComparison", comparisons);
    }
    if (!memoryByMode.isEmpty()) {
      Map<String, Object> rows = new LinkedHashMap<>();
      for (TrainingDemo.ModeMemory r : memoryByMode) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("plannedPeakBytes", r.plannedBytes());
        row.put("measuredPeakBytes", r.measuredBytes());
        if (!r.note().isEmpty()) {
          row.put("note", r.note());
        }
        rows.put(r.mode().name(), row);
      }
      m.put("memoryByMode", rows);
    }
    return m;
  }

  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append(String.format("model %s, %s, %d training steps (batch 1), %d test images%n", model,
        mode, board.steps(), board.evaluated()));
    s.append(String.format("accuracy before %.1f%%  after on-device int8+QAS %.1f%%%n",
        100 * board.accuracyBefore(), 100 * board.accuracyAfter()));
    comparisons.forEach((k, v) -> s.append(String.format("accuracy after %s %.1f%%%n", k,
        100 * v)));
    s.append(String.format("cycles per training step %,d (%.1f ms at 216 MHz; forward %,d, "
        + "backward and update %,d)%n", board.cyclesPerStep(), msPerStep(),
        board.forwardCyclesPerStep(), board.cyclesPerStep() - board.forwardCyclesPerStep()));
    s.append(String.format("peak SRAM measured %,d bytes (budget 262,144); training arena %,d;"
        + " planned peak %,d%n", board.peakSramBytes(), trainArenaBytes, plannedMemory.peak()));
    for (TrainingDemo.ModeMemory r : memoryByMode) {
      s.append(String.format("memory %-16s planned %,9d B  measured %,9d B %s%n", r.mode(),
          r.plannedBytes(), r.measuredBytes(), r.note()));
    }
    return s.toString();
  }
}
