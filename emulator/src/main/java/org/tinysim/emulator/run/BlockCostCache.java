package org.tinysim.emulator.run;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.cycles.BlockCost;
import org.tinysim.emulator.cycles.BlockCostModel;
import org.tinysim.emulator.cycles.CodeRegion;
import org.tinysim.emulator.memory.Stm32f746MemoryMap;

/**
 * Asks the cost model once per new block (the native hook caches the packed result) and keeps
 * the full {@link BlockCost} for exact mid-block clock reads and profiles.
 */
public final class BlockCostCache implements CpuBackend.BlockCostSource {
    private final CpuBackend cpu;
    private final BlockCostModel model;
    private final IntSupplier flashWaitStates;
    private final Map<Long, BlockCost> costs = new HashMap<>();

    public BlockCostCache(CpuBackend cpu, BlockCostModel model, IntSupplier flashWaitStates) {
        this.cpu = cpu;
        this.model = model;
        this.flashWaitStates = flashWaitStates;
    }

    @Override
    public long packedCost(long address, int size) {
        BlockCost cost = model.cost(cpu.readMemory(address, size), address, regionOf(address), flashWaitStates.getAsInt());
        costs.put(key(address, size), cost);
        long cycles = Math.min(cost.cycles(), 0xFFFF_FFFFL);
        long instructions = Math.min(cost.instructions(), 0xFFFF);
        long penalty = Math.min(cost.takenBranchPenalty(), 0x7FFF);
        return cycles | (instructions << 32) | (penalty << 48);
    }

    public BlockCost costOf(long address, int size) {
        return costs.get(key(address, size));
    }

    public void clear() {
        costs.clear();
    }

    static CodeRegion regionOf(long address) {
        if (address >= Stm32f746MemoryMap.FLASH_BASE && address < Stm32f746MemoryMap.FLASH_BASE + Stm32f746MemoryMap.FLASH_SIZE) {
            return CodeRegion.FLASH_AXIM;
        }
        if (address >= Stm32f746MemoryMap.FLASH_ITCM_BASE && address < Stm32f746MemoryMap.FLASH_ITCM_BASE + Stm32f746MemoryMap.FLASH_SIZE) {
            return CodeRegion.FLASH_ITCM;
        }
        if (address < 16 * 1024) {
            return CodeRegion.ITCM_RAM;
        }
        return CodeRegion.SRAM;
    }

    private static long key(long address, int size) {
        return (address << 32) | (size & 0xFFFFFFFFL);
    }
}
