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
 *   <li>Indirect branches (BX, BLX, MOV/ADD pc, POP {pc}, LDM/LDR pc, TBB/TBH), returns included,
 *       with a branch table (v3): the native hook keeps each one's last target in the table the
 *       conditional branches use (the M7's BTAC holds "branch predictor state and target address",
 *       TRM DDI 0489 prefetch unit; no return stack is documented). The same target again costs 0,
 *       like any predicted taken branch; another target, or a lost entry, costs {@link
 *       #REGISTER_TARGET_MISS} = a mispredict, resolved in execute, or {@link #MEMORY_TARGET_MISS}
 *       one more when the target is loaded [A].
 *   <li>Without a table (v2) every taken indirect branch pays a static {@link #REGISTER_TARGET}
 *       [A], half of a mispredict, or {@link #MEMORY_TARGET} one more for a target from memory.
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

  /** Target from a register missing in the branch table: resolved in execute, like a mispredict. */
  static final int REGISTER_TARGET_MISS = MISPREDICT;

  /** Target from memory missing in the branch table: one more [A], as for the static penalty. */
  static final int MEMORY_TARGET_MISS = REGISTER_TARGET_MISS + 1;

  /**
   * Penalty of a taken control transfer the conditional predictor does not handle: with a branch
   * table (v3) what an indirect branch pays when the table does not hold its target (the hook
   * charges nothing when it does), else (v2) the static expected penalty of every taken exit.
   */
  static int takenPenalty(Instruction last, boolean branchTable) {
    if (!last.writesPc() || predicted(last)) {
      return 0;
    }
    if (last.directBranch()) {
      return PREDICTED_TAKEN;
    }
    if (branchTable) {
      return last.isLoad() ? MEMORY_TARGET_MISS : REGISTER_TARGET_MISS;
    }
    return last.isLoad() ? MEMORY_TARGET : REGISTER_TARGET;
  }

  /** BL, BLX register: writes LR with the return address (a return stack pushes it). */
  static boolean call(Instruction last) {
    return last.writesPc() && last.has(Instruction.FLAG_LINK);
  }

  /**
   * A return-type branch: BX LR (or MOV pc, lr), POP {..., pc}, LDM SP!, {..., pc}, LDR pc, [sp],
   * #4; the forms a return stack pops (Cortex-R4/R5 TRM, prefetch unit).
   */
  static boolean returns(Instruction last) {
    if (!last.writesPc() || last.directBranch() || last.has(Instruction.FLAG_LINK)) {
      return false;
    }
    int used = last.uses() & 0xFFFF;
    if (last.isLoad()) {
      return used == RegisterMask.core(RegisterMask.SP);
    }
    return used == RegisterMask.core(RegisterMask.LR);
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
