package org.tinysim.emulator.cycles;

/**
 * Static cost of one basic block.
 *
 * @param cycles              cycles for executing the whole block, assuming the final branch
 *                            (if any) is not taken
 * @param instructions        number of instructions in the block
 * @param takenBranchPenalty  extra cycles when the block's last instruction transfers control
 *                            (taken branch, or a write to PC); 0 if it cannot
 * @param instructionOffsets  byte offset of each instruction from the block start
 * @param cyclesBefore        cycles spent in the block before each instruction starts, so a
 *                            mid-block clock read (DWT->CYCCNT) is exact to the instruction
 * @param classCounts         instructions per {@link InstructionClass#ordinal()} (for reports)
 */
public record BlockCost(int cycles, int instructions, int takenBranchPenalty,
                        int[] instructionOffsets, int[] cyclesBefore, int[] classCounts) {

    /** Cycles spent before the instruction at {@code offset} (bytes from the block start). */
    public int cyclesBeforeOffset(int offset) {
        for (int i = instructionOffsets.length - 1; i >= 0; i--) {
            if (instructionOffsets[i] <= offset) {
                return cyclesBefore[i];
            }
        }
        return 0;
    }
}
