package org.tinysim.emulator.cycles;

/**
 * Extra cycles when a block's last instruction actually transfers control. A static model cannot
 * see the M7's branch predictor, so each kind of control transfer is charged its expected cost:
 * <table>
 *   <caption>taken-branch penalty</caption>
 *   <tr><th>last instruction</th><th>penalty</th><th>why</th></tr>
 *   <tr><td>B, BL, backward Bcc</td><td>0</td><td>[J] a predicted taken branch "is capable of dual
 *       issuing with one instruction at destination address"; unconditional direct branches are
 *       always predicted and a loop's backward branch is predicted taken after its first iteration
 *       (measured: subs/bne loop at 1 cycle per iteration)</td></tr>
 *   <tr><td>forward Bcc, CBZ, CBNZ</td><td>4</td><td>[A] half of the measured 8-cycle mispredict
 *       [J]: a forward conditional is usually a data-dependent if, taken or not with no bias</td></tr>
 *   <tr><td>BX, BLX, MOV/ADD pc (register target)</td><td>4</td><td>[A] half of 8: the target is
 *       predicted only when it repeats (returns to varying call sites do not)</td></tr>
 *   <tr><td>POP {pc}, LDM/LDR pc, TBB/TBH (target from memory)</td><td>5</td><td>[A] as register
 *       targets plus one cycle: the target arrives from the load stage, one cycle after an ALU
 *       result would</td></tr>
 *   <tr><td>anything else (including SVC, BKPT: exception entry is costed elsewhere)</td><td>0</td>
 *       <td>-</td></tr>
 * </table>
 * The measured 8-cycle mispredict of a loop's exit (predicted taken, falls through) is not charged:
 * the fall-through path cannot be told apart statically.
 */
final class BranchPenalties {
    static final int MISPREDICT = 8;
    static final int PREDICTED_TAKEN = 0;
    static final int UNBIASED_CONDITIONAL = MISPREDICT / 2;
    static final int REGISTER_TARGET = MISPREDICT / 2;
    static final int MEMORY_TARGET = REGISTER_TARGET + 1;

    private BranchPenalties() {
    }

    static int takenPenalty(Instruction last) {
        if (!last.writesPc()) {
            return 0;
        }
        if (last.directBranch()) {
            boolean backward = last.branchOffset() <= 0;
            return last.kind() == InstructionClass.BRANCH_CONDITIONAL && !backward
                    ? UNBIASED_CONDITIONAL : PREDICTED_TAKEN;
        }
        return last.isLoad() ? MEMORY_TARGET : REGISTER_TARGET;
    }
}
