package org.tinysim.engine.patch.search;

import org.tinysim.engine.patch.PatchConfig;

/**
 * One schedule the search weighed.
 *
 * @param config the patch stage, or null for the plain per-layer schedule
 * @param peakArenaBytes arena the planner needs (the activation peak)
 * @param peakOp op at which that peak occurs
 * @param macs MACs per inference, halo recomputation included
 * @param extraMacs MACs above the plain schedule
 * @param estimatedCycles {@link CycleEstimate} of the schedule
 */
public record PatchCandidate(
    PatchConfig config,
    long peakArenaBytes,
    int peakOp,
    long macs,
    long extraMacs,
    long estimatedCycles) {

  public boolean isPlain() {
    return config == null;
  }

  public String label() {
    return config == null ? "plain" : config.toString();
  }
}
