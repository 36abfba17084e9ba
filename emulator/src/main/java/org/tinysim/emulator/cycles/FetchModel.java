package org.tinysim.emulator.cycles;

/**
 * Instruction-fetch cycles charged once per block execution, before its first instruction issues.
 */
public interface FetchModel {
  /**
   * @param region where the block is fetched from
   * @param address block start address
   * @param length block length in bytes
   * @param flashWaitStates FLASH_ACR latency (0..15)
   * @param flashCached the cache in front of the region's flash path is on (L1 I-cache for AXIM,
   *     ART for the ITCM path)
   */
  int fetchCycles(
      CodeRegion region, long address, int length, int flashWaitStates, boolean flashCached);

  /**
   * Every fetch hits: TCM and SRAM have no wait states, and flash hits the ART accelerator (ITCM
   * path) or the 4 KB I-cache (AXIM path), the steady state of the loops that dominate inference
   * time. Cold misses are not counted (miss rate 0, see CYCLE_MODEL.md).
   */
  FetchModel CACHE_HIT = (region, address, length, flashWaitStates, flashCached) -> 0;

  /**
   * Caches off: every 64-bit flash beat the block touches costs the programmed wait states (the
   * 64-bit AXI/ITCM bus gets one beat per wait-state-extended access; the first access of a fetch
   * sequence cannot be prefetched). TCM and SRAM are still zero wait.
   */
  FetchModel UNCACHED_FLASH =
      (region, address, length, flashWaitStates, flashCached) -> {
        if (region != CodeRegion.FLASH_ITCM && region != CodeRegion.FLASH_AXIM) {
          return 0;
        }
        long firstLine = address >>> 3;
        long lastLine = (address + Math.max(length, 1) - 1) >>> 3;
        return (int) (lastLine - firstLine + 1) * flashWaitStates;
      };

  /** The default: cache hits while the flash path's cache is on, uncached beats while it is off. */
  FetchModel BY_CACHE_STATE =
      (region, address, length, flashWaitStates, flashCached) ->
          flashCached
              ? CACHE_HIT.fetchCycles(region, address, length, flashWaitStates, true)
              : UNCACHED_FLASH.fetchCycles(region, address, length, flashWaitStates, false);
}
