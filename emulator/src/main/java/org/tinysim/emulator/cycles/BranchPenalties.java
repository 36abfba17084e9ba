package org.tinysim.emulator.cycles;

/**
 * What a block's final control transfer costs beyond its issue slot.
 *
 * <ul>
 *   <li>Direct conditional branches (Bcc, CBZ, CBNZ) go to the native hook's dynamic predictor (a
 *       2-bit counter per branch, first guess backward = taken, forward = not taken). A correct
 *       prediction costs 0 ([J]: a predicted taken branch dual-issues with its target, a not-taken
 *       one with its successor; measured subs/bne loop 1 cycle per iteration). A wrong one costs
 *       {@link #MISPREDICT}, or {@link #MISPREDICT_EARLY_FLAGS} when the instruction that set its
 *       condition issued at least {@link #EARLY_FLAGS_DISTANCE} cycles before it [J].
 *   <li>B and BL: always predicted, 0.
 *   <li>BX, BLX, MOV/ADD pc (target in a register): {@link #REGISTER_TARGET} [A], half of a
 *       mispredict, since the BTAC predicts a target only when it repeats.
 *   <li>POP {pc}, LDM/LDR pc, TBB/TBH (target from memory): one more [A], the target comes from the
 *       load stage.
 *   <li>SVC, BKPT and the rest: 0 (exception entry is costed by the exception model).
 * </ul>
 */
final class BranchPenalties {
  static final int MISPREDICT = 8;
  static final int MISPREDICT_EARLY_FLAGS = 6;
  static final int EARLY_FLAGS_DISTANCE = 3;
  static final int PREDICTED_TAKEN = 0;
  static final int REGISTER_TARGET = MISPREDICT / 2;
  static final int MEMORY_TARGET = REGISTER_TARGET + 1;

  private BranchPenalties() {}

  /** Static penalty of a taken control transfer the predictor does not handle. */
  static int takenPenalty(Instruction last) {
    if (!last.writesPc() || predicted(last)) {
      return 0;
    }
    if (last.directBranch()) {
      return PREDICTED_TAKEN;
    }
    return last.isLoad() ? MEMORY_TARGET : REGISTER_TARGET;
  }

  /** Direct conditional branches are left to the dynamic predictor. */
  static boolean predicted(Instruction last) {
    return last.directBranch() && last.kind() == InstructionClass.BRANCH_CONDITIONAL;
  }

  /**
   * Mispredict cost of the block's last instruction: 6 when the last instruction writing what it
   * tests (flags, or CBZ's register) issued at least 3 cycles before it, else 8. With no writer in
   * the block, the distance counts from the block's first cycle.
   */
  static int mispredictPenalty(Instruction[] block, int[] issueCycle, int startCycle) {
    int branch = block.length - 1;
    int tested = block[branch].uses();
    int setterCycle = startCycle - 1;
    for (int i = branch - 1; i >= 0; i--) {
      if ((block[i].defs() & tested) != 0) {
        setterCycle = issueCycle[i];
        break;
      }
    }
    return issueCycle[branch] - setterCycle >= EARLY_FLAGS_DISTANCE
        ? MISPREDICT_EARLY_FLAGS
        : MISPREDICT;
  }
}
