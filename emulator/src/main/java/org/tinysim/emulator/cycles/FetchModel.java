package org.tinysim.emulator.cycles;

/** Instruction-fetch cycles charged once per block execution, before its first instruction issues. */
public interface FetchModel {
    /**
     * @param region          where the block is fetched from
     * @param address         block start address
     * @param length          block length in bytes
     * @param flashWaitStates FLASH_ACR latency (0..15)
     */
    int fetchCycles(CodeRegion region, long address, int length, int flashWaitStates);

    /**
     * Default: TCM and SRAM fetch at zero wait states, and flash is assumed to hit in the ART
     * accelerator (ITCM path) or the 4 KB I-cache (AXIM path), which is the steady state of the
     * loops that dominate inference time. Cold misses are therefore not counted.
     */
    FetchModel CACHE_HIT = (region, address, length, flashWaitStates) -> 0;

    /**
     * Caches off: every 64-bit flash line the block touches costs the programmed wait states
     * (the flash delivers one line per wait-state-extended access; the first access of a fetch
     * sequence cannot be prefetched). TCM and SRAM are still zero wait.
     */
    FetchModel UNCACHED_FLASH = (region, address, length, flashWaitStates) -> {
        if (region != CodeRegion.FLASH_ITCM && region != CodeRegion.FLASH_AXIM) {
            return 0;
        }
        long firstLine = address >>> 3;
        long lastLine = (address + Math.max(length, 1) - 1) >>> 3;
        return (int) (lastLine - firstLine + 1) * flashWaitStates;
    };
}
