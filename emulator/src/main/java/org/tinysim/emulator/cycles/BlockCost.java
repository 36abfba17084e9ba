package org.tinysim.emulator.cycles;

/**
 * Static cost of one basic block.
 *
 * @param cycles cycles for executing the whole block, assuming the final branch (if any) is not
 *     taken
 * @param instructions number of instructions in the block
 * @param takenBranchPenalty extra cycles when the block's last instruction transfers control and is
 *     not left to the branch predictor (indirect branches); 0 otherwise
 * @param instructionOffsets byte offset of each instruction from the block start
 * @param cyclesBefore cycles spent in the block before each instruction starts, so a mid-block
 *     clock read (DWT->CYCCNT) is exact to the instruction
 * @param classCounts instructions per {@link InstructionClass#ordinal()} (for reports)
 * @param predictedBranch the block ends in a direct conditional branch (Bcc, CBZ, CBNZ) whose
 *     direction the native hook predicts at run time
 * @param backwardBranch that branch jumps backwards (predicted taken until proven otherwise)
 * @param mispredictPenalty cycles a wrong prediction of that branch costs (8, or 6 when its flags
 *     were set at least 3 cycles before it)
 * @param stalls the block's stall cycles by cause
 * @param accessBases per instruction, the base register of an immediate-offset load/store, else -1:
 *     lets a device read find which instruction is reading it
 * @param dataProbe register | {@link DataMemoryModel.Target} ordinal << 8 that the data side's
 *     costs assume (re-costed when it moves), or -1
 * @param dataFraction data-side cycles per execution beyond {@code cycles}, in 1/256 (0..255); the
 *     hook carries them over from one execution to the next
 * @param tail the result still in flight when the block ends, for the next block ({@link
 *     BlockHandOver#tail}); 0 = none
 * @param firstUses per register, the cycle the block first reads it ({@link
 *     BlockHandOver#firstUses})
 * @param endsInCall the block ends in BL or BLX: the return address is pushed on the return stack
 * @param endsInReturn the block ends in a return-type branch (BX LR, POP/LDM SP! with PC, LDR pc,
 *     [sp]): predicted from the return stack
 */
public record BlockCost(
    int cycles,
    int instructions,
    int takenBranchPenalty,
    int[] instructionOffsets,
    int[] cyclesBefore,
    int[] classCounts,
    boolean predictedBranch,
    boolean backwardBranch,
    int mispredictPenalty,
    StallCounts stalls,
    int[] accessBases,
    int dataProbe,
    int dataFraction,
    int tail,
    byte[] firstUses,
    boolean endsInCall,
    boolean endsInReturn) {

  /** Cycles spent before the instruction at {@code offset} (bytes from the block start). */
  public int cyclesBeforeOffset(int offset) {
    for (int i = instructionOffsets.length - 1; i >= 0; i--) {
      if (instructionOffsets[i] <= offset) {
        return cyclesBefore[i];
      }
    }
    return 0;
  }

  /**
   * Per instruction, {@code accessBases | cyclesBefore << 8} (0xFFFFFF: unknown), or -1 where it
   * does no immediate-offset access: the native hook's table for locating a device read.
   */
  public int[] packedAccesses() {
    int[] packed = new int[accessBases.length];
    for (int i = 0; i < packed.length; i++) {
      int before = i < cyclesBefore.length ? Math.min(cyclesBefore[i], 0xFFFFFF) : 0xFFFFFF;
      packed[i] = accessBases[i] < 0 ? -1 : accessBases[i] | before << 8;
    }
    return packed;
  }
}
