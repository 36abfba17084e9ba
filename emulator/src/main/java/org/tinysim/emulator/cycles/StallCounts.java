package org.tinysim.emulator.cycles;

/**
 * Where a block's cycles beyond its issue cycles go, found by the static schedule (so a profile can
 * say why a kernel costs what it costs). Cycles in each field are already part of the block's cost.
 *
 * @param fetch instruction-fetch wait states (flash without a cache)
 * @param dualIssueLost cycles in which one instruction issued alone because the next could not pair
 *     with it (pairing rule, or it needs the partner's result)
 * @param loadUse cycles waiting for a load's result
 * @param dependency cycles waiting for a multiply, divide or FP result (latency > 1)
 * @param storeBuffer cycles waiting for the store buffer (byte/halfword read-modify-writes)
 * @param memory data-side cycles: loads from flash or AXI SRAM beyond DTCM timing (model v3)
 */
public record StallCounts(
    int fetch, int dualIssueLost, int loadUse, int dependency, int storeBuffer, int memory) {
  public static final StallCounts NONE = new StallCounts(0, 0, 0, 0, 0, 0);

  /** Mutable accumulator the issue models fill while scheduling one block. */
  static final class Tally {
    int fetch;
    int dualIssueLost;
    int loadUse;
    int dependency;
    int storeBuffer;
    int memory;

    /** Charges {@code cycles} of waiting on {@code producer}'s result to the matching cause. */
    void waitedFor(Instruction producer, int cycles) {
      if (cycles <= 0) {
        return;
      }
      if (producer != null && producer.isLoad()) {
        loadUse += cycles;
      } else {
        dependency += cycles;
      }
    }

    StallCounts toCounts() {
      return new StallCounts(fetch, dualIssueLost, loadUse, dependency, storeBuffer, memory);
    }
  }
}
