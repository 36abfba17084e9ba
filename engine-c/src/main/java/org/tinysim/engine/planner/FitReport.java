package org.tinysim.engine.planner;

import java.util.stream.Collectors;

/**
 * Whether a plan fits a RAM budget, with enough detail for a "model does not fit" error.
 *
 * @param limitBytes the budget
 * @param arenaBytes the plan's arena size
 * @param peak the first op whose live buffers reach the top of the arena
 */
public record FitReport(long limitBytes, long arenaBytes, OpOccupancy peak) {

  public boolean fits() {
    return arenaBytes <= limitBytes;
  }

  /** Bytes that must be saved to fit; 0 if it already fits. */
  public long excessBytes() {
    return Math.max(0, arenaBytes - limitBytes);
  }

  public String message() {
    if (fits()) {
      return "arena "
          + arenaBytes
          + " B fits in "
          + limitBytes
          + " B ("
          + (limitBytes - arenaBytes)
          + " B spare)";
    }
    String tensors =
        peak.live().stream()
            .map(p -> p.id() + " [" + p.offset() + ", " + p.end() + ") " + p.size() + " B")
            .collect(Collectors.joining(", "));
    String gaps = peak.gapBytes() > 0 ? "; " + peak.gapBytes() + " B of that span are holes" : "";
    return "arena "
        + arenaBytes
        + " B exceeds the "
        + limitBytes
        + " B limit by "
        + excessBytes()
        + " B; peak at op "
        + peak.op()
        + " with live tensors "
        + tensors
        + " ("
        + peak.bytesInUse()
        + " B in use"
        + gaps
        + ")";
  }
}
