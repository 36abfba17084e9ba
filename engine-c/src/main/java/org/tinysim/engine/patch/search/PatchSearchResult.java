package org.tinysim.engine.patch.search;

import java.util.List;
import java.util.Optional;

/**
 * What the search found under a budget.
 *
 * @param plain the per-layer schedule
 * @param all every schedule that can run (plain first)
 * @param frontier schedules no other beats on both peak arena and estimated cycles, by peak
 * @param chosen the fastest schedule within the budget (plain whenever plain fits), if any
 */
public record PatchSearchResult(
    long budgetBytes,
    PatchCandidate plain,
    List<PatchCandidate> all,
    List<PatchCandidate> frontier,
    Optional<PatchCandidate> chosen) {

  /** The schedule with the smallest peak arena. */
  public PatchCandidate smallestPeak() {
    PatchCandidate best = plain;
    for (PatchCandidate c : all) {
      if (c.peakArenaBytes() < best.peakArenaBytes()) {
        best = c;
      }
    }
    return best;
  }

  /** The chosen schedule, or a {@link NoScheduleFitsException} naming the smallest peak. */
  public PatchCandidate chosenOrThrow(String model) {
    return chosen.orElseThrow(
        () -> {
          PatchCandidate s = smallestPeak();
          return new NoScheduleFitsException(
              String.format(
                  "%s: no schedule fits the SRAM budget of "
                      + "%d B: the smallest peak arena is %d B (%d B over), with %s, reached at op %d; "
                      + "the plain schedule needs %d B",
                  model,
                  budgetBytes,
                  s.peakArenaBytes(),
                  s.peakArenaBytes() - budgetBytes,
                  s.label(),
                  s.peakOp(),
                  plain.peakArenaBytes()));
        });
  }

  /** The frontier as a text table. */
  public String frontierTable() {
    StringBuilder b =
        new StringBuilder(
            String.format(
                "%-20s %12s %8s %12s %10s %14s %8s%n",
                "schedule",
                "peak arena B",
                "peak op",
                "MACs",
                "extra MACs",
                "est. cycles",
                "extra"));
    for (PatchCandidate c : frontier) {
      b.append(
          String.format(
              "%-20s %12d %8d %12d %9.1f%% %14d %7.1f%%%n",
              c.label(),
              c.peakArenaBytes(),
              c.peakOp(),
              c.macs(),
              100.0 * c.extraMacs() / plain.macs(),
              c.estimatedCycles(),
              100.0 * (c.estimatedCycles() - plain.estimatedCycles()) / plain.estimatedCycles()));
    }
    return b.toString();
  }
}
