package org.tinysim.engine.patch.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tinysim.engine.codegen.ArenaPlan;
import org.tinysim.engine.codegen.ArenaPlanner;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.codegen.KernelRegistry;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.engine.patch.PatchNotApplicableException;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.planner.GreedyPlanner;
import org.tinysim.engine.planner.LinearPlanner;
import org.tinysim.engine.planner.MemoryPlanner;
import org.tinysim.engine.prepare.PreparedGraph;

/**
 * Chooses between the plain schedule and every patch stage (split point x grid 2..8) that can run:
 * the fewest estimated cycles among those whose planned arena fits the budget. The plain schedule
 * is never worse in cycles, so it wins whenever it fits; a patched one is picked only when its peak
 * is below the budget and hence below the plain peak.
 */
public final class PatchSearch {

  public static final int MIN_GRID = 2;
  public static final int MAX_GRID = 8;

  private final CycleEstimate.OpCosts costs;

  /** Estimates from the fitted per-op-kind constants ({@link CycleEstimate#FITTED}). */
  public PatchSearch() {
    this(CycleEstimate.FITTED);
  }

  /** Estimates from {@code costs}, e.g. {@link CycleEstimate#measured} on the board. */
  public PatchSearch(CycleEstimate.OpCosts costs) {
    this.costs = costs;
  }

  /** Grids of the two patched runs {@link CycleEstimate#calibrated} is solved from. */
  public static final int[] CALIBRATION_GRIDS = {2, 4};

  /**
   * The deepest split at which every {@link #CALIBRATION_GRIDS} grid can run patch by patch within
   * {@code arenaLimit} (the board's), if any: the deepest stage holds the most ops a searched stage
   * can hold.
   */
  public Optional<Integer> calibrationSplit(
      PreparedGraph prepared, CodegenOptions options, long arenaLimit) {
    for (int split = prepared.ops().size() - 1; split >= 1; split--) {
      try {
        boolean fits = true;
        for (int grid : CALIBRATION_GRIDS) {
          fits &=
              evaluate(prepared, options, new PatchConfig(split, grid)).peakArenaBytes()
                  <= arenaLimit;
        }
        if (fits) {
          return Optional.of(split);
        }
      } catch (PatchNotApplicableException e) {
        // a shallower split may still run
      }
    }
    return Optional.empty();
  }

  /** Where the estimates come from ("board" or "fitted"). */
  public String costSource() {
    return costs.source();
  }

  public PatchSearchResult search(
      PreparedGraph prepared, CodegenOptions options, long budgetBytes) {
    PatchCandidate plain = evaluate(prepared, options, null);
    List<PatchCandidate> all = new ArrayList<>();
    all.add(plain);
    for (int split = 1; split < prepared.ops().size(); split++) {
      for (int grid = MIN_GRID; grid <= MAX_GRID; grid++) {
        try {
          all.add(evaluate(prepared, options, new PatchConfig(split, grid)));
        } catch (PatchNotApplicableException e) {
          // this split or grid cannot run patch by patch; the rest of the space still can
        }
      }
    }
    Optional<PatchCandidate> chosen =
        plain.peakArenaBytes() <= budgetBytes
            ? Optional.of(plain)
            : all.stream()
                .filter(c -> c.peakArenaBytes() <= budgetBytes)
                .min(
                    Comparator.comparingLong(PatchCandidate::estimatedCycles)
                        .thenComparingLong(PatchCandidate::peakArenaBytes));
    return new PatchSearchResult(budgetBytes, plain, List.copyOf(all), frontier(all), chosen);
  }

  /** Plans and estimates one schedule; {@code config} null is the plain one. */
  public PatchCandidate evaluate(
      PreparedGraph prepared, CodegenOptions options, PatchConfig config) {
    MemoryPlanner planner =
        options.planner().equals("linear") ? new LinearPlanner() : new GreedyPlanner();
    long plainMacs = prepared.graph().totalMacs();
    ArenaPlanner arenaPlanner = new ArenaPlanner(KernelRegistry.standard(), options.fuse());
    if (config == null) {
      ArenaPlan arena = arenaPlanner.plan(prepared, planner, options.inPlace());
      return new PatchCandidate(
          null,
          arena.arenaBytes(),
          arena.plan().liveAtPeak().op(),
          plainMacs,
          0,
          Math.round(CycleEstimate.plain(prepared, costs)));
    }
    PatchStage stage = PatchStage.of(prepared, config);
    ArenaPlan arena = arenaPlanner.plan(prepared, planner, options.inPlace(), stage);
    long macs = plainMacs - stage.plainMacs() + stage.patchedMacs();
    return new PatchCandidate(
        config,
        arena.arenaBytes(),
        arena.plan().liveAtPeak().op(),
        macs,
        macs - plainMacs,
        Math.round(CycleEstimate.patched(stage, costs)));
  }

  /** Candidates not beaten on both peak and cycles, smallest peak first. */
  static List<PatchCandidate> frontier(List<PatchCandidate> all) {
    List<PatchCandidate> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.comparingLong(PatchCandidate::peakArenaBytes)
            .thenComparingLong(PatchCandidate::estimatedCycles));
    List<PatchCandidate> front = new ArrayList<>();
    long bestCycles = Long.MAX_VALUE;
    for (PatchCandidate c : sorted) {
      if (c.estimatedCycles() < bestCycles) {
        front.add(c);
        bestCycles = c.estimatedCycles();
      }
    }
    return List.copyOf(front);
  }
}
