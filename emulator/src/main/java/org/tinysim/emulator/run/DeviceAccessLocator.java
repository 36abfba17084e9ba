package org.tinysim.emulator.run;

import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.cpu.CycleCounter;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cycles.BlockCost;

/**
 * Finds which instruction of the running block performs a device access, so a mid-block clock read
 * (DWT->CYCCNT) is exact to the instruction. Unicorn does not update the PC inside a translated
 * block, but core registers are current at a device access: the access belongs to the first
 * immediate-offset load/store after the previous access of this block execution whose base
 * register points into the accessed 4 KiB page. The search runs only when a device asks for the
 * time during the access, so ordinary register traffic costs one field write.
 */
public final class DeviceAccessLocator implements CpuBackend.MmioHandler {
    private static final long PAGE = 4096;

    private final CpuBackend cpu;
    private final CycleCounter counter;
    private final BlockCostCache costs;
    private final CpuBackend.MmioHandler bus;
    private long blockStart = -1;
    private long blockAddress = -1;
    private int lastIndex = -1;
    private int currentIndex = -1;
    private long accessAddress = -1;
    private boolean located;

    public DeviceAccessLocator(CpuBackend cpu, CycleCounter counter, BlockCostCache costs, CpuBackend.MmioHandler bus) {
        this.cpu = cpu;
        this.counter = counter;
        this.costs = costs;
        this.bus = bus;
    }

    @Override
    public long read(long address, int width) {
        accessAddress = address;
        located = false;
        try {
            return bus.read(address, width);
        } finally {
            accessAddress = -1;
        }
    }

    @Override
    public void write(long address, int width, long value) {
        accessAddress = address;
        located = false;
        try {
            bus.write(address, width, value);
        } finally {
            accessAddress = -1;
        }
    }

    /** Cycles from the block's start to the instruction doing the current device access; -1 if unknown. */
    public int cyclesIntoBlock() {
        if (accessAddress < 0) {
            return -1;
        }
        if (!located) { // a device may ask for the time more than once per access
            locate(accessAddress);
            located = true;
        }
        if (currentIndex < 0) {
            return -1;
        }
        BlockCost cost = costs.costOf(counter.blockAddress(), counter.blockSize());
        return cost == null || currentIndex >= cost.cyclesBefore().length ? -1 : cost.cyclesBefore()[currentIndex];
    }

    private void locate(long address) {
        if (counter.blockStartCycles() != blockStart || counter.blockAddress() != blockAddress) {
            blockStart = counter.blockStartCycles();
            blockAddress = counter.blockAddress();
            lastIndex = -1;
        }
        currentIndex = -1;
        BlockCost cost = costs.costOf(counter.blockAddress(), counter.blockSize());
        if (cost == null) {
            return;
        }
        int[] bases = cost.accessBases();
        for (int i = lastIndex + 1; i < bases.length; i++) {
            if (bases[i] < 0 || bases[i] == 15) {
                continue;
            }
            long base = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.core(bases[i])));
            if (Math.abs(address - base) < PAGE) {
                lastIndex = i;
                currentIndex = i;
                return;
            }
        }
    }
}
