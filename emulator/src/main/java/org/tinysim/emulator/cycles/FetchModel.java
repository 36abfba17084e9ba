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
   * @param flashCached the cache in front of the region's path is on (L1 I-cache for AXIM flash and
   *     SRAM1/SRAM2, ART for the ITCM flash path)
   */
  int fetchCycles(
      CodeRegion region, long address, int length, int flashWaitStates, boolean flashCached);

  /**
   * Every fetch hits: TCM has no wait states, and flash and SRAM1/SRAM2 hit the ART accelerator
   * (ITCM path) or the 4 KB I-cache (AXIM path), the steady state of the loops that dominate
   * inference time. Cold misses are not counted (miss rate 0, see CYCLE_MODEL.md).
   */
  FetchModel CACHE_HIT = (region, address, length, flashWaitStates, flashCached) -> 0;

  /**
   * Cycles of one uncached 64-bit fetch beat from SRAM1/SRAM2 over AXIM. No published F7 figure:
   * chosen against [SL]'s Dhrystone with code in SRAM1, caches on and off (CYCLE_MODEL.md,
   * "Dhrystone against silicon").
   */
  int SRAM_AXIM_BEAT_CYCLES = 5;

  /**
   * Caches off: every 64-bit beat the block touches pays its path's latency (the 64-bit AXI/ITCM
   * bus gets one beat per access; the first access of a fetch sequence cannot be prefetched): flash
   * over AXIM the wait states plus the AXI-to-AHB bridge's cycle (as a data load and the exact
   * I-cache's line fill pay it), flash over ITCM the wait states, SRAM1/SRAM2 {@link
   * #SRAM_AXIM_BEAT_CYCLES}. ITCM RAM and DTCM cost nothing.
   */
  FetchModel UNCACHED =
      (region, address, length, flashWaitStates, flashCached) -> {
        int perBeat =
            switch (region) {
              case FLASH_AXIM -> flashWaitStates + 1;
              case FLASH_ITCM -> flashWaitStates;
              case SRAM_AXIM -> SRAM_AXIM_BEAT_CYCLES;
              default -> 0;
            };
        long firstBeat = address >>> 3;
        long lastBeat = (address + Math.max(length, 1) - 1) >>> 3;
        return (int) (lastBeat - firstBeat + 1) * perBeat;
      };

  /** The default: cache hits while the path's cache is on, uncached beats while it is off. */
  FetchModel BY_CACHE_STATE =
      (region, address, length, flashWaitStates, flashCached) ->
          flashCached
              ? CACHE_HIT.fetchCycles(region, address, length, flashWaitStates, true)
              : UNCACHED.fetchCycles(region, address, length, flashWaitStates, false);
}
