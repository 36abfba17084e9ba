package org.tinysim.emulator.cycles;

/**
 * Computes the static cost of one translated basic block, once, when the block is first seen. The
 * native per-block hook then only adds the returned numbers, so no Java runs on the hot path.
 */
public interface BlockCostModel {
  /**
   * @param code the block's bytes (little-endian Thumb-2), exactly {@code size} bytes long
   * @param address address of the first instruction
   * @param region where the code is fetched from
   * @param flashWaitStates FLASH_ACR latency currently programmed (0..15)
   * @param flashCached whether the region's flash cache (I-cache on AXIM, ART on ITCM) is on
   */
  BlockCost cost(
      byte[] code, long address, CodeRegion region, int flashWaitStates, boolean flashCached);

  /**
   * Cost including the data side (loads and stores to flash and AXI SRAM); models without one
   * ignore {@code data}.
   */
  default BlockCost cost(
      byte[] code,
      long address,
      CodeRegion region,
      int flashWaitStates,
      boolean flashCached,
      DataSide data) {
    return cost(code, address, region, flashWaitStates, flashCached);
  }

  /**
   * Entries of the branch history table the native hook should simulate (a power of two), or 0 for
   * one unlimited counter per block.
   */
  default int branchTableEntries() {
    return 0;
  }

  /** Return addresses the native hook's return stack holds, or 0 for none. */
  default int returnStackEntries() {
    return 0;
  }

  /** Cycles a return costs when the branch table misses it and the return stack predicts it. */
  default int returnStackPenalty() {
    return 0;
  }

  /** Cost with the flash caches on. */
  default BlockCost cost(byte[] code, long address, CodeRegion region, int flashWaitStates) {
    return cost(code, address, region, flashWaitStates, true);
  }
}
