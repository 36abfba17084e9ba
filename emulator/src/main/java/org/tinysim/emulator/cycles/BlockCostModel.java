package org.tinysim.emulator.cycles;

/**
 * Computes the static cost of one translated basic block, once, when the block is first seen. The
 * native per-block hook then only adds the returned numbers, so no Java runs on the hot path.
 */
public interface BlockCostModel {
  /** Unicorn's translation blocks never cross a page of this many bytes (ARMv7-M: 1 KB). */
  int UNICORN_PAGE = 1024;

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

  /**
   * Unicorn ends a block at every 1 KB page (and gives an instruction that crosses one a block of
   * its own), so a loop whose body straddles a page runs as several blocks, which would cost more
   * than the same loop as one (CYCLE_MODEL.md, "Dependencies across blocks"). Returns the target of
   * this block's last instruction when that is a direct branch backwards and {@code body} (the code
   * from the target up to this block) holds no other change of flow; else -1.
   */
  default long splitLoopHead(
      byte[] code, long address, java.util.function.LongFunction<byte[]> body) {
    return -1;
  }

  /**
   * This block's cost as one of a split loop's blocks: {@code whole} (the loop as one block, from
   * {@link #splitLoopHead}'s target) less {@code others}, the cycles of the loop's other blocks, so
   * that all of them together cost one iteration of the whole loop.
   */
  default BlockCost splitLoopPart(BlockCost part, double others, BlockCost whole) {
    return part;
  }

  /** Cost with the flash caches on. */
  default BlockCost cost(byte[] code, long address, CodeRegion region, int flashWaitStates) {
    return cost(code, address, region, flashWaitStates, true);
  }
}
